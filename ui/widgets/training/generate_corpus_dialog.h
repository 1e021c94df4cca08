// A dialog that writes a generated corpus (translation/grammar.h): grammar,
// number of pairs, seed and output file; Generate runs on a worker thread
// with a progress bar and can be cancelled, and the file is written with
// QSaveFile so a failure never leaves half a file.
#pragma once

#include "translation/grammar.h"

#include "widgets/common/options_form.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class JobWorker;

class GenerateCorpusDialog : public QDialog {
    Q_OBJECT
public:
    // `suggestedFile` fills the output field (it may be empty).
    explicit GenerateCorpusDialog(QWidget* parent = nullptr, const QString& suggestedFile = QString());
    ~GenerateCorpusDialog() override;

    ap::GrammarOptions options() const;
    void setOptions(const ap::GrammarOptions& options);
    QString outputFile() const;
    void setOutputFile(const QString& path);
    bool isRunning() const;
    // The last failure's message, empty after a success.
    QString lastError() const { return lastError_; }

public slots:
    // Starts writing the file; a click while running cancels the run.
    void generate();
    void cancel();

signals:
    // The corpus was written to `path`.
    void generated(const QString& path);

private:
    void browse();
    void onProgress(quint64 run, int done, int total);
    void onFinished(quint64 run, const QString& path, const QString& error);
    void setRunning(bool running);

    OptionsForm<ap::GrammarOptions> fields_;
    QLineEdit* file_ = nullptr;
    QPushButton* browse_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* generate_ = nullptr;
    QPushButton* close_ = nullptr;
    std::unique_ptr<JobWorker> worker_;
    quint64 run_ = 0;  // the run under way, or 0
    QString runPath_, runError_;
    QString lastError_;
};

}  // namespace ui
