#include "widgets/lessons/lessons_panel.h"

#include "document/scene_document.h"
#include "widgets/lessons/lessons.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ui {

LessonsPanel::LessonsPanel(SceneDocument* document, QWidget* parent) : QWidget(parent), document_(document) {
    auto* layout = new QVBoxLayout(this);
    chooser_ = new QComboBox(this);
    chooser_->setObjectName(QStringLiteral("lessonCombo"));
    chooser_->addItem(tr("Choose a lesson…"), -1);
    for (int i = 0; i < int(lessons().size()); ++i) chooser_->addItem(lessons()[std::size_t(i)].title, i);
    chooser_->setToolTip(tr("Each lesson loads its own scene; the scene open now is replaced."));
    connect(chooser_, &QComboBox::activated, this, [this](int row) {
        const int index = chooser_->itemData(row).toInt();
        if (index >= 0) startLesson(index);
    });
    layout->addWidget(chooser_);

    text_ = new QTextBrowser(this);
    text_->setObjectName(QStringLiteral("lessonText"));
    text_->setOpenExternalLinks(true);
    layout->addWidget(text_, 1);

    dimensionBox_ = new QWidget(this);
    auto* dRow = new QVBoxLayout(dimensionBox_);
    dRow->setContentsMargins(0, 0, 0, 0);
    dimension_ = new QSlider(Qt::Horizontal, dimensionBox_);
    dimension_->setObjectName(QStringLiteral("dimensionSlider"));
    dimension_->setRange(1, 10);
    dimension_->setValue(4);
    dimension_->setTickPosition(QSlider::TicksBelow);
    dimension_->setToolTip(tr("The width d of the random queries and keys: 2, 4, 8, … 1024"));
    dimensionInfo_ = new QLabel(dimensionBox_);
    dimensionInfo_->setObjectName(QStringLiteral("dimensionInfo"));
    dimensionInfo_->setWordWrap(true);
    dRow->addWidget(dimension_);
    dRow->addWidget(dimensionInfo_);
    connect(dimension_, &QSlider::valueChanged, this, &LessonsPanel::setDimension);
    dimensionBox_->setVisible(false);
    layout->addWidget(dimensionBox_);

    task_ = new QLabel(this);
    task_->setObjectName(QStringLiteral("lessonTask"));
    task_->setWordWrap(true);
    task_->setMargin(6);
    layout->addWidget(task_);
    showIntroduction();
    showTask();
    connect(document_, &SceneDocument::sceneChanged, this, [this](ChangeKind kind) {
        if (kind == ChangeKind::Whole && !replacing_) leaveLesson();
    });
}

void LessonsPanel::replaceScene(ap::Scene scene) {
    replacing_ = true;
    document_->resetScene(std::move(scene));
    replacing_ = false;
}

void LessonsPanel::leaveLesson() {
    if (current_ < 0) return;
    current_ = -1;
    done_ = false;
    chooser_->setCurrentIndex(0);
    dimensionBox_->setVisible(false);
    showIntroduction();
    showTask();
}

void LessonsPanel::showIntroduction() {
    text_->setPlainText(tr("Seven short lessons walk through attention step by step. Choose one above."));
}

void LessonsPanel::changeEvent(QEvent* event) {
    // The lesson's text is a whole document per language, and the task and
    // the d summary are built with arguments, so they are built again.
    if (event->type() == QEvent::LanguageChange) {
        for (int row = 0; row < chooser_->count(); ++row) {
            const int index = chooser_->itemData(row).toInt();
            chooser_->setItemText(row, index < 0 ? tr("Choose a lesson…") : lessons()[std::size_t(index)].title);
        }
        if (current_ < 0) {
            showIntroduction();
        } else {
            text_->setMarkdown(lessonText(current_));
            if (current_ == 4) setDimension(dimension_->value());
        }
        showTask();
    }
    QWidget::changeEvent(event);
}

bool LessonsPanel::startLesson(int index) {
    if (index < 0 || index >= int(lessons().size())) return false;
    if (guard_ && !guard_()) {
        chooser_->setCurrentIndex(std::max(0, chooser_->findData(current_)));
        return false;
    }
    ap::Scene scene;
    QString error;
    if (!loadLessonScene(index, scene, &error)) {
        text_->setPlainText(tr("The lesson's scene does not read: %1").arg(error));
        return false;
    }
    current_ = index;
    done_ = false;
    chooser_->setCurrentIndex(chooser_->findData(index));
    text_->setMarkdown(lessonText(index));
    dimensionBox_->setVisible(index == 4);
    if (index == 4) {
        scene = saturationScene(1 << dimension_->value(), scene);
        replaceScene(std::move(scene));
        setDimension(dimension_->value());
    } else {
        replaceScene(std::move(scene));
    }
    showTask();
    emit lessonStarted(index);
    return true;
}

void LessonsPanel::setDimension(int exponent) {
    if (current_ != 4) return;
    const int d = 1 << exponent;
    ap::Scene scene = saturationScene(d, document_->scene());
    const double unscaled = meanRowMaximum(scene, ap::Scoring::Dot);
    const double scaled = meanRowMaximum(scene, ap::Scoring::ScaledDot);
    dimensionInfo_->setText(tr("d = %1: the rows' largest weight averages %2 with dot and %3 with scaled dot.")
                                .arg(d)
                                .arg(QLocale().toString(unscaled, 'f', 2), QLocale().toString(scaled, 'f', 2)));
    if (document_->scene().queries.cols() != d) replaceScene(std::move(scene));
}

QString LessonsPanel::dimensionSummary() const { return dimensionInfo_->text(); }

void LessonsPanel::evaluate(const ap::Scene& scene, const ap::AttentionResult& result) {
    if (current_ < 0) return;
    const bool done = lessons()[std::size_t(current_)].check(scene, result);
    if (done == done_) return;
    done_ = done;
    showTask();
}

void LessonsPanel::showTask() {
    if (current_ < 0) {
        task_->clear();
        task_->setStyleSheet({});
        return;
    }
    const QString task = lessons()[std::size_t(current_)].task;
    task_->setText(done_ ? tr("✔ Done: %1").arg(task) : tr("Try this: %1").arg(task));
    task_->setStyleSheet(done_ ? QStringLiteral("QLabel { background: #c8f0c8; color: #0b4d0b; border-radius: 4px; }")
                               : QStringLiteral("QLabel { background: #f3f3f3; border-radius: 4px; }"));
}

QString LessonsPanel::taskText() const { return task_->text(); }

QString LessonsPanel::shownText() const { return text_->toPlainText(); }

}  // namespace ui
