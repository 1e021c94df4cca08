// Weights and output as CSV (RFC 4180), for spreadsheets and scripts.
#pragma once

#include "core/scene.h"

#include <QString>
#include <QStringList>

namespace ui {

// A labelled matrix as CSV: a header row ("", column labels...), then one
// row per row label. Numbers use the shortest text that reads back exactly.
QString matrixToCsv(const ap::Matrix& m, const QStringList& rowLabels, const QStringList& columnLabels);

// Writes `csv` atomically (QSaveFile); returns "" or a message naming the file.
QString writeTextFile(const QString& path, const QString& text);

}  // namespace ui
