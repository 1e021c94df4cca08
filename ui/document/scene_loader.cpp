#include "document/scene_loader.h"

#include "document/background_reader.h"
#include "document/scene_file.h"

namespace ui {

SceneLoader::SceneLoader(QObject* parent) : QObject(parent), reader_(new BackgroundReader(this)) {
    qRegisterMetaType<std::shared_ptr<ap::Scene>>("std::shared_ptr<ap::Scene>");
    connect(reader_, &BackgroundReader::finished, this,
            [this](quint64 id, const QString& path, std::shared_ptr<void> result) {
                auto read = std::static_pointer_cast<ap::SceneReadResult>(result);
                if (read->ok)
                    emit loaded(id, path, std::make_shared<ap::Scene>(std::move(read->value)));
                else
                    emit failed(id, path, QString::fromStdString(read->error));
            });
}

quint64 SceneLoader::load(const QString& path) {
    return reader_->load(path,
                         [](const QString& p) { return std::make_shared<ap::SceneReadResult>(readSceneFile(p)); });
}

void SceneLoader::cancel() { reader_->cancel(); }

bool SceneLoader::isLoading() const { return reader_->isLoading(); }

QString SceneLoader::currentPath() const { return reader_->currentPath(); }

}  // namespace ui
