#include "io/scene_capture.h"

#include <charconv>
#include <climits>
#include <system_error>

namespace ap::scene_file {

std::string formatWhole(double d) {
    if (std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

namespace {

class Pass {
public:
    explicit Pass(std::string_view text) : r_(text, limits::kMaxJsonDepth) {}
    void run(Captured& c);
    const json::Reader& reader() const { return r_; }
    bool failed() const { return failed_; }

private:
    // A syntax error ends the pass: the reader gives Error from then on,
    // which ends every loop below as its closing event would.
    Event next() {
        const Event e = r_.next();
        if (e == Event::Error) failed_ = true;
        return e;
    }
    static bool inside(Event e, Event end) { return e != end && e != Event::Error; }
    static Type typeOf(Event e, const Value& scalar) {
        if (e == Event::ArrayBegin) return Type::Array;
        if (e == Event::ObjectBegin) return Type::Object;
        return scalar.type;
    }
    // Consumes the rest of a value whose first event was `e`.
    void skip(Event e) {
        if (e != Event::ArrayBegin && e != Event::ObjectBegin) return;
        const std::size_t depth = r_.depth();
        while (r_.depth() >= depth)
            if (next() == Event::Error) return;
    }
    // Calls member(key, firstEvent) for each member of the object whose
    // ObjectBegin was just read; member must consume the value.
    template <typename F>
    void members(F member) {
        for (;;) {
            const Event e = next();
            if (!inside(e, Event::ObjectEnd)) return;
            std::string key = std::move(r_.key());
            member(key, next());
        }
    }

    void scalar(Event e, Scalar& out);
    void numbers(Event e, Numbers& out, std::size_t maxCount);
    void rows(Event e, Rows& out, std::size_t maxRows);
    void strings(Event e, Strings& out);
    void bools(Event e, Bools& out);
    void cells(Event e, Cells& out);
    void input(Event e, Input& out);
    void headParams(Event e, Captured& c);

    json::Reader r_;
    bool failed_ = false;
};

void Pass::scalar(Event e, Scalar& out) {
    out.present = true;
    if (e == Event::Scalar) {
        out.value = std::move(r_.scalar());
    } else {
        out.value = Value{};
        out.value.type = typeOf(e, out.value);
        skip(e);
    }
}

void Pass::numbers(Event e, Numbers& out, std::size_t maxCount) {
    out = Numbers{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ArrayBegin) return skip(e);
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next()) {
        const std::size_t i = out.count++;
        Bad bad = Bad::None;
        if (x == Event::Scalar && r_.scalar().type == Type::Number) {
            const float f = r_.scalar().numberFloat;
            if (!std::isfinite(f))
                bad = Bad::NotFinite;
            else if (out.count <= maxCount && out.bad == Bad::None)
                out.data.push_back(f);
        } else {
            bad = Bad::NotNumber;
            skip(x);
        }
        if (bad != Bad::None && out.bad == Bad::None) {
            out.bad = bad;
            out.badIndex = i;
        }
    }
    if (out.count > maxCount || out.bad != Bad::None) out.data = {};
}

void Pass::rows(Event e, Rows& out, std::size_t maxRows) {
    out = Rows{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ArrayBegin) return skip(e);
    const std::size_t maxCols = std::size_t(limits::kMaxWidth);
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next()) {
        const std::size_t i = out.rows++;
        if (i >= maxRows) out.storing = false;
        if (x != Event::ArrayBegin) {
            if (out.firstNonArray == kNone) out.firstNonArray = i;
            out.storing = false;
            skip(x);
            continue;
        }
        std::size_t j = 0;
        for (Event y = next(); inside(y, Event::ArrayEnd); y = next(), ++j) {
            Bad bad = Bad::None;
            if (y == Event::Scalar && r_.scalar().type == Type::Number) {
                const float f = r_.scalar().numberFloat;
                if (!std::isfinite(f))
                    bad = Bad::NotFinite;
                else if (out.storing && j < maxCols)
                    out.data.push_back(f);
            } else {
                bad = Bad::NotNumber;
                skip(y);
            }
            if (bad != Bad::None && out.bad == Bad::None) {
                out.bad = bad;
                out.badRow = i;
                out.badCol = j;
                out.storing = false;
            }
        }
        if (i == 0) {
            out.cols = j;
            if (j > maxCols) out.storing = false;
        } else if (j != out.cols && out.firstRagged == kNone) {
            out.firstRagged = i;
            out.raggedCount = j;
            out.storing = false;
        }
        if (!out.storing && !out.data.empty()) out.data = {};
    }
}

void Pass::strings(Event e, Strings& out) {
    out = Strings{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ArrayBegin) return skip(e);
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next()) {
        const std::size_t i = out.count++;
        if (x == Event::Scalar && r_.scalar().type == Type::String) {
            if (i <= std::size_t(limits::kMaxTokens)) out.items.push_back(std::move(r_.scalar().string));
        } else {
            if (out.firstNonString == kNone) out.firstNonString = i;
            skip(x);
        }
    }
}

void Pass::bools(Event e, Bools& out) {
    out = Bools{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ArrayBegin) return skip(e);
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next()) {
        const std::size_t i = out.count++;
        if (x == Event::Scalar && r_.scalar().type == Type::Bool) {
            if (i <= std::size_t(limits::kMaxTokens)) out.items.push_back(r_.scalar().boolean);
        } else {
            if (out.firstNonBool == kNone) out.firstNonBool = i;
            skip(x);
        }
    }
}

void Pass::cells(Event e, Cells& out) {
    out = Cells{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ArrayBegin) return skip(e);
    std::size_t c = 0;
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next(), ++c) {
        const bool open = out.problem == Cells::Problem::None;
        if (x != Event::ArrayBegin) {
            skip(x);
            if (open) out.problem = Cells::Problem::NotPair, out.problemIndex = c;
            continue;
        }
        double v[2] = {0, 0};
        std::size_t notWhole = kNone;
        std::size_t n = 0;
        for (Event y = next(); inside(y, Event::ArrayEnd); y = next(), ++n) {
            if (y == Event::Scalar && n < 2 && isWhole(r_.scalar()))
                v[n] = r_.scalar().number;
            else if (n < 2 && notWhole == kNone)
                notWhole = n;
            skip(y);
        }
        if (!open) continue;
        if (n != 2) {
            out.problem = Cells::Problem::NotPair;
            out.problemIndex = c;
        } else if (notWhole != kNone) {
            out.problem = Cells::Problem::NotWhole;
            out.problemIndex = c;
            out.problemMember = notWhole;
        } else if (v[0] < 0 || v[0] > INT_MAX || v[1] < 0 || v[1] > INT_MAX) {
            out.problem = Cells::Problem::Range;
            out.problemIndex = c;
            out.problemI = v[0];
            out.problemJ = v[1];
        } else {
            out.pairs.emplace_back(int(v[0]), int(v[1]));
        }
    }
}

void Pass::input(Event e, Input& out) {
    out = Input{};
    out.present = true;
    out.type = typeOf(e, r_.scalar());
    if (e != Event::ObjectBegin) return skip(e);
    members([&](const std::string& key, Event x) {
        if (key == "matrix")
            rows(x, out.matrix, std::size_t(limits::kMaxTokens));
        else if (key == "tokens")
            strings(x, out.tokens);
        else
            skip(x);
    });
}

void Pass::headParams(Event e, Captured& c) {
    c.headParamsPresent = true;
    c.headParamsType = typeOf(e, r_.scalar());
    c.headParamsCount = 0;
    c.headParams.clear();
    if (e != Event::ArrayBegin) return skip(e);
    for (Event x = next(); inside(x, Event::ArrayEnd); x = next()) {
        // More entries than any legal heads count are refused by their
        // number alone; only the first ones are kept.
        if (c.headParamsCount++ > std::size_t(limits::kMaxHeads)) {
            skip(x);
            continue;
        }
        HeadEntry& entry = c.headParams.emplace_back();
        entry.isObject = x == Event::ObjectBegin;
        if (!entry.isObject) {
            skip(x);
            continue;
        }
        members([&](const std::string& key, Event y) {
            if (key == "W")
                rows(y, entry.W, std::size_t(limits::kMaxWidth));
            else if (key == "Wq")
                rows(y, entry.Wq, std::size_t(limits::kMaxAdditiveWidth));
            else if (key == "Wk")
                rows(y, entry.Wk, std::size_t(limits::kMaxAdditiveWidth));
            else if (key == "v")
                numbers(y, entry.v, std::size_t(limits::kMaxAdditiveWidth));
            else
                skip(y);
        });
    }
}

void Pass::run(Captured& c) {
    const Event first = next();
    c.rootType = typeOf(first, r_.scalar());
    if (first != Event::ObjectBegin) {
        skip(first);
    } else {
        members([&](const std::string& key, Event e) {
            if (key == "format")
                scalar(e, c.format);
            else if (key == "version")
                scalar(e, c.version);
            else if (key == "title")
                scalar(e, c.title);
            else if (key == "heads")
                scalar(e, c.heads);
            else if (key == "queries")
                input(e, c.queries);
            else if (key == "keys")
                input(e, c.keys);
            else if (key == "values")
                input(e, c.values);
            else if (key == "scoring") {
                c.scoringPresent = true;
                c.scoringType = typeOf(e, r_.scalar());
                if (e != Event::ObjectBegin) return skip(e);
                members([&](const std::string& k, Event x) {
                    if (k == "kind")
                        scalar(x, c.scoringKind);
                    else if (k == "head_params")
                        headParams(x, c);
                    else
                        skip(x);
                });
            } else if (key == "normalization") {
                c.normalizationPresent = true;
                c.normalizationType = typeOf(e, r_.scalar());
                if (e != Event::ObjectBegin) return skip(e);
                members([&](const std::string& k, Event x) {
                    if (k == "kind")
                        scalar(x, c.normKind);
                    else if (k == "temperature")
                        scalar(x, c.temperature);
                    else if (k == "k")
                        scalar(x, c.k);
                    else if (k == "samples")
                        scalar(x, c.samples);
                    else if (k == "seed")
                        scalar(x, c.seed);
                    else
                        skip(x);
                });
            } else if (key == "mask") {
                c.maskPresent = true;
                c.maskType = typeOf(e, r_.scalar());
                if (e != Event::ObjectBegin) return skip(e);
                members([&](const std::string& k, Event x) {
                    if (k == "causal")
                        scalar(x, c.causal);
                    else if (k == "key_padding")
                        bools(x, c.keyPadding);
                    else if (k == "cells")
                        cells(x, c.cells);
                    else
                        skip(x);
                });
            } else if (key == "projections") {
                c.projectionsPresent = true;
                c.projectionsType = typeOf(e, r_.scalar());
                if (e != Event::ObjectBegin) return skip(e);
                members([&](const std::string& k, Event x) {
                    const std::size_t bound = std::size_t(limits::kMaxWidth);
                    if (k == "Wq")
                        rows(x, c.Wq, bound);
                    else if (k == "Wk")
                        rows(x, c.Wk, bound);
                    else if (k == "Wv")
                        rows(x, c.Wv, bound);
                    else if (k == "Wo")
                        rows(x, c.Wo, bound);
                    else
                        skip(x);
                });
            } else {
                skip(e);
            }
        });
    }
    if (next() != Event::End) failed_ = true;  // unreachable: the tokenizer ends here
}

}  // namespace

Status capture(std::string_view text, Captured& out) {
    Pass pass(text);
    pass.run(out);
    if (!pass.failed()) return Status::success();
    const json::Location where = json::locate(text, pass.reader().errorOffset());
    return Status::error(std::to_string(where.line) + ":" + std::to_string(where.column) + ": " +
                         pass.reader().errorMessage());
}

}  // namespace ap::scene_file
