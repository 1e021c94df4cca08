#include "command_line.h"

#include <QCoreApplication>
#include <QFile>

#include "io/text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace app {

void printErr(const QString& s) { std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData()); }

void printErrBytes(const std::string& message) {
    std::fwrite(message.data(), 1, message.size(), stderr);
    std::fputc('\n', stderr);
}

namespace {
std::vector<QByteArray>& argumentBytes() {
    static std::vector<QByteArray> args;
    return args;
}
}  // namespace

void rememberArguments(int argc, char** argv) {
    std::vector<QByteArray>& args = argumentBytes();
    args.clear();
    for (int i = 0; i < argc; ++i) {
        const QByteArray a(argv[i]);
        args.push_back(a);
        if (const qsizetype eq = a.indexOf('='); a.startsWith("--") && eq > 0) args.push_back(a.mid(eq + 1));
        if (a.size() > 2 && a[0] == '-' && a[1] != '-') args.push_back(a.mid(2));
    }
}

std::string nativePath(const QString& path) {
    for (const QByteArray& a : argumentBytes())
        if (QFile::decodeName(a) == path) return a.toStdString();
    return QFile::encodeName(path).toStdString();
}

bool printOut(const QString& s) {
    // Reported once: after a failure every later line fails the same way.
    static bool failed = false;
    if (failed) return false;
    const QByteArray bytes = s.toLocal8Bit() + '\n';
    errno = 0;
    bool written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) == size_t(bytes.size());
    int error = errno;
    if (std::fflush(stdout) != 0) {
        written = false;
        if (error == 0) error = errno;
    }
    if (written) return true;
    failed = true;
    printErrBytes("standard output: " + ap::errnoText(error != 0 ? error : EIO));
    return false;
}

CommandLine::CommandLine(QString commandName, QString inputName, QString inputDescription)
    : command(std::move(commandName)), inputName_(std::move(inputName)) {
    parser.setApplicationDescription(QStringLiteral("attention-playground %1").arg(command));
    if (!inputName_.isEmpty()) parser.addPositionalArgument(inputName_, inputDescription);
}

void CommandLine::addOptions(const QList<QCommandLineOption>& list, bool repeatable) {
    parser.addOptions(list);
    options_ += list;
    if (repeatable)
        for (const QCommandLineOption& o : list) repeatable_ += o.names();
}

bool CommandLine::parse(const QStringList& args, int& exitCode) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Displays help for this command."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        exitCode = usageError(parser.errorText());
        return false;
    }
    // The parser would keep the last value silently; a repeated option is
    // more likely a slip than a wish.
    const QStringList given = parser.optionNames();
    for (const QCommandLineOption& o : options_) {
        if (repeatable_.contains(o.names().first())) continue;
        int count = 0;
        for (const QString& name : given) count += o.names().contains(name) ? 1 : 0;
        if (count > 1) {
            exitCode =
                usageError(QStringLiteral("--%1 is given %2 times; give it once").arg(o.names().last()).arg(count));
            return false;
        }
    }
    if (parser.isSet(help)) {
        exitCode = printOut(parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                                      QStringLiteral("attention-playground %1").arg(command)))
                       ? kOk
                       : kWriteFailed;
        return false;
    }
    const QStringList pos = parser.positionalArguments();
    if (inputName_.isEmpty()) {  // a command without an input file
        if (pos.isEmpty()) return true;
        exitCode = usageError(QStringLiteral("unexpected argument \"%1\"").arg(pos.first()));
        return false;
    }
    if (pos.size() != 1) {
        exitCode = usageError(QStringLiteral("expected exactly one %1, got %2").arg(inputName_).arg(pos.size()));
        return false;
    }
    input = pos.first();
    return true;
}

int CommandLine::usageError(const QString& message) const {
    printErr(QStringLiteral("attention-playground %1: %2").arg(command, message));
    return kBadInput;
}

bool parseInt(const QString& text, int lo, int hi, int& out) {
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < lo || v > hi) return false;
    out = v;
    return true;
}

bool CommandLine::intOption(const QCommandLineOption& option, int lo, int hi, int& out) {
    if (parseInt(parser.value(option), lo, hi, out)) return true;
    usageError(QStringLiteral("--%1 must be a whole number from %2 to %3").arg(option.names().last()).arg(lo).arg(hi));
    return false;
}

bool CommandLine::doubleOption(const QCommandLineOption& option, double lo, double hi, double& out) {
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (ok && v >= lo && v <= hi) {
        out = v;
        return true;
    }
    usageError(QStringLiteral("--%1 must be a number from %2 to %3").arg(option.names().last()).arg(lo).arg(hi));
    return false;
}

bool CommandLine::seedOption(const QCommandLineOption& option, unsigned long long& out) {
    bool ok = false;
    const unsigned long long v = parser.value(option).toULongLong(&ok);
    if (ok) {
        out = v;
        return true;
    }
    usageError(QStringLiteral("--%1 must be a whole number from 0 to 18446744073709551615").arg(option.names().last()));
    return false;
}

QCommandLineOption defaultedIntOption(const char* name, const char* text, int value) {
    return QCommandLineOption(QString::fromLatin1(name),
                              QStringLiteral("%1 (default %2).").arg(QString::fromLatin1(text)).arg(value),
                              QStringLiteral("N"), QString::number(value));
}

QCommandLineOption learningRateOption(double value) {
    return QCommandLineOption(QStringLiteral("lr"), QStringLiteral("Adam's learning rate (default %1).").arg(value),
                              QStringLiteral("X"), QString::number(value));
}

bool readIntOptions(CommandLine& cl, std::initializer_list<IntField> fields) {
    for (const IntField& f : fields)
        if (!cl.intOption(f.option, f.lo, f.hi, f.out)) return false;
    return true;
}

QCommandLineOption outputOption(const QString& description, const QString& valueName) {
    return QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, description, valueName);
}

}  // namespace app
