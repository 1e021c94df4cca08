# Turns the Unicode data file (engine/tokenizer/unicode_data.txt, written by
# scripts/gen_unicode_tables.py) into the C++ arrays that
# engine/tokenizer/unicode_tables.h declares. Run at build time:
#
#   cmake -DIN=unicode_data.txt -DOUT=unicode_tables.cpp -P EmbedUnicodeTables.cmake
#
# The data file is a section a table: "@name count", then the records, fields
# separated by one space, records by more. Each section below names the
# array it becomes, its element type, the constant that holds its length
# ("" for none), how many fields a record has and the C++ initializer of one
# record. A section that is missing, unknown or of the wrong length stops the
# build with a message naming the file and the section.
cmake_minimum_required(VERSION 3.25)

set(sections categories combining canonical canonical-data compatibility compatibility-data compositions lowercase
             lowercase-special casefold)

function(describe section type array count fields record)
    set(type_${section} "${type}" PARENT_SCOPE)
    set(array_${section} "${array}" PARENT_SCOPE)
    set(count_${section} "${count}" PARENT_SCOPE)
    set(fields_${section} "${fields}" PARENT_SCOPE)
    set(record_${section} "${record}" PARENT_SCOPE)
endfunction()

describe(categories "std::uint32_t" kCategoryRuns kCategoryRunCount 1 "\\1")
describe(combining CombiningRange kCombiningClasses kCombiningClassCount 3 "{\\1, \\2, \\3}")
describe(canonical DecompositionEntry kCanonical kCanonicalCount 3 "{\\1, \\2, \\3}")
describe(canonical-data char32_t kCanonicalData "" 1 "\\1")
describe(compatibility DecompositionEntry kCompatibility kCompatibilityCount 3 "{\\1, \\2, \\3}")
describe(compatibility-data char32_t kCompatibilityData "" 1 "\\1")
describe(compositions Composition kCompositions kCompositionCount 3 "{\\1, \\2, \\3}")
describe(lowercase CaseRange kLowercase kLowercaseCount 4 "{\\1, \\2, \\3, \\4}")
describe(lowercase-special SpecialCase kLowercaseSpecial kLowercaseSpecialCount 4 "{\\1, {\\2, \\3, \\4}}")
describe(casefold CaseRange kCaseFold kCaseFoldCount 4 "{\\1, \\2, \\3, \\4}")

file(STRINGS "${IN}" lines)
set(version "")
set(section "")
set(body "")

# Closes the section being read: checks its length and appends its array.
macro(close_section)
    if(section)
        math(EXPR expected "${declared} * ${fields_${section}}")
        if(NOT seen EQUAL expected)
            message(FATAL_ERROR "${IN}: section @${section} declares ${declared} records "
                                "(${expected} fields) but holds ${seen} fields")
        endif()
        string(APPEND body "const ${type_${section}} ${array_${section}}[] = {\n${records}};\n")
        if(count_${section})
            string(APPEND body "const std::size_t ${count_${section}} = ${declared};\n")
        endif()
        string(APPEND body "\n")
        list(REMOVE_ITEM missing ${section})
    endif()
endmacro()

set(missing ${sections})
foreach(line IN LISTS lines)
    if(line MATCHES "^#" OR line STREQUAL "")
        continue()
    elseif(line MATCHES "^@version ([0-9.]+)$")
        set(version "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^@([a-z-]+) ([0-9]+)$")
        close_section()
        set(section "${CMAKE_MATCH_1}")
        set(declared "${CMAKE_MATCH_2}")
        if(NOT section IN_LIST sections)
            message(FATAL_ERROR "${IN}: unknown section @${section}")
        endif()
        set(seen 0)
        set(records "")
        # One record: as many space-separated fields as the section has.
        string(REPEAT "([^ ]+) " ${fields_${section}} pattern)
        string(REGEX REPLACE " $" "( +|$)" pattern "${pattern}")
    elseif(section)
        string(REGEX MATCHALL "[^ ]+" tokens "${line}")
        list(LENGTH tokens n)
        math(EXPR seen "${seen} + ${n}")
        string(REGEX REPLACE "${pattern}" "${record_${section}}, " line "${line}")
        string(APPEND records "    ${line}\n")
    else()
        message(FATAL_ERROR "${IN}: data before the first section: ${line}")
    endif()
endforeach()
close_section()
if(missing)
    message(FATAL_ERROR "${IN}: sections missing: ${missing}")
endif()
if(NOT version)
    message(FATAL_ERROR "${IN}: no @version line")
endif()

set(text "// Generated at build time from unicode_data.txt by EmbedUnicodeTables.cmake.\n")
string(APPEND text "#include \"tokenizer/unicode_tables.h\"\n\nnamespace ap::tokenizer::unicode_tables {\n\n")
string(APPEND text "const char* const kUnicodeVersion = \"${version}\";\n\n${body}")
string(APPEND text "}  // namespace ap::tokenizer::unicode_tables\n")
# Written beside and moved in place, so that a stopped build leaves no half
# file that a later one would take as current.
file(WRITE "${OUT}.part" "${text}")
file(RENAME "${OUT}.part" "${OUT}")
