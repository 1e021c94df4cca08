#include "widgets/lessons/lessons.h"

#include "attention/normalization.h"
#include "core/random.h"
#include "io/scene_io.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

// The lessons' strings live in the translation context ui::Lessons.
struct LessonTexts {
    Q_DECLARE_TR_FUNCTIONS(ui::Lessons)
};

QByteArray readResource(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool lessonOne(const ap::Scene& s, const ap::AttentionResult& r) {
    const int a = queryIndex(s, "a"), target = keyIndex(s, "étudiant");
    return a >= 0 && target >= 0 && argmaxKey(r.weightsMean, a) == target;
}

bool lessonTwo(const ap::Scene& s, const ap::AttentionResult& r) {
    const int a = queryIndex(s, "a");
    if (a < 0 || s.normalization != ap::Normalization::Sample || s.samples < 1000) return false;
    const std::vector<float> p = softmaxRow(s, r, 0, a);
    for (int j = 0; j < int(p.size()); ++j)
        if (std::fabs(double(r.heads[0].weights(a, j)) - double(p[std::size_t(j)])) > 0.03) return false;
    return true;
}

bool lessonThree(const ap::Scene& s, const ap::AttentionResult& r) {
    const int i = queryIndex(s, "I");
    return i >= 0 && r.weightsMean.row(i).maxCoeff() < 0.6f;
}

bool lessonFour(const ap::Scene& s, const ap::AttentionResult& r) {
    const int sat = queryIndex(s, "sat"), cat = keyIndex(s, "cat");
    return sat >= 0 && cat >= 0 && s.projections.Wq.size() > 0 && argmaxKey(r.weightsMean, sat) == cat;
}

bool lessonFive(const ap::Scene& s, const ap::AttentionResult& r) {
    if (s.scoring != ap::Scoring::Dot || s.queries.cols() < 256 || r.weightsMean.rows() == 0) return false;
    return r.weightsMean.rowwise().maxCoeff().mean() > 0.9f;
}

bool lessonSix(const ap::Scene& s, const ap::AttentionResult&) {
    if (!s.mask.causal || s.mask.keyPadding.size() != std::size_t(s.keyCount())) return false;
    bool anyPad = false;
    for (int j = 0; j < s.keyCount(); ++j) {
        const bool pad = s.keyLabel(j) == "<pad>";
        anyPad = anyPad || pad;
        if (pad && !s.mask.keyPadding[std::size_t(j)]) return false;
    }
    return anyPad;
}

bool lessonSeven(const ap::Scene& s, const ap::AttentionResult& r) {
    if (s.heads < 2) return false;
    for (int i = 0; i < s.queryCount(); ++i) {
        const int first = argmaxKey(r.heads[0].weights, i);
        for (std::size_t h = 1; h < r.heads.size(); ++h)
            if (argmaxKey(r.heads[h].weights, i) != first) return true;
    }
    return false;
}

}  // namespace

std::vector<Lesson> lessons() {
    // Built on each call, so titles and tasks follow a language switch.
    return {
        {LessonTexts::tr("1. The four steps of attention"), LessonTexts::tr("Make “a” attend most to “étudiant”."),
         lessonOne},
        {LessonTexts::tr("2. Soft, hard and sampled"),
         LessonTexts::tr("Sample with at least 1000 draws: the frequencies of “a” come within 0.03 of softmax."),
         lessonTwo},
        {LessonTexts::tr("3. Five scoring functions"),
         LessonTexts::tr("Find a scoring function under which the largest weight of “I” is below 0.6."), lessonThree},
        {LessonTexts::tr("4. Self-attention with projections"),
         LessonTexts::tr("Edit the inputs so that “sat” attends most to “cat”."), lessonFour},
        {LessonTexts::tr("5. Why divide by √d"),
         LessonTexts::tr("With d ≥ 256 and dot scoring, see the rows' largest weights average above 0.9."), lessonFive},
        {LessonTexts::tr("6. Padding and causal masks"),
         LessonTexts::tr("Pad both “<pad>” keys and turn on the causal mask."), lessonSix},
        {LessonTexts::tr("7. Splitting into heads"),
         LessonTexts::tr("Use two or more heads so that two heads disagree on a query's top key."), lessonSeven},
    };
}

bool loadLessonScene(int index, ap::Scene& scene, QString* error) {
    const QString path = QStringLiteral(":/lessons/lesson-%1.json").arg(index + 1);
    const QByteArray bytes = readResource(path);
    const ap::SceneReadResult r =
        ap::parseScene(std::string_view(bytes.constData(), std::size_t(bytes.size())), path.toStdString());
    if (!r.ok) {
        if (error) *error = QString::fromStdString(r.error);
        return false;
    }
    scene = r.value;
    return true;
}

QString lessonText(int index) {
    // A translation sits beside the English text as lesson-N.<locale>.md.
    const QString base = QStringLiteral(":/lessons/lesson-%1").arg(index + 1);
    for (const QString& name : {QLocale().name(), QLocale().name().section(QLatin1Char('_'), 0, 0)}) {
        const QByteArray localized = readResource(base + QLatin1Char('.') + name + QStringLiteral(".md"));
        if (!localized.isEmpty()) return QString::fromUtf8(localized);
    }
    return QString::fromUtf8(readResource(base + QStringLiteral(".md")));
}

ap::Scene saturationScene(int d, const ap::Scene& base) {
    ap::Scene s = base;
    // A seed whose six rows show the lesson's point at every width: dot
    // scoring's rows near one-hot at d = 1024 (mean largest weight 1.00),
    // scaled dot's spread (0.45).
    ap::Random random(2);
    const int rows = 6;
    s.queries.resize(rows, d);
    s.keys.resize(rows, d);
    ap::fillNormal(s.queries, random);
    ap::fillNormal(s.keys, random);
    s.values.reset();
    s.heads = 1;
    s.headParams.clear();
    s.projections = {};
    s.mask = {};
    return s;
}

double meanRowMaximum(const ap::Scene& scene, ap::Scoring scoring) {
    ap::Scene s = scene;
    s.scoring = scoring;
    s.normalization = ap::Normalization::Softmax;
    ap::AttentionResult r;
    ap::AttentionOptions o;
    o.threads = 1;
    if (!ap::computeAttention(s, o, r).ok || r.weightsMean.rows() == 0) return 0.0;
    return double(r.weightsMean.rowwise().maxCoeff().mean());
}

int queryIndex(const ap::Scene& scene, const char* token) {
    for (int i = 0; i < scene.queryCount(); ++i)
        if (scene.queryLabel(i) == token) return i;
    return -1;
}

int keyIndex(const ap::Scene& scene, const char* token) {
    for (int j = 0; j < scene.keyCount(); ++j)
        if (scene.keyLabel(j) == token) return j;
    return -1;
}

int argmaxKey(const ap::Matrix& weights, int row) {
    if (row < 0 || row >= weights.rows() || weights.cols() == 0) return -1;
    Eigen::Index best = 0;
    const float m = weights.row(row).maxCoeff(&best);
    return m > 0.0f ? int(best) : -1;
}

std::vector<float> softmaxRow(const ap::Scene& scene, const ap::AttentionResult& result, int head, int row) {
    const int lk = int(result.mask.cols());
    std::vector<float, Eigen::aligned_allocator<float>> w(std::size_t(lk) + 16, 0.0f);
    ap::RowScratch scratch;
    const ap::NormalizationParams p{ap::Normalization::Softmax, scene.temperature, scene.topK, 1, 0};
    ap::normalizeRow(p, result.heads[std::size_t(head)].scores.row(row).data(), result.mask.row(row).data(), w.data(),
                     lk, scratch);
    return {w.begin(), w.begin() + lk};
}

}  // namespace ui
