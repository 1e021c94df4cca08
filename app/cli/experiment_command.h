// What the experiment commands (timestep, channel, spatial) share: their
// number options with the default in the help text, and the run itself:
// check the options, print one line per epoch, then, as the last line, one
// JSON object that ends with the wall time in "seconds".
#pragma once

#include "command_line.h"
#include "core/status.h"
#include "io/json_writer.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <vector>

namespace app {

// "--seed S", the seed of an experiment's data, parameters and order.
QCommandLineOption experimentSeedOption(std::uint64_t value);

// One epoch's line of the experiments that look for one informative unit:
// "epoch 2/5: loss 0.1234, test accuracy 0.990, PEAK 4 (0.612)", where PEAK
// says what peaks where ("attention peaks at step").
QString peakEpochLine(int epoch, int epochs, double loss, double accuracy, const char* peak, int at, double value);

// "--seed S" into `out`; false (after printing the message) when S is not a
// seed.
bool readSeed(CommandLine& cl, const QCommandLineOption& seed, std::uint64_t& out);

// Runs `run(options)` with `options.onEpoch` printing `epochLine(snapshot)`.
// Options the experiment refuses and a run that fails are usage errors
// (exit 2); `afterRun` may refuse the summary with its own exit code
// (kOk lets it through). Then `writeJson` writes the members of the last
// line and "seconds" is added. Returns the exit code.
template <class Options, class Summary, class EpochLine, class WriteJson>
int runExperiment(const CommandLine& cl, Options& options, Summary (*run)(const Options&), EpochLine epochLine,
                  WriteJson writeJson, const std::type_identity_t<std::function<int(const Summary&)>>& afterRun = {});

// The options of an experiment that looks for one informative position
// among `count` (channels, steps): how many there are, which one carries
// the label, the training samples and the epochs.
struct PositionOptions {
    QCommandLineOption count;
    QCommandLineOption informative;
    QCommandLineOption samples;
    QCommandLineOption epochs;
    // Reads them (count 1 to maxCount, informative below it); false (after
    // printing the first message) when one is not a number in its range.
    bool read(CommandLine& cl, int maxCount, int& count, int& informative, int& samples, int& epochs) const;
};
// "--NAME N" with `countText`, "--informative K" with `informativeText`,
// "--samples N" and "--epochs N", each with its default.
PositionOptions positionOptions(const char* countName, const char* countText, const char* informativeText, int count,
                                int informative, int samples, int epochs);

// What an experiment that looks for one informative position (a channel, a
// step) calls its snapshot's values and their peak.
struct PeakNames {
    const char* line;       // in the epoch line: "attention peaks at step"
    const char* valuesKey;  // the JSON member of the values: "attention"
    const char* peakKey;    // the JSON member of the peak: "peak_step"
};
// runExperiment for such an experiment: each epoch's line is peakEpochLine
// of `values` at `peak`; the JSON line has "accuracy", the values, what
// `extra` writes, then the peak.
template <class Options, class Summary, class Snapshot>
int runPeakExperiment(
    const CommandLine& cl, Options& options, Summary (*run)(const Options&), std::vector<double> Snapshot::*values,
    int Snapshot::*peak, const PeakNames& names,
    const std::type_identity_t<std::function<void(const Summary&, ap::json::InlineObjectWriter&)>>& extra = {}) {
    return runExperiment(
        cl, options, run,
        [&](const Snapshot& s) {
            return peakEpochLine(s.epoch, options.epochs, s.trainLoss, s.accuracy, names.line, s.*peak,
                                 (s.*values)[std::size_t(s.*peak)]);
        },
        [&](const Summary& summary, ap::json::InlineObjectWriter& json) {
            json.key("accuracy").number(summary.final.accuracy);
            json.key(names.valuesKey).numbers(std::span<const double>(summary.final.*values));
            if (extra) extra(summary, json);
            json.key(names.peakKey).number(double(summary.final.*peak));
        });
}

namespace detail {
// The shared, non-template part of runExperiment.
class ExperimentReport {
public:
    explicit ExperimentReport(const CommandLine& cl) : cl_(cl) {}
    // Prints "attention-playground COMMAND: MESSAGE"; returns kBadInput.
    int failed(const std::string& message) const;
    void line(const QString& text) { written_ = printOut(text) && written_; }
    // Prints the JSON line; kOk, or kWriteFailed when any line was lost.
    int finish(const std::function<void(ap::json::InlineObjectWriter&)>& writeMembers);

private:
    const CommandLine& cl_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    bool written_ = true;
};
}  // namespace detail

template <class Options, class Summary, class EpochLine, class WriteJson>
int runExperiment(const CommandLine& cl, Options& options, Summary (*run)(const Options&), EpochLine epochLine,
                  WriteJson writeJson, const std::type_identity_t<std::function<int(const Summary&)>>& afterRun) {
    detail::ExperimentReport report(cl);
    if (const ap::Status valid = validate(options); !valid.ok) return report.failed(valid.message);
    options.onEpoch = [&](const auto& snapshot) { report.line(epochLine(snapshot)); };
    const Summary summary = run(options);
    if (!summary.status.ok && !summary.status.cancelled) return report.failed(summary.status.message);
    if (afterRun)
        if (const int code = afterRun(summary); code != kOk) return code;
    return report.finish([&](ap::json::InlineObjectWriter& o) { writeJson(summary, o); });
}

}  // namespace app
