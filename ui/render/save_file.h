// Writing an exported file through the engine's atomic writer, so that the
// application, the command line and the engine share one way of writing:
// complete or untouched, symbolic links kept, file names passed as the bytes
// QFile::encodeName gives, and failures worded with the system's own text
// ("No space left on device").
#pragma once

#include <QByteArray>
#include <QString>

namespace ui {

// "" on success, else "PATH: cannot write: REASON".
QString saveFile(const QString& path, const QByteArray& bytes);

}  // namespace ui
