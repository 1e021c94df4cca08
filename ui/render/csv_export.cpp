#include "render/csv_export.h"

#include "render/save_file.h"

#include "io/scene_io.h"

namespace ui {
namespace {

QString quoted(const QString& field) {
    // RFC 4180 §2.6-2.7: quote fields holding a separator, quote or newline.
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')) &&
        !field.contains(QLatin1Char('\r')))
        return field;
    QString f = field;
    f.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + f + QLatin1Char('"');
}

}  // namespace

std::string csvHeader(const QStringList& columnLabels) {
    std::string out;
    for (int c = 0; c < columnLabels.size(); ++c) {
        out += ',';
        out += quoted(columnLabels[c]).toStdString();
    }
    return out + "\r\n";
}

std::string csvRows(const ap::Matrix& rows, int row0, const QStringList& rowLabels) {
    std::string out;
    for (int r = 0; r < rows.rows(); ++r) {
        out += quoted(rowLabels.value(row0 + r, QString::number(row0 + r))).toStdString();
        for (int c = 0; c < rows.cols(); ++c) {
            out += ',';
            out += ap::formatFloat(rows(r, c));
        }
        out += "\r\n";
    }
    return out;
}

QString matrixToCsv(const ap::Matrix& m, const QStringList& rowLabels, const QStringList& columnLabels) {
    QStringList columns;
    for (int c = 0; c < m.cols(); ++c) columns << columnLabels.value(c, QString::number(c));
    return QString::fromStdString(csvHeader(columns) + csvRows(m, 0, rowLabels));
}

QString writeTextFile(const QString& path, const QString& text) { return saveFile(path, text.toUtf8()); }

}  // namespace ui
