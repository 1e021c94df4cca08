// libFuzzer target for the command-line parse every command shares
// (CommandLine: QCommandLineParser plus repeated-option refusal, the
// checked number options and nativePath()). The input is the argument
// list, split at NUL bytes; the options are those the commands use, in
// every kind (value, flag, repeatable, short and long).
#include "command_line.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // --help prints; keep the fuzzer's own output readable.
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<QByteArray> raw{QByteArray("attention-playground")};
    QByteArray current;
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0) {
            raw.push_back(current);
            current.clear();
        } else {
            current += char(data[i]);
        }
    }
    raw.push_back(current);
    if (raw.size() > 64) return 0;
    std::vector<char*> argv;
    for (QByteArray& a : raw) argv.push_back(a.data());
    app::rememberArguments(int(argv.size()), argv.data());
    QStringList args;
    for (const QByteArray& a : raw) args << QString::fromLocal8Bit(a);

    app::CommandLine cl(QStringLiteral("fuzz"), QStringLiteral("FILE"), QStringLiteral("A file."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Out."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption layer(QStringLiteral("layer"), QStringLiteral("L."), QStringLiteral("L"),
                                   QStringLiteral("0"));
    const QCommandLineOption residual(QStringLiteral("residual"), QStringLiteral("R."), QStringLiteral("R"),
                                      QStringLiteral("0.5"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("S."), QStringLiteral("S"),
                                  QStringLiteral("0"));
    const QCommandLineOption flag(QStringLiteral("flow"), QStringLiteral("A flag."));
    const QCommandLineOption omit(QStringLiteral("omit"), QStringLiteral("Repeatable."), QStringLiteral("LIST"));
    cl.addOptions({output, layer, residual, seed, flag});
    cl.addOptions({omit}, true);
    int code = -1;
    if (!cl.parse(args, code)) {
        if (code != app::kOk && code != app::kBadInput) std::abort();
        return 0;
    }
    if (cl.input.isNull()) std::abort();  // parse() succeeded: exactly one input
    int l = 0;
    double r = 0;
    unsigned long long s = 0;
    if (cl.intOption(layer, 0, 1000, l) && (l < 0 || l > 1000)) std::abort();
    if (cl.doubleOption(residual, 0.0, 1.0, r) && !(r >= 0.0 && r <= 1.0)) std::abort();
    (void)cl.seedOption(seed, s);
    (void)app::nativePath(cl.input);
    if (cl.parser.isSet(output)) (void)app::nativePath(cl.parser.value(output));
    return 0;
}
