#include "widgets/training/model_loader.h"

#include "document/background_reader.h"

#include <QFile>

namespace ui {

ModelLoader::ModelLoader(QObject* parent) : QObject(parent), reader_(new BackgroundReader(this)) {
    qRegisterMetaType<std::shared_ptr<ap::ModelReadResult>>("std::shared_ptr<ap::ModelReadResult>");
    connect(reader_, &BackgroundReader::finished, this,
            [this](quint64, const QString& path, std::shared_ptr<void> result) {
                emit finished(path, std::static_pointer_cast<ap::ModelReadResult>(result));
            });
}

void ModelLoader::load(const QString& path) {
    reader_->load(path, [](const QString& p) {
        return std::make_shared<ap::ModelReadResult>(ap::readModelFile(QFile::encodeName(p).toStdString()));
    });
}

void ModelLoader::cancel() { reader_->cancel(); }

bool ModelLoader::isLoading() const { return reader_->isLoading(); }

QString ModelLoader::currentPath() const { return reader_->currentPath(); }

}  // namespace ui
