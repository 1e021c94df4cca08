#include "experiments/spatial_experiment.h"

#include "core/adam.h"
#include "experiments/helper_thread.h"
#include "experiments/run_reports.h"
#include "core/random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>

namespace ap {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPixels = kDigitCanvas * kDigitCanvas;
constexpr int kEvalChunk = 250;

void gather(const DigitSet& set, const std::uint32_t* index, int count, std::vector<float>& images,
            std::vector<int>& labels) {
    images.resize(std::size_t(count) * kPixels);
    labels.resize(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const std::uint8_t* src = set.images.data() + std::size_t(index[i]) * kPixels;
        float* dst = images.data() + std::size_t(i) * kPixels;
        for (int p = 0; p < kPixels; ++p) dst[p] = float(src[p]) / 255.0f;
        labels[std::size_t(i)] = set.labels[index[i]];
    }
}

int argmaxColumn(const MatrixX<float>& logits, Eigen::Index b) {
    Eigen::Index best = 0;
    logits.col(b).maxCoeff(&best);
    return int(best);
}

// One model with its parameters, optimisers and per-half buffers.
struct Trainee {
    SpatialNet<float> net;
    Eigen::VectorXf params, grad;
    std::array<Eigen::VectorXf, 2> halfGrad;
    std::array<SpatialWorkspace<float>, 2> ws;
    std::array<float, 2> halfLoss{};
    std::optional<Adam<float>> localisation;
    Adam<float> classifier;
    double epochLoss = 0.0;
    double localisationRate = 0.0, classifierRate = 0.0, zoomPenalty = 0.0, decayTo = 1.0;
    int warmup = 0, zoomStart = 0, zoomWarmup = 0, decayStart = 0, totalSteps = 0, steps = 0;

    Trainee(const SpatialShape& shape, const SpatialOptions& o, Random& random) : net(shape) {
        const Eigen::Index P = net.parameterCount(), L = net.localisationCount();
        params.resize(P);
        grad.resize(P);
        for (auto& g : halfGrad) g.resize(P);
        net.initialize(params.data(), random);
        localisationRate = o.learningRate * o.localisationRate;
        warmup = o.localisationWarmup;
        zoomPenalty = o.transform.zoomPenalty;
        zoomStart = o.zoomStart;
        zoomWarmup = o.zoomWarmup;
        classifierRate = o.learningRate;
        totalSteps = o.epochs * ((o.samples + o.batch - 1) / o.batch);
        decayStart = int(std::lround(o.decayFrom * totalSteps));
        decayTo = o.decayTo;
        if (L > 0) localisation.emplace(AdamOptions::keras(localisationRate), L);
        classifier = Adam<float>(AdamOptions::keras(o.learningRate), P - L);
    }

    // Before each batch's gradient.
    void schedule() {
        const int into = steps + 1 - zoomStart;  // this step's number since the start
        const double rise = zoomWarmup > 0 ? std::min(1.0, double(into) / zoomWarmup) : 1.0;
        net.setZoomPenalty(into > 0 ? zoomPenalty * rise : 0.0);
    }

    void step() {
        grad = halfGrad[0] + halfGrad[1];
        const Eigen::Index L = net.localisationCount();
        ++steps;
        double decay = 1.0;
        if (steps > decayStart && totalSteps > decayStart)
            decay = 1.0 - (1.0 - decayTo) * double(steps - decayStart) / double(totalSteps - decayStart);
        if (localisation) {
            const double rise = warmup > 0 ? std::min(1.0, double(steps) / warmup) : 1.0;
            localisation->setLearningRate(localisationRate * rise * decay);
            localisation->step(params.head(L), grad.head(L));
        }
        classifier.setLearningRate(classifierRate * decay);
        classifier.step(params.tail(params.size() - L), grad.tail(grad.size() - L));
    }
};

SpatialSnapshot evaluate(Trainee& stn, Trainee& baseline, const DigitSet& test, int gridSamples,
                         std::vector<float>& images, std::vector<int>& labels) {
    SpatialSnapshot s;
    const int M = test.count;
    const int S = stn.net.shape().sample;
    std::vector<double> applied, learned;
    int correct = 0, baselineCorrect = 0;
    double iouSum = 0.0, loss = 0.0;
    MatrixX<float> dLogits;
    std::vector<std::uint32_t> index(kEvalChunk);
    for (int first = 0; first < M; first += kEvalChunk) {
        const int count = std::min(kEvalChunk, M - first);
        std::iota(index.begin(), index.begin() + count, std::uint32_t(first));
        gather(test, index.data(), count, images, labels);
        SpatialWorkspace<float>& ws = stn.ws[0];
        stn.net.forward(stn.params.data(), images.data(), count, ws);
        baseline.net.forward(baseline.params.data(), images.data(), count, baseline.ws[0]);
        loss += softmaxCrossEntropy<float>(ws.logits, labels.data(), 1.0f, dLogits);
        for (int i = 0; i < count; ++i) {
            const int n = first + i;
            std::array<double, 6> theta;
            for (int k = 0; k < 6; ++k) theta[std::size_t(k)] = ws.theta(k, i);
            const int predicted = argmaxColumn(ws.logits, i);
            const int baselinePredicted = argmaxColumn(baseline.ws[0].logits, i);
            correct += int(predicted == labels[std::size_t(i)]);
            baselineCorrect += int(baselinePredicted == labels[std::size_t(i)]);
            const double iou = samplingBoxIou(theta.data(), test.boxes[std::size_t(n)], kDigitCanvas);
            iouSum += iou;
            applied.push_back(test.angles[std::size_t(n)]);
            learned.push_back(learnedAngle(theta.data()));
            if (n < gridSamples) {
                SpatialSample g;
                g.input.assign(images.begin() + std::ptrdiff_t(i) * kPixels,
                               images.begin() + std::ptrdiff_t(i + 1) * kPixels);
                g.output.assign(ws.sampled.data() + std::ptrdiff_t(i) * S * S,
                                ws.sampled.data() + std::ptrdiff_t(i + 1) * S * S);
                g.theta = theta;
                g.box = test.boxes[std::size_t(n)];
                g.label = labels[std::size_t(i)];
                g.predicted = predicted;
                g.baselinePredicted = baselinePredicted;
                g.angle = applied.back();
                g.learnedAngle = learned.back();
                g.iou = iou;
                s.grid.push_back(std::move(g));
            }
        }
    }
    s.accuracy = double(correct) / M;
    s.baselineAccuracy = double(baselineCorrect) / M;
    s.boxIou = iouSum / M;
    s.testLoss = loss / M;
    s.angleCorrelation = pearson(applied, learned);
    return s;
}

}  // namespace

Status validate(const SpatialOptions& o) {
    if (o.samples < 1 || o.samples > 1000000) return Status::error("samples must be from 1 to 1000000");
    if (o.testSamples < 1 || o.testSamples > 100000) return Status::error("test samples must be from 1 to 100000");
    if (o.epochs < 1 || o.epochs > 1000) return Status::error("epochs must be from 1 to 1000");
    if (o.batch < 2 || o.batch > 4096) return Status::error("the batch size must be from 2 to 4096");
    if (!(o.learningRate > 0.0) || !(o.learningRate <= 1.0))
        return Status::error("the learning rate must be in (0, 1]");
    if (!(o.localisationRate >= 0.0) || !(o.localisationRate <= 10.0))
        return Status::error("the localisation network's learning-rate factor must be in [0, 10]");
    if (o.zoomStart < 0 || o.zoomWarmup < 0) return Status::error("the zoom penalty's schedule must not be negative");
    if (!(o.decayFrom >= 0.0) || !(o.decayFrom <= 1.0))
        return Status::error("the learning-rate decay must start at a fraction of the run in [0, 1]");
    if (!(o.decayTo >= 0.0) || !(o.decayTo <= 1.0)) return Status::error("the learning-rate decay must end in [0, 1]");
    if (o.localisationWarmup < 0) return Status::error("the localisation warm-up must not be negative");
    if (o.sampleSide < 16 || o.sampleSide > 64)
        return Status::error("the transformer's output side must be from 16 to 64");
    const TransformHead& t = o.transform;
    for (double gain : {t.scaleGain, t.aspectGain, t.angleGain, t.shiftGain})
        if (!(gain >= 0.0) || !(gain <= 100.0)) return Status::error("the transform's gains must be in [0, 100]");
    for (double bound : {t.scaleBound, t.aspectBound, t.shiftBound})
        if (!(bound >= 0.0) || !(bound <= 10.0)) return Status::error("the transform's bounds must be in [0, 10]");
    if (!(t.zoomPenalty >= 0.0) || !(t.zoomPenalty <= 10.0))
        return Status::error("the zoom penalty must be in [0, 10]");
    if (o.threads < 1 || o.threads > 64) return Status::error("threads must be from 1 to 64");
    if (o.snapshotEvery < 0) return Status::error("snapshotEvery must not be negative");
    if (o.gridSamples < 0 || o.gridSamples > 1000) return Status::error("grid samples must be from 0 to 1000");
    return Status::success();
}

SpatialSummary runSpatialExperiment(const SpatialOptions& o) {
    const auto start = Clock::now();
    SpatialSummary summary;
    if (!acceptOptions(o, summary)) return summary;

    Random random(o.seed);
    SpatialData data;
    data.train = makeDigits(o.samples, o.distortion, random);
    data.test = makeDigits(o.testSamples, o.distortion, random);
    if (o.onData) o.onData(data);
    SpatialShape shape{.sample = o.sampleSide, .transform = o.transform};
    Trainee stn(shape, o, random);
    shape.transformer = false;
    Trainee baseline(shape, o, random);
    Trainee* models[2] = {&stn, &baseline};

    std::array<std::vector<float>, 2> images;
    std::array<std::vector<int>, 2> labels;
    std::vector<std::uint32_t> order(std::size_t(o.samples));
    std::iota(order.begin(), order.end(), 0u);
    const int batches = (o.samples + o.batch - 1) / o.batch;
    std::optional<HelperThread> helper;
    if (o.threads >= 2) helper.emplace();
    std::vector<float> evalImages;
    std::vector<int> evalLabels;
    auto snapshot = [&](int epoch, int batch, int seen) {
        SpatialSnapshot s = evaluate(stn, baseline, data.test, o.gridSamples, evalImages, evalLabels);
        s.epoch = epoch;
        s.batch = batch;
        s.batchesPerEpoch = batches;
        s.trainLoss = seen > 0 ? stn.epochLoss / seen : 0.0;
        s.baselineTrainLoss = seen > 0 ? baseline.epochLoss / seen : 0.0;
        return s;
    };

    int seen = 0;
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        shuffle(order, random);
        for (Trainee* m : models) m->epochLoss = 0.0;
        seen = 0;
        for (int b = 0; b < batches; ++b) {
            if (o.cancel && o.cancel->load(std::memory_order_relaxed)) {
                summary.status = Status::cancelledByUser();
                break;
            }
            const int first = b * o.batch;
            const int count = std::min(o.batch, o.samples - first);
            const std::array<int, 2> size{(count + 1) / 2, count / 2};
            for (int c = 0; c < 2; ++c)
                gather(data.train, order.data() + first + (c == 0 ? 0 : size[0]), size[std::size_t(c)],
                       images[std::size_t(c)], labels[std::size_t(c)]);
            const float scale = 1.0f / float(count);  // the batch mean
            for (Trainee* m : models) {
                m->schedule();
                auto half = [&, m](int c) {
                    const std::size_t h = std::size_t(c);
                    m->halfGrad[h].setZero();
                    m->halfLoss[h] = 0.0f;
                    if (size[h] == 0) return;
                    m->halfLoss[h] = m->net.lossAndGradient(m->params.data(), images[h].data(), labels[h].data(),
                                                            size[h], scale, m->halfGrad[h].data(), m->ws[h]);
                };
                if (helper) {
                    helper->runPair([&] { half(1); }, [&] { half(0); });
                } else {
                    half(0);
                    half(1);
                }
                m->step();
                m->epochLoss += double(m->halfLoss[0]) + double(m->halfLoss[1]);
            }
            seen += count;
            if (o.onBatch) {
                ExperimentProgress p;
                p.epoch = epoch;
                p.epochs = o.epochs;
                p.batch = b + 1;
                p.batchesPerEpoch = batches;
                p.loss = stn.epochLoss / seen;
                o.onBatch(p);
            }
            if (o.onSnapshot && o.snapshotEvery > 0 && (b + 1) % o.snapshotEvery == 0 && b + 1 < batches)
                o.onSnapshot(snapshot(epoch, b + 1, seen));
        }
        if (summary.status.cancelled) break;
        summary.epochsRun = epoch;
        if (o.onEpoch) {
            SpatialSnapshot s = snapshot(epoch, batches, seen);
            s.endOfEpoch = true;
            o.onEpoch(s);
        }
    }
    summary.final = snapshot(summary.epochsRun, batches, seen);
    summary.final.endOfEpoch = !summary.status.cancelled;
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

}  // namespace ap
