#include "document/scene_edits.h"

#include "core/random.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace ui::edits {

int movedIndex(int index, int from, int to) {
    if (index == from) return to;
    if (from < to && index > from && index <= to) return index - 1;
    if (to < from && index >= to && index < from) return index + 1;
    return index;
}

void insertRows(ap::Matrix& m, int row, int count) {
    ap::Matrix out = ap::Matrix::Zero(m.rows() + count, m.cols());
    out.topRows(row) = m.topRows(row);
    out.bottomRows(m.rows() - row) = m.bottomRows(m.rows() - row);
    m.swap(out);
}

void removeRow(ap::Matrix& m, int row) {
    ap::Matrix out(m.rows() - 1, m.cols());
    out.topRows(row) = m.topRows(row);
    out.bottomRows(m.rows() - row - 1) = m.bottomRows(m.rows() - row - 1);
    m.swap(out);
}

void moveRow(ap::Matrix& m, int from, int to) {
    if (from == to) return;
    // Rows are contiguous (row-major), so a rotation of the rows' span moves
    // one row without a second matrix.
    float* data = m.data();
    const Eigen::Index w = m.cols();
    if (from < to)
        std::rotate(data + from * w, data + (from + 1) * w, data + (to + 1) * w);
    else
        std::rotate(data + to * w, data + from * w, data + (from + 1) * w);
}

void resizeColumns(ap::Matrix& m, int cols) {
    const Eigen::Index old = m.cols();
    m.conservativeResize(Eigen::NoChange, cols);
    if (cols > old) m.rightCols(cols - old).setZero();
}

void resizeRows(ap::Matrix& m, int rows) {
    const Eigen::Index old = m.rows();
    m.conservativeResize(rows, Eigen::NoChange);
    if (rows > old) m.bottomRows(rows - old).setZero();
}

std::vector<std::string> materializedTokens(const std::vector<std::string>& tokens, int count, char prefix) {
    if (!tokens.empty()) return tokens;
    std::vector<std::string> out;
    out.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) out.push_back(std::string(1, prefix).append(std::to_string(i)));
    return out;
}

std::string uniqueLabel(const std::vector<std::string>& tokens, char prefix) {
    for (int n = int(tokens.size());; ++n) {
        std::string label = std::string(1, prefix).append(std::to_string(n));
        if (std::find(tokens.begin(), tokens.end(), label) == tokens.end()) return label;
    }
}

namespace {

int& sideIndex(std::pair<int, int>& cell, Side side) { return side == Side::Queries ? cell.first : cell.second; }

}  // namespace

void insertInMask(ap::MaskSpec& mask, Side side, int row, int count) {
    if (side == Side::Keys && !mask.keyPadding.empty())
        mask.keyPadding.insert(mask.keyPadding.begin() + row, std::size_t(count), false);
    for (auto& cell : mask.cells) {
        int& i = sideIndex(cell, side);
        if (i >= row) i += count;
    }
}

void removeFromMask(ap::MaskSpec& mask, Side side, int row) {
    if (side == Side::Keys && std::size_t(row) < mask.keyPadding.size())
        mask.keyPadding.erase(mask.keyPadding.begin() + row);
    std::erase_if(mask.cells, [&](auto& cell) { return sideIndex(cell, side) == row; });
    for (auto& cell : mask.cells) {
        int& i = sideIndex(cell, side);
        if (i > row) --i;
    }
}

void moveInMask(ap::MaskSpec& mask, Side side, int from, int to) {
    if (side == Side::Keys && std::size_t(std::max(from, to)) < mask.keyPadding.size()) {
        auto& p = mask.keyPadding;
        if (from < to)
            std::rotate(p.begin() + from, p.begin() + from + 1, p.begin() + to + 1);
        else
            std::rotate(p.begin() + to, p.begin() + from, p.begin() + from + 1);
    }
    for (auto& cell : mask.cells) {
        int& i = sideIndex(cell, side);
        i = movedIndex(i, from, to);
    }
}

void fitMask(ap::MaskSpec& mask, int queries, int keys) {
    if (!mask.keyPadding.empty()) mask.keyPadding.resize(std::size_t(keys), false);
    std::erase_if(mask.cells,
                  [&](const auto& c) { return c.first < 0 || c.first >= queries || c.second < 0 || c.second >= keys; });
}

int modelWidth(const ap::Scene& s) { return ap::derivedWidths(s).d; }

int valueWidth(const ap::Scene& s) { return ap::derivedWidths(s).dv; }

int fittingHeads(int heads, int d, int dv) {
    const int g = std::gcd(d, dv);
    for (int h = std::max(1, heads); h > 1; --h)
        if (g % h == 0) return h;
    return 1;
}

std::vector<ap::HeadParams> fitHeadParams(const std::vector<ap::HeadParams>& params, int dh) {
    std::vector<ap::HeadParams> out = params;
    for (ap::HeadParams& p : out) {
        if (p.W.size() != 0 && p.W.cols() != dh) {
            const int old = int(p.W.cols());
            ap::Matrix w = ap::Matrix::Identity(dh, dh);
            const int keep = std::min(old, dh);
            w.topLeftCorner(keep, keep) = p.W.topLeftCorner(keep, keep);
            p.W.swap(w);
        }
        const bool hasWq = p.Wq.size() != 0, hasWk = p.Wk.size() != 0;
        if (!hasWq && !hasWk) continue;
        const int oldDh = int(hasWq ? p.Wq.cols() : p.Wk.cols());
        if (oldDh == dh) continue;
        if (!hasWq) p.Wq = ap::Matrix::Identity(oldDh, oldDh);
        if (!hasWk) p.Wk = ap::Matrix::Identity(oldDh, oldDh);
        resizeColumns(p.Wq, dh);
        resizeColumns(p.Wk, dh);
    }
    return out;
}

ap::Matrix effectiveW(const ap::HeadParams& p, int dh) {
    return p.W.size() != 0 ? p.W : ap::Matrix(ap::Matrix::Identity(dh, dh));
}

ap::Matrix effectiveWq(const ap::HeadParams& p, int dh) {
    return p.Wq.size() != 0 ? p.Wq : ap::Matrix(ap::Matrix::Identity(dh, dh));
}

ap::Matrix effectiveWk(const ap::HeadParams& p, int dh) {
    return p.Wk.size() != 0 ? p.Wk : ap::Matrix(ap::Matrix::Identity(dh, dh));
}

ap::Vector effectiveV(const ap::HeadParams& p, int dh) {
    if (p.v.size() != 0) return p.v;
    const Eigen::Index da = p.Wq.size() != 0 ? p.Wq.rows() : p.Wk.size() != 0 ? p.Wk.rows() : dh;
    return ap::Vector::Ones(da);
}

ap::Matrix randomNormal(int rows, int cols, std::uint32_t seed) {
    ap::Random random(seed);
    ap::Matrix m(rows, cols);
    ap::fillNormal(m, random);
    return m;
}

std::optional<float> numberFromVariant(const QVariant& value) {
    if (value.typeId() == QMetaType::QString) return parseNumber(value.toString());
    bool ok = false;
    const float f = value.toFloat(&ok);
    if (!ok || !std::isfinite(f)) return std::nullopt;
    return f;
}

std::optional<float> parseNumber(QStringView text) {
    const QStringView t = text.trimmed();
    if (t.isEmpty()) return std::nullopt;
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::RejectGroupSeparator);
    QLocale user;
    user.setNumberOptions(QLocale::RejectGroupSeparator);
    for (const QLocale& locale : {c, user}) {
        bool ok = false;
        const float value = locale.toFloat(t, &ok);
        if (ok) {
            if (!std::isfinite(value)) return std::nullopt;
            return value;
        }
    }
    return std::nullopt;
}

bool parseBlock(QStringView text, Block* block, QString* error) {
    Block out;
    QStringView rest = text;
    if (rest.endsWith(u'\n')) rest.chop(1);
    if (rest.endsWith(u'\r')) rest.chop(1);
    if (rest.isEmpty()) {
        if (error) *error = QCoreApplication::translate("ui::edits", "The clipboard holds no numbers.");
        return false;
    }
    int rowNumber = 0;
    for (QStringView line : rest.split(u'\n')) {
        ++rowNumber;
        if (line.endsWith(u'\r')) line.chop(1);
        std::vector<std::optional<float>> row;
        int columnNumber = 0;
        for (QStringView cell : line.split(u'\t')) {
            ++columnNumber;
            if (cell.trimmed().isEmpty()) {
                row.push_back(std::nullopt);
                continue;
            }
            const std::optional<float> value = parseNumber(cell);
            if (!value) {
                if (error)
                    *error = QCoreApplication::translate("ui::edits",
                                                         "Row %1, column %2 of the pasted block: “%3” is not a number.")
                                 .arg(rowNumber)
                                 .arg(columnNumber)
                                 .arg(cell.trimmed().left(40).toString());
                return false;
            }
            row.push_back(value);
        }
        out.push_back(std::move(row));
    }
    *block = std::move(out);
    return true;
}

}  // namespace ui::edits
