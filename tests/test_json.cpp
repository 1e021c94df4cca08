// The strict JSON reader: what it accepts, and the exact message, line and
// column of everything it refuses.
#include "io/json.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

namespace {

using ap::json::parse;
using ap::json::Type;
using ap::json::Value;

Value parseOk(std::string_view text) {
    auto r = parse(text);
    EXPECT_TRUE(r.status.ok) << text << " -> " << r.line << ":" << r.column << ": " << r.status.message;
    return r.value;
}

TEST(Json, ScalarsAndContainers) {
    Value v = parseOk(R"( {"a": [1, -2.5, true, false, null, "x"], "b": {}, "c": []} )");
    ASSERT_EQ(v.type, Type::Object);
    ASSERT_EQ(v.object.size(), 3u);
    EXPECT_EQ(v.object[0].first, "a");  // file order kept
    const Value* a = v.find("a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->array.size(), 6u);
    EXPECT_EQ(a->array[0].number, 1.0);
    EXPECT_TRUE(a->array[0].numberIsInteger);
    EXPECT_EQ(a->array[1].number, -2.5);
    EXPECT_FALSE(a->array[1].numberIsInteger);
    EXPECT_TRUE(a->array[2].boolean);
    EXPECT_EQ(a->array[3].type, Type::Bool);
    EXPECT_FALSE(a->array[3].boolean);
    EXPECT_EQ(a->array[4].type, Type::Null);
    EXPECT_EQ(a->array[5].string, "x");
    EXPECT_EQ(v.find("b")->type, Type::Object);
    EXPECT_EQ(v.find("c")->type, Type::Array);
    EXPECT_EQ(v.find("d"), nullptr);
    EXPECT_STREQ(ap::json::typeName(Type::Object), "object");
    EXPECT_STREQ(ap::json::typeName(Type::Bool), "boolean");
}

TEST(Json, TopLevelScalars) {
    EXPECT_EQ(parseOk("3").number, 3.0);
    EXPECT_EQ(parseOk(" \"s\" ").string, "s");
    EXPECT_EQ(parseOk("null").type, Type::Null);
}

TEST(Json, Numbers) {
    struct Case {
        const char* text;
        double value;
        bool integer;
    };
    const Case cases[] = {
        {"0", 0.0, true},
        {"-0", -0.0, true},
        {"12345678901234567890", 12345678901234567890.0, true},
        {"1e2", 100.0, false},
        {"1E+2", 100.0, false},
        {"2.5e-3", 0.0025, false},
        {"0.1", 0.1, false},
        {"4.9e-324", 4.9e-324, false},  // the smallest denormal double
        {"1.7976931348623157e308", 1.7976931348623157e308, false},
        {"1e-400", 0.0, false},  // underflows to zero: still a number
        {"-1e-400", -0.0, false},
        {"0.0000000000000000000000000000000000000000000000000000000000000000000000000001e-300", 0.0, false},
    };
    for (const Case& c : cases) {
        Value v = parseOk(c.text);
        EXPECT_EQ(v.type, Type::Number) << c.text;
        EXPECT_EQ(v.number, c.value) << c.text;
        EXPECT_EQ(std::signbit(v.number), std::signbit(c.value)) << c.text;
        EXPECT_EQ(v.numberIsInteger, c.integer) << c.text;
    }
}

TEST(Json, NumbersAlsoAsFloat) {
    EXPECT_EQ(parseOk("0.1").numberFloat, 0.1f);
    EXPECT_EQ(parseOk("1e-45").numberFloat, 1e-45f);
    EXPECT_TRUE(std::signbit(parseOk("-0").numberFloat));
    EXPECT_EQ(parseOk("1e-50").numberFloat, 0.0f);
    EXPECT_EQ(parseOk("1e39").numberFloat, std::numeric_limits<float>::infinity());
    EXPECT_EQ(parseOk("-1e39").numberFloat, -std::numeric_limits<float>::infinity());
    EXPECT_EQ(parseOk("1e39").number, 1e39);  // still a fine double
    // The one float whose shortest text rounds wrongly through double: the
    // double is exactly halfway between two floats, and ties go to even.
    const Value v = parseOk("7.038531e-26");
    EXPECT_EQ(v.numberFloat, 7.038531e-26f);
    EXPECT_NE(static_cast<float>(v.number), 7.038531e-26f);
}

TEST(Json, StringEscapes) {
    EXPECT_EQ(parseOk(R"("\" \\ \/ \b \f \n \r \t")").string, "\" \\ / \b \f \n \r \t");
    EXPECT_EQ(parseOk(R"("\u0041\u00e9\u20AC")").string, "A\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(parseOk(R"("\ud83d\ude00")").string, "\xF0\x9F\x98\x80");  // U+1F600 as a pair
    EXPECT_EQ(parseOk(R"("\u0000")").string, std::string(1, '\0'));
    EXPECT_EQ(parseOk("\"étudiant 日本 😀\"").string, "étudiant 日本 😀");
}

TEST(Json, ByteOrderMarkIsSkipped) {
    EXPECT_EQ(parseOk("\xEF\xBB\xBF[1]").array.size(), 1u);
    // ... and does not count as a column.
    auto r = parse("\xEF\xBB\xBF[1,]");
    EXPECT_EQ(r.column, 4);
}

TEST(Json, DepthLimit) {
    auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    EXPECT_TRUE(parse(nested(64)).status.ok);
    auto r = parse(nested(65));
    EXPECT_FALSE(r.status.ok);
    EXPECT_EQ(r.status.message, "nesting deeper than 64");
    EXPECT_EQ(r.line, 1);
    EXPECT_EQ(r.column, 65);
    EXPECT_EQ(parse(nested(3), 2).status.message, "nesting deeper than 2");
    // Far deeper than any call stack could recurse: refused, not crashed.
    EXPECT_EQ(parse(std::string(10'000'000, '[')).status.message, "nesting deeper than 64");
    std::string objects;
    for (int i = 0; i < 100; ++i) objects += "{\"a\":";
    EXPECT_EQ(parse(objects).status.message, "nesting deeper than 64");
}

TEST(Json, ManyKeysStayFast) {
    // Duplicate detection sorts instead of comparing every pair.
    std::string text = "{";
    for (int i = 0; i < 200'000; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    text += "}";
    const auto start = std::chrono::steady_clock::now();
    auto r = parse(text);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(r.status.ok);
    EXPECT_EQ(r.value.object.size(), 200'000u);
    EXPECT_LT(elapsed, std::chrono::seconds(5));
}

struct BadCase {
    std::string text;
    int line;
    int column;
    std::string error;
};

TEST(Json, ErrorsWithLineAndColumn) {
    const BadCase cases[] = {
        {"", 1, 1, "unexpected end of input, expected a value"},
        {"   \n  ", 2, 3, "unexpected end of input, expected a value"},
        {"[1 2]", 1, 4, "expected ',' or ']'"},
        {"[1,\n 2\n 3]", 3, 2, "expected ',' or ']'"},
        {"[1, 2", 1, 6, "unexpected end of input, expected ',' or ']'"},
        {"[1,]", 1, 4, "expected a value"},
        {"[,1]", 1, 2, "expected a value"},
        {"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"},
        {"{\"a\" 1}", 1, 6, "expected ':'"},
        {"{\"a\": 1,}", 1, 9, "expected a string key"},
        {"{a: 1}", 1, 2, "expected a string key or '}'"},
        {"{\"a\": }", 1, 7, "expected a value"},
        {"{\"a\": 1", 1, 8, "unexpected end of input, expected ',' or '}'"},
        {"{\"a\": 1, \"b\": 2, \"a\": 3}", 1, 18, "duplicate key \"a\""},
        {"{\"x\\n\": 1, \"x\\u000a\": 2}", 1, 12, "duplicate key \"x\\n\""},  // same key, escaped
        {"[\"abc", 1, 2, "unterminated string"},
        {"[\"abc\n\"]", 1, 2, "unterminated string"},
        {"\"abc\\", 1, 1, "unterminated string"},
        {"\"a\tb\"", 1, 3, "control character U+0009 in string (write it as an escape)"},
        {"\"a\x01\"", 1, 3, "control character U+0001 in string (write it as an escape)"},
        {"\"\\x\"", 1, 2, "invalid escape '\\x' in string"},
        {"\"\\u12G4\"", 1, 2, "invalid \\u escape (expected four hex digits)"},
        {"\"\\u12\"", 1, 2, "invalid \\u escape (expected four hex digits)"},
        {"\"\\ud83d\"", 1, 2, "invalid \\u escape: unpaired high surrogate"},
        {"\"\\ud83d\\u0041\"", 1, 2, "invalid \\u escape: unpaired high surrogate"},
        {"\"\\ude00\"", 1, 2, "invalid \\u escape: unpaired low surrogate"},
        {"\"\xC3\"", 1, 2, "invalid UTF-8 in string"},              // truncated sequence
        {"\"\xC0\xAF\"", 1, 2, "invalid UTF-8 in string"},          // overlong '/'
        {"\"\xED\xA0\x80\"", 1, 2, "invalid UTF-8 in string"},      // encoded surrogate
        {"\"\xF4\x90\x80\x80\"", 1, 2, "invalid UTF-8 in string"},  // above U+10FFFF
        {"\"\xFF\"", 1, 2, "invalid UTF-8 in string"},
        {"\"é\xE9\"", 1, 3, "invalid UTF-8 in string"},  // Latin-1 after UTF-8
        {"[01]", 1, 2, "invalid number"},
        {"[1.]", 1, 2, "invalid number"},
        {"[.5]", 1, 2, "invalid number"},
        {"[+1]", 1, 2, "invalid number"},
        {"[1e]", 1, 2, "invalid number"},
        {"[1e+]", 1, 2, "invalid number"},
        {"[-]", 1, 2, "invalid number"},
        {"[0x10]", 1, 2, "invalid number"},
        {"[1.5.2]", 1, 2, "invalid number"},
        {"[1e999]", 1, 2, "number out of range"},
        {"[-1e999]", 1, 2, "number out of range"},
        {"[123456789e301]", 1, 2, "number out of range"},
        {"[NaN]", 1, 2, "NaN is not valid JSON"},
        {"[nan]", 1, 2, "NaN is not valid JSON"},
        {"[-NaN]", 1, 2, "NaN is not valid JSON"},
        {"[Infinity]", 1, 2, "Infinity is not valid JSON"},
        {"[-Infinity]", 1, 2, "Infinity is not valid JSON"},
        {"[inf]", 1, 2, "Infinity is not valid JSON"},
        {"[tru]", 1, 2, "expected a value"},
        {"[truex]", 1, 2, "expected a value"},
        {"[True]", 1, 2, "expected a value"},
        {"[undefined]", 1, 2, "expected a value"},
        {"{} {}", 1, 4, "trailing characters after the document"},
        {"[1]]", 1, 4, "trailing characters after the document"},
        {"1 2", 1, 3, "trailing characters after the document"},
        {"// comment\n[1]", 1, 1, "expected a value"},
        {"['a']", 1, 2, "expected a value"},
        // Columns count code points, not bytes: "é" and "日本" are one column each.
        {"[\"é\", \"日本\" x]", 1, 12, "expected ',' or ']'"},
        {"{\n  \"a\": [1, 2],\n  \"b\": [3 4]\n}", 3, 11, "expected ',' or ']'"},
        {"[1,\r\n2,\r\n]", 3, 1, "expected a value"},
    };
    for (const BadCase& c : cases) {
        auto r = parse(c.text);
        EXPECT_FALSE(r.status.ok) << c.text;
        EXPECT_EQ(r.status.message, c.error) << c.text;
        EXPECT_EQ(r.line, c.line) << c.text;
        EXPECT_EQ(r.column, c.column) << c.text;
    }
}

TEST(Json, QuoteForMessages) {
    using ap::json::quote;
    EXPECT_EQ(quote("plain é"), "\"plain é\"");
    EXPECT_EQ(quote("a\"b\\c\nd\x01"), R"("a\"b\\c\nd\u0001")");
    EXPECT_EQ(quote("abcdef", 3), "\"abc...\"");
    // Never cuts a character in half: "é" is two bytes.
    EXPECT_EQ(quote("aé", 2), "\"a...\"");
    EXPECT_EQ(quote("abc", 3), "\"abc\"");
    // What quote() writes reads back as the same string.
    const std::string tricky = "\x01\x1f \" \\ / \t 日本 😀";
    EXPECT_EQ(parse(quote(tricky)).value.string, tricky);
}

TEST(Json, EmbeddedNulTerminatesNothing) {
    // A string_view with a NUL inside: the parser must look past it.
    const std::string text("[1]\0", 4);
    auto r = parse(text);
    EXPECT_EQ(r.status.message, "trailing characters after the document");
    EXPECT_EQ(r.column, 4);
}

}  // namespace
