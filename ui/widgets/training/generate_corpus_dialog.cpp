#include "widgets/training/generate_corpus_dialog.h"

#include "concurrent/job_worker.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include <climits>

namespace ui {

GenerateCorpusDialog::GenerateCorpusDialog(QWidget* parent, const QString& suggestedFile)
    : QDialog(parent), fields_(this, new QFormLayout) {
    setWindowTitle(tr("Generate a Corpus"));
    QFormLayout* form = fields_.form();
    fields_.addChoice(tr("&Grammar:"), &ap::GrammarOptions::grammar,
                      {{tr("French → English"), int(ap::GrammarKind::FrEn)},
                       {tr("German → English"), int(ap::GrammarKind::DeEn)},
                       {tr("Chinese → English"), int(ap::GrammarKind::ZhEn)}},
                      tr("The grammar: French shows adjectives after the noun, gender agreement and "
                         "ne…pas; German verb-second, verb-final clauses and separable verbs; Chinese "
                         "measure words, 了 and time before the verb."));
    fields_.addInt(tr("&Pairs:"), &ap::GrammarOptions::pairs, 1, ap::limits::corpus::kMaxPairs,
                   tr("How many sentence pairs to write."));
    fields_.addInt(tr("&Seed:"), &ap::GrammarOptions::seed, 0, INT_MAX,
                   tr("The same seed always gives the same file."));
    ap::GrammarOptions defaults;
    defaults.pairs = 3000;
    fields_.write(defaults);
    file_ = new QLineEdit(suggestedFile, this);
    file_->setToolTip(tr("The corpus file to write (tab-separated, with gold alignments)."));
    browse_ = new QPushButton(tr("Browse…"), this);
    browse_->setToolTip(tr("Choose where to save the corpus."));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse_);
    // A row holding a layout gets no buddy from QFormLayout: set it, so
    // that Alt+F reaches the field.
    auto* fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(file_);
    form->addRow(fileLabel, fileRow);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 100);
    progress_->setValue(0);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    generate_ = new QPushButton(tr("&Generate"), this);
    generate_->setDefault(true);
    generate_->setToolTip(tr("Write the corpus file (Ctrl+Return)."));
    generate_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    close_ = new QPushButton(tr("Close"), this);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(generate_, QDialogButtonBox::ActionRole);
    buttons->addButton(close_, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    connect(browse_, &QPushButton::clicked, this, &GenerateCorpusDialog::browse);
    connect(generate_, &QPushButton::clicked, this, [this] { isRunning() ? cancel() : generate(); });
    connect(close_, &QPushButton::clicked, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

// The worker's destructor cancels the run under way and joins the thread.
GenerateCorpusDialog::~GenerateCorpusDialog() = default;

ap::GrammarOptions GenerateCorpusDialog::options() const {
    ap::GrammarOptions o;
    fields_.read(o);
    return o;
}

void GenerateCorpusDialog::setOptions(const ap::GrammarOptions& o) { fields_.write(o); }

QString GenerateCorpusDialog::outputFile() const { return file_->text(); }
void GenerateCorpusDialog::setOutputFile(const QString& path) { file_->setText(path); }
bool GenerateCorpusDialog::isRunning() const { return run_ != 0; }

void GenerateCorpusDialog::browse() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Generated Corpus"), file_->text(),
                                                      tr("Corpora (*.tsv);;All files (*)"));
    if (!path.isEmpty()) file_->setText(path);
}

void GenerateCorpusDialog::generate() {
    if (isRunning()) return;
    const QString path = file_->text().trimmed();
    if (path.isEmpty()) {
        lastError_ = tr("Choose a file to write the corpus to.");
        status_->setText(lastError_);
        return;
    }
    const ap::GrammarOptions o = options();
    if (!worker_) {
        worker_ = std::make_unique<JobWorker>();
        worker_->setObjectName(QStringLiteral("GenerateCorpus"));
        connect(worker_.get(), &JobWorker::progress, this,
                [this](quint64 run, int done, int total, double) { onProgress(run, done, total); });
        connect(worker_.get(), &JobWorker::failed, this, [this](quint64 run, const QString& message) {
            if (run == run_) runError_ = message;
        });
        connect(worker_.get(), &JobWorker::runFinished, this, [this](quint64 run, bool completed) {
            // A cancelled run wrote nothing: no path, no message.
            onFinished(run, completed ? runPath_ : QString(), runError_);
        });
    }
    runPath_ = path;
    runError_.clear();
    run_ = worker_->startJob([o, path](JobWorker& worker) {
        const std::atomic<bool>& cancelled = *worker.cancelFlag();
        const ap::GeneratedCorpus corpus = ap::generateCorpus(o, [&](int done, int total) {
            worker.reportProgress(done, total, 0.0);
            return !cancelled;
        });
        QString error;
        if (!corpus.ok) {
            if (cancelled) return false;
            error = QString::fromStdString(corpus.error);
        } else {
            const std::string text = ap::corpusToTsv(corpus, o);
            // The default folder (~/Documents) is missing on a fresh account:
            // make it, as a save dialog would let the user do.
            const QString folder = QFileInfo(path).absolutePath();
            QSaveFile file(path);
            if (!QDir().mkpath(folder))
                error = QCoreApplication::translate("ui::GenerateCorpusDialog", "%1: cannot make the folder %2")
                            .arg(path, folder);
            else if (!file.open(QIODevice::WriteOnly) ||
                     file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
                error = QCoreApplication::translate("ui::GenerateCorpusDialog", "%1: cannot write the file: %2")
                            .arg(path, file.errorString());
        }
        if (error.isEmpty()) return true;
        worker.reportFailure(error);
        return false;
    });
    setRunning(true);
    status_->setText(tr("Generating %n pair(s)…", nullptr, o.pairs));
}

void GenerateCorpusDialog::cancel() {
    if (worker_) worker_->stop();
}

void GenerateCorpusDialog::onProgress(quint64 run, int done, int total) {
    if (run != run_ || total <= 0) return;
    progress_->setValue(int(100.0 * done / total));
}

void GenerateCorpusDialog::onFinished(quint64 run, const QString& path, const QString& error) {
    if (run != run_) return;
    run_ = 0;
    setRunning(false);
    lastError_ = error;
    if (!error.isEmpty()) {
        progress_->setValue(0);  // nothing was written: never a full bar
        status_->setText(error);
    } else if (path.isEmpty()) {
        progress_->setValue(0);
        status_->setText(tr("Cancelled; no file was written."));
    } else {
        progress_->setValue(100);
        status_->setText(tr("Wrote %n pair(s) to %1.", nullptr, options().pairs).arg(path));
        emit generated(path);
    }
}

void GenerateCorpusDialog::setRunning(bool running) {
    fields_.setEnabled(!running);
    file_->setEnabled(!running);
    browse_->setEnabled(!running);
    generate_->setText(running ? tr("&Cancel") : tr("&Generate"));
    generate_->setToolTip(running ? tr("Stop generating; no file is written.")
                                  : tr("Write the corpus file (Ctrl+Return)."));
}

}  // namespace ui
