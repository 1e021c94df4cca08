// The names an enum's values have in files and on the command line, kept as
// one table per enum from which both directions follow, so that a value
// added to the table is named and read back alike. A table is an array of
// structs with members `value` (the enum) and `name` (a C string); it may
// carry more columns (scene.cpp's display names).
#pragma once

#include <iterator>
#include <optional>
#include <string_view>

namespace ap {

template <class E>
struct EnumName {
    E value;
    const char* name;
};

// The name of `value` in `table`, "?" for a value the table lacks (only a
// cast from a bad number makes one).
template <class Table, class E>
constexpr const char* nameIn(const Table& table, E value) {
    for (const auto& entry : table)
        if (entry.value == value) return entry.name;
    return "?";
}

// The value named `name` in `table` (exactly, case included), or none.
template <class Table>
constexpr auto valueIn(const Table& table, std::string_view name) -> std::optional<decltype(std::begin(table)->value)> {
    for (const auto& entry : table)
        if (name == entry.name) return entry.value;
    return std::nullopt;
}

}  // namespace ap
