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

QString matrixToCsv(const ap::Matrix& m, const QStringList& rowLabels, const QStringList& columnLabels) {
    QString out;
    for (int c = 0; c < m.cols(); ++c) out += QLatin1Char(',') + quoted(columnLabels.value(c, QString::number(c)));
    out += QLatin1String("\r\n");
    for (int r = 0; r < m.rows(); ++r) {
        out += quoted(rowLabels.value(r, QString::number(r)));
        for (int c = 0; c < m.cols(); ++c) out += QLatin1Char(',') + QString::fromStdString(ap::formatFloat(m(r, c)));
        out += QLatin1String("\r\n");
    }
    return out;
}

QString writeTextFile(const QString& path, const QString& text) { return saveFile(path, text.toUtf8()); }

}  // namespace ui
