// attend MODEL_DIR (--text TEXT | --token-ids I,J,K) -o OUT.npz|.npy|.safetensors
//        [--truncate] [--scene L:H SCENE.json] [--top N] [--ablate L:H,...]
// Runs a Hugging Face checkpoint on the tokens and writes every layer's and
// head's attention; the last stdout line is JSON.
#include "command_line.h"
#include "command_output.h"
#include "io/atomic_file.h"
#include "io/attention_writer.h"
#include "io/json_writer.h"
#include "io/scene_writer.h"
#include "tokenizer/tokenizer.h"
#include "transformer/forward.h"
#include "transformer/head_scene.h"
#include "transformer/model.h"

#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace app {
namespace {

using namespace ap::transformer;

std::optional<HeadId> parseHead(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(':'));
    HeadId h;
    if (parts.size() != 2 || !parseInt(parts[0].trimmed(), 0, 1 << 20, h.layer) ||
        !parseInt(parts[1].trimmed(), 0, 1 << 20, h.head))
        return std::nullopt;
    return h;
}

// The arguments after --scene are "L:H" and the scene's file name: taken out
// here, since the shared parser gives each option one value.
bool takeSceneArguments(QStringList& args, QString& head, QString& path, QString& error) {
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] != QLatin1String("--scene")) continue;
        if (i + 2 >= args.size()) {
            error = QStringLiteral("--scene needs a head L:H and a file name");
            return false;
        }
        if (!head.isEmpty()) {
            error = QStringLiteral("--scene given twice");
            return false;
        }
        head = args[i + 1];
        path = args[i + 2];
        args.remove(i, 3);
        --i;
    }
    return true;
}

}  // namespace

int runAttend(const QStringList& argsIn) {
    QStringList args = argsIn;
    QString sceneHeadText, scenePath, sceneError;
    const bool sceneOk = takeSceneArguments(args, sceneHeadText, scenePath, sceneError);
    CommandLine cl(QStringLiteral("attend"), QStringLiteral("MODEL_DIR"),
                   QStringLiteral("A Hugging Face checkpoint folder (config.json, model.safetensors)."));
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("The text, tokenized as the checkpoint says."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption ids(QStringLiteral("token-ids"),
                                 QStringLiteral("Token ids, comma-separated, used as they are (no special tokens)."),
                                 QStringLiteral("I,J,K"));
    const QCommandLineOption output =
        outputOption(QStringLiteral("Where to write the attentions: .npz, .npy or .safetensors."));
    const QCommandLineOption truncate(QStringLiteral("truncate"),
                                      QStringLiteral("Cut tokens beyond the model's positions instead of failing."));
    const QCommandLineOption scene(QStringLiteral("scene"),
                                   QStringLiteral("Also write head L:H (0-based) as a playground scene."),
                                   QStringLiteral("L:H SCENE.json"));
    const QCommandLineOption top(QStringLiteral("top"),
                                 QStringLiteral("Add the N most probable next tokens (causal models) or predictions "
                                                "at the first mask token (BERT family) to the JSON."),
                                 QStringLiteral("N"));
    const QCommandLineOption ablate(QStringLiteral("ablate"),
                                    QStringLiteral("Zero these heads' output before the output projection."),
                                    QStringLiteral("L:H,L:H..."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Threads for the forward pass (default: OpenMP's)."),
                                     QStringLiteral("N"));
    cl.addOptions({text, ids, output, truncate, scene, top, threads});
    cl.addOptions({ablate}, true);
    int code = kOk;
    if (!cl.parse(args, code)) return code;
    if (!sceneOk) return cl.usageError(sceneError);
    if (cl.parser.isSet(text) == cl.parser.isSet(ids))
        return cl.usageError(QStringLiteral("give --text or --token-ids"));
    if (!cl.parser.isSet(output)) return cl.usageError(QStringLiteral("-o OUT.npz|.npy|.safetensors is required"));
    const std::string outPath = nativePath(cl.parser.value(output));
    if (!ap::isAttentionFileName(outPath))
        return cl.usageError(
            QStringLiteral("%1: unknown output type (use .npz, .npy or .safetensors)").arg(cl.parser.value(output)));
    int topN = 0, threadCount = 0;
    if (cl.parser.isSet(top) && !cl.intOption(top, 1, 1 << 20, topN)) return kBadInput;
    if (cl.parser.isSet(threads) && !cl.intOption(threads, 1, 1024, threadCount)) return kBadInput;
    ForwardOptions options;
    options.threads = threadCount;
    for (const QString& list : cl.parser.values(ablate))
        for (const QString& item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto h = parseHead(item);
            if (!h) return cl.usageError(QStringLiteral("--ablate: '%1' is not L:H").arg(item));
            options.ablate.push_back(*h);
        }
    if (!sceneHeadText.isEmpty()) {
        const auto h = parseHead(sceneHeadText);
        if (!h) return cl.usageError(QStringLiteral("--scene: '%1' is not L:H").arg(sceneHeadText));
        options.capture = *h;
    }

    const std::string dir = nativePath(cl.input);
    const auto model = Model::open(dir);
    if (!model.ok) {
        printErrBytes(model.error);
        return kBadInput;
    }
    const ModelConfig& config = model.value->config();

    // The tokenizer gives --text its ids and every id its label; with
    // --token-ids a folder without one still runs (labels are the ids).
    const auto tok = ap::tokenizer::Tokenizer::load(dir);
    std::vector<int> tokenIds;
    if (cl.parser.isSet(ids)) {
        for (const QString& item : cl.parser.value(ids).split(QLatin1Char(','))) {
            int id = 0;
            if (!parseInt(item.trimmed(), 0, config.vocab - 1, id))
                return cl.usageError(QStringLiteral("--token-ids: '%1' is not a token id of %2 (0 to %3)")
                                         .arg(item, cl.input)
                                         .arg(config.vocab - 1));
            tokenIds.push_back(id);
        }
    } else {
        if (!tok.ok) {
            printErrBytes(tok.error);
            return kBadInput;
        }
        const QByteArray utf8 = cl.parser.value(text).toUtf8();
        const auto enc = tok.value.encode(std::string_view(utf8.constData(), std::size_t(utf8.size())));
        if (!enc.ok) {
            printErrBytes(dir + ": --text: " + enc.error);
            return kBadInput;
        }
        for (std::int32_t id : enc.value.ids) {
            if (id < 0 || id >= config.vocab) {
                printErrBytes(dir + ": the tokenizer gives id " + std::to_string(id) +
                              ", outside the model's vocabulary of " + std::to_string(config.vocab));
                return kBadInput;
            }
            tokenIds.push_back(int(id));
        }
        if (tokenIds.empty()) return cl.usageError(QStringLiteral("--text gives no tokens"));
    }
    const auto label = [&](int id) {
        const std::string t = tok.ok ? tok.value.token(id) : std::string();
        return t.empty() ? std::to_string(id) : t;
    };
    std::vector<std::string> tokens;
    for (int id : tokenIds) tokens.push_back(label(id));

    const int maxTokens = config.maxPositions - config.positionOffset;
    bool truncated = false;
    if (int(tokenIds.size()) > maxTokens) {
        if (!cl.parser.isSet(truncate)) {
            printErrBytes(dir + ": the input has " + std::to_string(tokenIds.size()) +
                          " tokens, but the model takes at most " + std::to_string(maxTokens) + " (see --truncate)");
            return kBadInput;
        }
        tokenIds.resize(std::size_t(maxTokens));
        tokens.resize(std::size_t(maxTokens));
        truncated = true;
    }
    if (topN > 0) {
        if (config.causal) {
            options.logitPositions = {int(tokenIds.size()) - 1};
        } else {
            // The BERT family predicts at the first mask token.
            std::optional<std::int32_t> mask;
            if (tok.ok)
                mask = tok.value.tokenId(config.modelType == "bert" || config.modelType == "distilbert" ? "[MASK]"
                                                                                                        : "<mask>");
            if (tok.ok && !mask) mask = tok.value.tokenId("[MASK]");
            if (!mask) {
                printErrBytes(dir + ": --top needs the tokenizer's mask token" +
                              (tok.ok ? std::string(", and it has none") : ": " + tok.error));
                return kBadInput;
            }
            const auto at = std::find(tokenIds.begin(), tokenIds.end(), *mask);
            if (at == tokenIds.end()) {
                printErrBytes(dir + ": --top: the input has no mask token " + tok.value.token(*mask) + " to predict");
                return kBadInput;
            }
            options.logitPositions = {int(at - tokenIds.begin())};
        }
    }

    Forward forward(model.value);
    ForwardResult result;
    if (const ap::Status s = forward.run(tokenIds, options, result); !s) {
        printErrBytes(s.message);
        return kBadInput;
    }

    std::string sceneText;
    if (options.capture.layer >= 0) {
        const std::string title = config.modelType + " layer " + std::to_string(options.capture.layer) + " head " +
                                  std::to_string(options.capture.head);
        const ap::Result<ap::Scene> s = headScene(result, tokens, title);
        if (!s.ok) {
            printErrBytes(dir + ": " + s.error);
            return kBadInput;
        }
        sceneText = ap::sceneToJson(s.value);
    }

    ap::AttentionArray array;
    array.data = result.attentions.data();
    array.shape = {result.layers, result.heads, result.tokens, result.tokens};
    array.tokens = tokens;
    if (const ap::Status s = ap::writeAttentionFile(outPath, array); !s) {
        printErrBytes(s.message);
        return kWriteFailed;
    }
    if (!sceneText.empty()) {
        if (const ap::Status written = ap::writeFileAtomically(nativePath(scenePath), sceneText); !written) {
            printErrBytes(written.message);
            return kWriteFailed;
        }
    }

    const bool written = printJsonLine([&](ap::json::InlineObjectWriter& o) {
        o.key("model_type").string(config.modelType);
        o.key("layers").number(double(result.layers));
        o.key("heads").number(double(result.heads));
        o.key("tokens").tokens(tokens);
        ap::json::Writer& ids = o.key("token_ids");
        ids.out() += '[';
        for (std::size_t i = 0; i < tokenIds.size(); ++i) ids.out() += (i ? ", " : "") + std::to_string(tokenIds[i]);
        ids.out() += ']';
        o.key("seconds").number(float(result.seconds));
        writeBool(o.key("truncated"), truncated);
        if (!options.ablate.empty()) {
            std::vector<std::string> ablated;
            for (const HeadId& h : options.ablate)
                ablated.push_back(std::to_string(h.layer) + ":" + std::to_string(h.head));
            o.key("ablated").tokens(ablated);
        }
        if (topN > 0) {
            o.key("position").number(double(options.logitPositions[0]));
            ap::json::Writer& next = o.key("next_tokens");
            next.out() += '[';
            const auto best = topPredictions(result.logits.row(0), topN);
            for (std::size_t i = 0; i < best.size(); ++i) {
                if (i) next.out() += ", ";
                ap::json::InlineObjectWriter prediction(next);
                prediction.key("id").number(double(best[i].id));
                prediction.key("token").string(label(best[i].id));
                prediction.key("probability").number(best[i].probability);
                prediction.close();
            }
            next.out() += ']';
        }
    });
    return written ? kOk : kWriteFailed;
}

}  // namespace app
