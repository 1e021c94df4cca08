// The engine's one way of reporting failure: a Status, or a Result<T> that
// carries a value on success. Messages are complete sentences for the user
// ("scene.json: queries.matrix[2][5]: not a finite number"); nothing is
// thrown across the engine's interface.
#pragma once

#include <string>
#include <utility>

namespace ap {

// [[nodiscard]]: a failure that nobody reads is a bug.
struct [[nodiscard]] Status {
    bool ok = true;
    std::string message;     // empty when ok
    bool cancelled = false;  // stopped on request, not by an error

    static Status success() { return {}; }
    static Status error(std::string m) { return {false, std::move(m), false}; }
    static Status cancelledByUser() { return {false, "cancelled", true}; }
    explicit operator bool() const { return ok; }
};

// A value, or the message saying why there is none. `ok` and `error` read
// like a Status's; `value` is default-constructed on failure.
template <class T>
struct [[nodiscard]] Result {
    bool ok = false;
    T value{};
    std::string error;

    static Result success(T v) { return {true, std::move(v), {}}; }
    static Result failure(std::string message) { return {false, T{}, std::move(message)}; }
    Status status() const { return ok ? Status::success() : Status::error(error); }
};

}  // namespace ap
