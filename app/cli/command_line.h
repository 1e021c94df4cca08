// What every command shares: exit codes, printing, the parse of
// "COMMAND INPUT [options]" and the checked number options.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

namespace app {

inline constexpr int kOk = 0;
inline constexpr int kWriteFailed = 1;
inline constexpr int kBadInput = 2;

void printErr(const QString& s);
// A message from the engine, printed as the bytes it holds: file names in it
// are in the local encoding, valid UTF-8 or not.
void printErrBytes(const std::string& message);
// Returns false when standard output could not take the text (a full disk,
// /dev/full, a closed pipe), after printing "standard output: No space left
// on device" (once); the caller then exits 1.
bool printOut(const QString& s);

// The parse every command shares: QCommandLineParser with -h/--help, one
// positional input. Returns true when the command should run; otherwise
// `exitCode` says how to leave (0 after --help, 2 after an error, which has
// been printed as "attention-playground COMMAND: ...").
struct CommandLine {
    QString command;
    QCommandLineParser parser;
    QString input;  // the one positional argument

    // An empty `inputName` makes a command without a positional argument.
    CommandLine(QString commandName, QString inputName, QString inputDescription);
    // Adds options to the parser and to the command's list (options(), what
    // --help and the docs check show). An option given twice is refused
    // unless it is added as `repeatable` (values() then has every value).
    void addOptions(const QList<QCommandLineOption>& list, bool repeatable = false);
    const QList<QCommandLineOption>& options() const { return options_; }
    bool parse(const QStringList& args, int& exitCode);

    // Option value checks; on failure they print the message and return false.
    bool intOption(const QCommandLineOption& option, int lo, int hi, int& out);
    bool doubleOption(const QCommandLineOption& option, double lo, double hi, double& out);
    bool seedOption(const QCommandLineOption& option, unsigned long long& out);
    // "attention-playground COMMAND: MESSAGE" on stderr; returns kBadInput.
    int usageError(const QString& message) const;

private:
    QString inputName_;
    QList<QCommandLineOption> options_;
    QStringList repeatable_;  // the names of options that may be given twice
};

// "--NAME N: TEXT (default VALUE)."
QCommandLineOption defaultedIntOption(const char* name, const char* text, int value);
// "--lr X: Adam's learning rate (default VALUE)."
QCommandLineOption learningRateOption(double value);

// A whole-number option and the field it fills.
struct IntField {
    const QCommandLineOption& option;
    int lo = 0;
    int hi = 0;
    int& out;
};
// Reads the fields in order; false (after printing the first message) when
// one is not a whole number in its range.
bool readIntOptions(CommandLine& cl, std::initializer_list<IntField> fields);

// "-o, --output FILE": where a command writes, `description` saying what.
QCommandLineOption outputOption(const QString& description, const QString& valueName = QStringLiteral("FILE"));

// File names are bytes: the engine gets them exactly as they were given on
// the command line, even where they are not valid in the local encoding
// (which QString cannot hold). rememberArguments() keeps argv for that;
// nativePath() gives the bytes of an argument (or of the part after '=' or
// after a short option's letter) that decoded to `path`, or
// QFile::encodeName(path) for any other name.
void rememberArguments(int argc, char** argv);
std::string nativePath(const QString& path);

// Whole number in [lo, hi], or false.
bool parseInt(const QString& text, int lo, int hi, int& out);

// A command: its name, one line of help, and how to run it. `startGui`
// replaces the QCoreApplication by an offscreen QGuiApplication, for the
// commands that draw text.
struct CommandInfo {
    const char* name;
    const char* synopsis;  // shown by --help, already wrapped
    std::function<int(const QStringList& args, const std::function<void()>& startGui)> run;
};
const std::vector<CommandInfo>& commands();

// The commands, one file each.
int runCompute(const QStringList& args);
int runExport(const QStringList& args, const std::function<void()>& startGui);
int runBench(const QStringList& args);
int runTrain(const QStringList& args);
int runTranslate(const QStringList& args);
int runInspect(const QStringList& args);
int runHeads(const QStringList& args);
int runRollout(const QStringList& args);
int runTimestep(const QStringList& args);
int runChannel(const QStringList& args);
int runSpatial(const QStringList& args);
int runAlign(const QStringList& args);
int runGenerateCorpus(const QStringList& args);
int runExplain(const QStringList& args);
int runAttend(const QStringList& args);

}  // namespace app
