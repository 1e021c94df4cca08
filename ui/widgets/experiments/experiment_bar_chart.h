// A bar chart of attention (or excitation) per position: one or more
// series side by side, one position marked as the informative one (a
// shaded column and a label), updated live while a model trains.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <vector>

class QCPBarsGroup;
class QCPBars;
class QCPItemRect;
class QCPItemText;
class QCPTextElement;
class QCustomPlot;

namespace ui {

class ExperimentBarChart : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QColor colour;
    };

    explicit ExperimentBarChart(QWidget* parent = nullptr);

    // Fixes the series (a legend is shown when there are several).
    void setSeries(const QVector<Series>& series);
    void setTitle(const QString& title);
    void setValueLabel(const QString& label);
    void setPositionLabel(const QString& label);
    // New values, one vector per series, each with one entry per position
    // label. The value axis spans 0 .. the largest value (at least `floor`).
    void setValues(const QStringList& positions, const std::vector<std::vector<double>>& values, double floor);
    // The informative position (-1: none), shaded, with `text` above it.
    void setMarked(int position, const QString& text);
    void clear();

    // What the chart holds, for tests and for CSV export.
    int seriesCount() const { return int(bars_.size()); }
    QVector<double> values(int series) const;
    QStringList positions() const { return positions_; }
    int markedPosition() const { return marked_; }
    QString title() const;
    QCustomPlot* plot() const { return plot_; }

    QSize sizeHint() const override { return {520, 280}; }
    QSize minimumSizeHint() const override { return {200, 140}; }

private:
    void updateMark();

    QCustomPlot* plot_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPBarsGroup* group_ = nullptr;
    QVector<QCPBars*> bars_;
    QCPItemRect* markRect_ = nullptr;
    QCPItemText* markText_ = nullptr;
    QStringList positions_;
    int marked_ = -1;
    QString markLabel_;
    double top_ = 1.0;
};

}  // namespace ui
