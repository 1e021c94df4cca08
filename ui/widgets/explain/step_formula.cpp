#include "widgets/explain/step_formula.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <functional>
#include <vector>

namespace ui {

// The translation context of the sentences below (a class, so that lupdate
// files them under one name).
class StepFormula {
    Q_DECLARE_TR_FUNCTIONS(ui::StepFormula)

public:
    static QString localize(const ap::ExplainStep& step);

private:
    using Match = QRegularExpressionMatch;
    struct Rule {
        std::string step;  // the engine's step name
        QRegularExpression english;
        std::function<QString(const Match&)> text;
    };

    static const std::vector<Rule>& rules();
    static QString sentence(const std::string& step, const QString& english);
    static QString withMore(const QString& entries);
    static QString maskReasons(const QString& english);
};

namespace {

// The engine's sentences are matched whole. Labels are user text and may hold
// quotes or brackets, so they are captured greedily up to the fixed text that
// follows them.
QRegularExpression whole(const char* pattern) {
    return QRegularExpression(QLatin1Char('^') + QString::fromUtf8(pattern) + QLatin1Char('$'),
                              QRegularExpression::DotMatchesEverythingOption);
}

int count(const QString& digits) { return digits.toInt(); }

}  // namespace

const std::vector<StepFormula::Rule>& StepFormula::rules() {
    static const std::vector<Rule> all = {
        {"query", whole(R"re((q = Q|q = \(Xq Wq\))\[(\d+), columns (\d+)–(\d+)\], query (\d+) "(.*)")re"),
         [](const Match& m) {
             //: %1 is "q = Q" or "q = (Xq Wq)", %2 the row, %3–%4 the head's columns, %5 and %6 the query's index and
             //: token
             return tr("%1[%2, columns %3–%4], query %5 \"%6\"")
                 .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(6));
         }},
        {"key", whole(R"re((k = K|k = \(Xk Wk\))\[(\d+), columns (\d+)–(\d+)\], key (\d+) "(.*)")re"),
         [](const Match& m) {
             //: %1 is "k = K" or "k = (Xk Wk)", %2 the row, %3–%4 the head's columns, %5 and %6 the key's index and
             //: token
             return tr("%1[%2, columns %3–%4], key %5 \"%6\"")
                 .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5), m.captured(6));
         }},
        {"score", whole(R"re(s = v·tanh\(…\), v = all ones = (\S+))re"),
         [](const Match& m) {
             //: additive scoring without a vector v: v is taken as all ones
             return tr("s = v·tanh(…), v = all ones = %1").arg(m.captured(1));
         }},
        {"score", whole(R"re(s = 0 \(a vector of length 0 has no direction\))re"),
         [](const Match&) { return tr("s = 0 (a vector of length 0 has no direction)"); }},
        {"mask", whole("not masked"), [](const Match&) { return tr("not masked"); }},
        {"mask", whole(R"re(not masked \(causal: key ≤ query\))re"),
         [](const Match&) { return tr("not masked (causal: key ≤ query)"); }},
        {"mask", whole("masked, weight 0 — (.+)"), [](const Match& m) { return maskReasons(m.captured(1)); }},
        {"fully masked", whole("every key of this row is masked: all weights and the context are 0"),
         [](const Match&) { return tr("every key of this row is masked: all weights and the context are 0"); }},
        {"row maximum", whole(R"re(m = max of the unmasked scores = (\S+))re"),
         [](const Match& m) { return tr("m = max of the unmasked scores = %1").arg(m.captured(1)); }},
        {"argmax",
         whole(
             R"re(the largest unmasked score is key (\d+) "(.*)" \(s = (\S+)\); ties go to the lowest index; temperature does not move it)re"),
         [](const Match& m) {
             //: hard attention; %1 and %2 are the key's index and token, %3 its score
             return tr("the largest unmasked score is key %1 \"%2\" (s = %3); ties go to the lowest index; "
                       "temperature does not move it")
                 .arg(m.captured(1), m.captured(2), m.captured(3));
         }},
        {"weight", whole(R"re(w = 1 \(the argmax\))re"), [](const Match&) { return tr("w = 1 (the argmax)"); }},
        {"weight", whole(R"re(w = 0 \(not the argmax\))re"), [](const Match&) { return tr("w = 0 (not the argmax)"); }},
        {"weight", whole(R"re(w = c_j / N = (\S+) / (\d+) = (\S+) \(expected p_j = (\S+)\))re"),
         [](const Match& m) {
             //: sampled attention: %1 draws of this key out of %2, weight %3, softmax probability %4
             return tr("w = c_j / N = %1 / %2 = %3 (expected p_j = %4)")
                 .arg(m.captured(1), m.captured(2), m.captured(3), m.captured(4));
         }},
        {"kept keys", whole(R"re(k = (\d+) ≥ (\d+) unmasked keys: plain softmax)re"),
         [](const Match& m) {
             //: top-k keeps every key: %1 is k, %n the number of unmasked keys
             return tr("k = %1 ≥ %n unmasked keys: plain softmax", nullptr, count(m.captured(2))).arg(m.captured(1));
         }},
        {"kept keys", whole(R"re(the (\d+) largest unmasked scores \(ties to the lowest index\) \{(.*)\})re"),
         [](const Match& m) {
             //: %1 lists the kept keys as "index token"
             return tr("the %n largest unmasked scores (ties to the lowest index) {%1}", nullptr, count(m.captured(1)))
                 .arg(withMore(m.captured(2)));
         }},
        {"threshold", whole(R"re(the k-th largest score = (\S+))re"),
         [](const Match& m) { return tr("the k-th largest score = %1").arg(m.captured(1)); }},
        {"tau", whole(R"re(τ = \(Σ of the (\d+) largest z − 1\) / (\d+) = (\S+))re"),
         [](const Match& m) {
             //: sparsemax threshold: %n keys in the support, %1 the same count as divisor, %2 the value of τ
             return tr("τ = (Σ of the %n largest z − 1) / %1 = %2", nullptr, count(m.captured(1)))
                 .arg(m.captured(2), m.captured(3));
         }},
        {"support", whole(R"re(keys with z_l > τ \{(.*)\})re"),
         [](const Match& m) {
             //: %1 lists the keys as "index token"
             return tr("keys with z_l > τ {%1}").arg(withMore(m.captured(1)));
         }},
        {"draws",
         whole(
             R"re((\d+) draws of a key from p, generator SplitMix64 seeded by \(seed (\d+), head (\d+), row (\d+)\); the first ones)re"),
         [](const Match& m) {
             //: sampled attention; %1 is the seed, %2 the head and %3 the row (from 0), as the generator is seeded
             return tr("%n draws of a key from p, generator SplitMix64 seeded by (seed %1, head %2, row %3); "
                       "the first ones",
                       nullptr, count(m.captured(1)))
                 .arg(m.captured(2), m.captured(3), m.captured(4));
         }},
        {"counts", whole("how often each key was drawn"),
         [](const Match&) { return tr("how often each key was drawn"); }},
        {"value", whole(R"re((v_j = V|v_j = \(Xv Wv\))\[(\d+), head (\d+)\])re"),
         [](const Match& m) {
             //: %1 is "v_j = V" or "v_j = (Xv Wv)", %2 the key's row, %3 the head (from 0)
             return tr("%1[%2, head %3]").arg(m.captured(1), m.captured(2), m.captured(3));
         }},
        {"context",
         whole(
             R"re(c_i = Σ_l w_il v_l, the weighted values of every key summed \(row (\d+) of head (\d+)'s context\))re"),
         [](const Match& m) {
             //: %1 is the query's row, %2 the head (from 0)
             return tr("c_i = Σ_l w_il v_l, the weighted values of every key summed (row %1 of head %2's context)")
                 .arg(m.captured(1), m.captured(2));
         }},
        {"output", whole(R"re(o_i = \[the (\d+) heads' context rows side by side\] · Wo)re"),
         [](const Match& m) {
             return tr("o_i = [the %n heads' context rows side by side] · Wo", nullptr, count(m.captured(1)));
         }},
        {"output", whole(R"re(o_i = the (\d+) heads' context rows side by side \(no Wo\))re"),
         [](const Match& m) {
             return tr("o_i = the %n heads' context rows side by side (no Wo)", nullptr, count(m.captured(1)));
         }},
        {"output", whole(R"re(o_i = \[the context row\] · Wo)re"),
         [](const Match&) { return tr("o_i = [the context row] · Wo"); }},
        {"output", whole(R"re(o_i = the context row \(no Wo\))re"),
         [](const Match&) { return tr("o_i = the context row (no Wo)"); }},
    };
    return all;
}

QString StepFormula::sentence(const std::string& step, const QString& english) {
    for (const Rule& rule : rules()) {
        if (rule.step != step) continue;
        const Match m = rule.english.match(english);
        if (m.hasMatch()) return rule.text(m);
    }
    // Pure maths ("q_d · k_d", "Σ_l e_l = 2.5") needs no translation.
    return english;
}

// "1, 2, … 3 more": the entries a list shows, and how many it leaves out.
QString StepFormula::withMore(const QString& entries) {
    static const QRegularExpression more = whole(R"re((.*), … (\d+) more)re");
    const Match m = more.match(entries);
    if (!m.hasMatch()) return entries;
    //: the end of a list cut short; %1 is the entries shown, %n how many are left out
    return tr("%1, … %n more", nullptr, count(m.captured(2))).arg(m.captured(1));
}

// Each reason is one sentence of its own; only the list of them is joined.
QString StepFormula::maskReasons(const QString& english) {
    static const QRegularExpression causal = whole(R"re(causal: key (\d+) comes after query (\d+))re");
    static const QRegularExpression padding = whole(R"re(key padding: key (\d+) is padding)re");
    static const QRegularExpression cell = whole(R"re(cells: \[(\d+), (\d+)\] is listed)re");
    QString reasons;
    for (const QString& reason : english.split(QStringLiteral("; "))) {
        QString text;
        if (const Match m = causal.match(reason); m.hasMatch())
            text = tr("causal: key %1 comes after query %2").arg(m.captured(1), m.captured(2));
        else if (const Match m = padding.match(reason); m.hasMatch())
            text = tr("key padding: key %1 is padding").arg(m.captured(1));
        else if (const Match m = cell.match(reason); m.hasMatch())
            //: the mask's list of cells holds [query, key]
            text = tr("cells: [%1, %2] is listed").arg(m.captured(1), m.captured(2));
        else
            return QStringLiteral("masked, weight 0 — ") + english;  // a reason not known here: all in English
        //: joins two reasons why a cell is masked
        reasons = reasons.isEmpty() ? text : tr("%1; %2", "mask reasons").arg(reasons, text);
    }
    //: %1 lists why the cell is masked
    return tr("masked, weight 0 — %1").arg(reasons);
}

QString StepFormula::localize(const ap::ExplainStep& step) {
    const QString english = QString::fromStdString(step.formula);
    if (!step.isVector) return sentence(step.name, english);
    // Vector steps end in " = (numbers)"; the numbers hold no brackets, so
    // the last such group is the list even when a label holds " = (".
    static const QRegularExpression list = whole(R"re((.*) = \(([^()]*)\))re");
    const Match m = list.match(english);
    if (!m.hasMatch()) return english;
    return sentence(step.name, m.captured(1)) + QStringLiteral(" = (") + withMore(m.captured(2)) + QLatin1Char(')');
}

QString localizedFormula(const ap::ExplainStep& step) { return StepFormula::localize(step); }

}  // namespace ui
