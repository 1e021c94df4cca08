#include "translation/trained_aligner.h"

#include "translation/alignment_em.h"

#include <chrono>

namespace ap {

Result<TrainedAligner> trainAligner(const Corpus& training, const AlignerOptions& options,
                                    const AlignerProgress& progress) {
    using Out = Result<TrainedAligner>;
    if (Status valid = validate(options); !valid.ok) return Out::failure(valid.message);
    std::vector<std::vector<std::string>> source, target;
    if (Status s = alignment_em::prepareSides(training, options, source, target); !s) return Out::failure(s.message);
    const alignment_em::Direction forward = alignment_em::buildDirection(source, target);
    const alignment_em::Direction reverse = alignment_em::buildDirection(target, source);
    const int perDirection =
        options.iterations + (options.model != AlignmentModel::Ibm1 ? options.ibm1WarmupIterations : 0);
    int done = 0;
    alignment_em::DirectionResult f = alignment_em::train(forward, options, done, 2 * perDirection, progress);
    if (!f.status) return Out::failure(f.status.message);
    alignment_em::DirectionResult r = alignment_em::train(reverse, options, done, 2 * perDirection, progress);
    if (!r.status) return Out::failure(r.status.message);
    TrainedAligner a;
    a.options = options;
    a.forward = {std::move(f.table), std::move(f.distortion), f.tension};
    a.reverse = {std::move(r.table), std::move(r.distortion), r.tension};
    a.forwardLogLikelihood = std::move(f.logLikelihood);
    a.reverseLogLikelihood = std::move(r.logLikelihood);
    a.trainingCorpus = training.name;
    a.trainingPairs = int(training.pairs.size());
    return Out::success(std::move(a));
}

AlignerSummary alignWithTrained(const TrainedAligner& aligner, const Corpus& corpus) {
    const auto started = std::chrono::steady_clock::now();
    AlignerSummary s;
    std::vector<std::vector<std::string>> source, target;
    if (s.status = alignment_em::prepareSides(corpus, aligner.options, source, target); !s.status) return s;
    std::vector<std::vector<double>> forward(source.size()), reverse(source.size());
    for (std::size_t p = 0; p < source.size(); ++p) {
        forward[p] = alignment_em::fixedPosteriors(aligner.forward, aligner.options, source[p], target[p]);
        reverse[p] = alignment_em::fixedPosteriors(aligner.reverse, aligner.options, target[p], source[p]);
    }
    alignment_em::collectAlignments(corpus, forward, reverse, aligner.options, s);
    s.forwardTable = aligner.forward.table;
    s.reverseTable = aligner.reverse.table;
    s.forwardTension = aligner.forward.tension;
    s.reverseTension = aligner.reverse.tension;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s;
}

AlignerSummary alignHeldOut(const Corpus& training, const Corpus& corpus, const AlignerOptions& options,
                            const AlignerProgress& progress) {
    const auto started = std::chrono::steady_clock::now();
    const Result<TrainedAligner> trained = trainAligner(training, options, progress);
    if (!trained.ok) {
        AlignerSummary s;
        s.status = trained.status();
        return s;
    }
    AlignerSummary s = alignWithTrained(trained.value, corpus);
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s;
}

}  // namespace ap
