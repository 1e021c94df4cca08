#include "render/save_file.h"

#include "io/atomic_file.h"

#include <QFile>

namespace ui {

QString saveFile(const QString& path, const QByteArray& bytes) {
    const std::string message = ap::writeFileAtomically(QFile::encodeName(path).toStdString(),
                                                        std::string_view(bytes.constData(), std::size_t(bytes.size())))
                                    .message;
    return message.empty() ? QString() : QFile::decodeName(QByteArray::fromStdString(message));
}

}  // namespace ui
