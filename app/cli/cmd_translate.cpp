// translate --model FILE "SENTENCE": greedy decoding with a model saved by
// train --save-model. Prints the translation, then one JSON line with the
// tokens and the attention matrix (one row per decoder step, one column
// per source token, mean over the heads).
#include "command_line.h"
#include "command_output.h"
#include "translation/corpus.h"
#include "translation/corpus_split.h"
#include "translation/model_file.h"
#include "translation/seq2seq.h"

#include <QFile>

namespace app {

int runTranslate(const QStringList& args) {
    CommandLine cl(QStringLiteral("translate"), QStringLiteral("SENTENCE"),
                   QStringLiteral("The source sentence (quoted), tokenized like the corpora."));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("The model file written by train --save-model."),
                                   QStringLiteral("FILE"));
    cl.addOptions({model});
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    if (!cl.parser.isSet(model)) return cl.usageError(QStringLiteral("--model FILE is required"));
    const ap::ModelReadResult read = ap::readModelFile(nativePath(cl.parser.value(model)));
    if (!read.ok) {
        printErrBytes(read.error);
        return kBadInput;
    }
    std::vector<std::string> source = ap::tokenize(cl.input.toStdString());
    if (source.empty()) return cl.usageError(QStringLiteral("the sentence has no words"));
    if (int(source.size()) > ap::limits::corpus::kMaxTokensPerSide)
        return cl.usageError(QStringLiteral("the sentence has %1 words, at most %2 are allowed")
                                 .arg(source.size())
                                 .arg(ap::limits::corpus::kMaxTokensPerSide));
    source = ap::matchSourceWords(read.value.model, read.value.lowercase, std::move(source));
    const ap::Translation t = read.value.model.translate(source);
    QStringList words;
    for (const std::string& w : t.tokens) words << QString::fromStdString(w);
    std::vector<std::string> unknown;
    for (const std::string& s : source)
        if (!read.value.model.sourceVocabulary().contains(s)) unknown.push_back(s);

    if (!printOut(words.join(QLatin1Char(' ')))) return kWriteFailed;
    const bool written = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        o.key("source_tokens").tokens(source);
        o.key("target_tokens").tokens(t.tokens);
        writeBool(o.key("finished"), t.finished);
        o.key("unknown_tokens").tokens(unknown);
        // Rows: the decoder steps (the target tokens, then <eos> when
        // decoding finished); columns: the source tokens.
        ap::json::Writer& w = o.key("attention");
        w.out() += '[';
        for (Eigen::Index r = 0; r < t.mean.rows(); ++r) {
            if (r) w.out() += ", ";
            w.out() += '[';
            for (Eigen::Index c = 0; c < t.mean.cols(); ++c) {
                if (c) w.out() += ", ";
                w.number(t.mean(r, c));
            }
            w.out() += ']';
        }
        w.out() += ']';
    });
    return written ? kOk : kWriteFailed;
}

}  // namespace app
