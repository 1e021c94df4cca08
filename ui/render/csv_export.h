// Weights and output as CSV (RFC 4180), for spreadsheets and scripts.
#pragma once

#include "core/scene.h"

#include <QString>
#include <QStringList>

#include <string>

namespace ui {

// A labelled matrix as CSV: a header row ("", column labels...), then one
// row per row label. Numbers use the shortest text that reads back exactly.
QString matrixToCsv(const ap::Matrix& m, const QStringList& rowLabels, const QStringList& columnLabels);

// The same text in pieces, for a matrix too big to hold as text: the header
// row, then `rows` (the matrix's rows from row `row0` on), each line ending
// in CRLF as RFC 4180 asks.
std::string csvHeader(const QStringList& columnLabels);
std::string csvRows(const ap::Matrix& rows, int row0, const QStringList& rowLabels);

// Writes `csv` atomically (QSaveFile); returns "" or a message naming the file.
QString writeTextFile(const QString& path, const QString& text);

}  // namespace ui
