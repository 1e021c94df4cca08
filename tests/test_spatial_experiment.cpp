// The spatial attention experiment around its networks (whose gradients
// test_spatial.cpp checks): the digits' determinism, the metrics, the .npz
// writer, and short training runs that must learn, repeat and validate.
#include "experiments/digit_data.h"
#include "core/random.h"
#include "experiments/spatial_experiment.h"
#include "io/npz_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numbers>

namespace {

// -------------------------------------------------------------- data, metrics

TEST(SpatialData, DeterministicPerSeed) {
    ap::Random a(11), b(11), c(12);
    const ap::DigitSet x = ap::makeDigits(50, ap::Distortion::All, a);
    const ap::DigitSet y = ap::makeDigits(50, ap::Distortion::All, b);
    const ap::DigitSet z = ap::makeDigits(50, ap::Distortion::All, c);
    EXPECT_EQ(x.images, y.images);
    EXPECT_EQ(x.labels, y.labels);
    EXPECT_EQ(x.angles, y.angles);
    EXPECT_NE(x.images, z.images);
    int counts[10] = {};
    for (int n = 0; n < x.count; ++n) {
        ASSERT_GE(x.labels[std::size_t(n)], 0);
        ASSERT_LT(x.labels[std::size_t(n)], 10);
        ++counts[x.labels[std::size_t(n)]];
        EXPECT_LE(std::abs(x.angles[std::size_t(n)]), 60.0);
        const auto& box = x.boxes[std::size_t(n)];
        EXPECT_GE(box[0], 0.0f);
        EXPECT_GE(box[1], 0.0f);
        EXPECT_LE(box[2], 40.0f);
        EXPECT_LE(box[3], 40.0f);
        EXPECT_GT(box[2] - box[0], 2.0f);
        EXPECT_GT(box[3] - box[1], 6.0f);
        // The box holds ink: its pixels are brighter than the canvas.
        double inside = 0.0, all = 0.0;
        for (int py = 0; py < 40; ++py)
            for (int px = 0; px < 40; ++px) {
                const double v = x.images[std::size_t(n) * 1600 + std::size_t(py * 40 + px)];
                all += v;
                if (px >= box[0] && px < box[2] && py >= box[1] && py < box[3]) inside += v;
            }
        EXPECT_GT(inside / ((box[2] - box[0]) * (box[3] - box[1])), 1.5 * all / 1600.0);
    }
    for (int d = 0; d < 10; ++d) EXPECT_GT(counts[d], 0) << d;
}

TEST(SpatialData, DistortionsChangeOnlyWhatTheyName) {
    ap::Random a(13), b(13);
    const ap::DigitSet rotated = ap::makeDigits(30, ap::Distortion::Rotate, a);
    const ap::DigitSet moved = ap::makeDigits(30, ap::Distortion::Translate, b);
    EXPECT_EQ(rotated.labels, moved.labels);
    double turned = 0.0;
    for (int n = 0; n < 30; ++n) {
        EXPECT_EQ(moved.angles[std::size_t(n)], 0.0);
        turned += std::abs(rotated.angles[std::size_t(n)]);
    }
    EXPECT_GT(turned / 30, 15.0);
    for (const char* name : {"rotate", "translate", "scale", "clutter", "all"})
        EXPECT_STREQ(ap::toString(*ap::distortionFromString(name)), name);
    EXPECT_FALSE(ap::distortionFromString("shear"));
}

TEST(SpatialMetrics, IouAngleAndCorrelation) {
    const double identity[6] = {1, 0, 0, 0, 1, 0};
    EXPECT_NEAR(ap::samplingBoxIou(identity, {0, 0, 40, 40}, 40), 1.0, 1e-12);
    EXPECT_NEAR(ap::samplingBoxIou(identity, {10, 10, 30, 30}, 40), 0.25, 1e-12);
    const double half[6] = {0.5, 0, 0, 0, 0.5, 0};  // the middle 20 x 20
    EXPECT_NEAR(ap::samplingBoxIou(half, {10, 10, 30, 30}, 40), 1.0, 1e-12);
    EXPECT_NEAR(ap::samplingBoxIou(half, {20, 10, 40, 30}, 40), 1.0 / 3.0, 1e-12);
    const double away[6] = {0.2, 0, 0.7, 0, 0.2, 0.7};
    EXPECT_EQ(ap::samplingBoxIou(away, {0, 0, 10, 10}, 40), 0.0);
    // A square turned by 45 degrees inside the box it is inscribed in: half.
    const double c = std::cos(std::numbers::pi / 4) / std::sqrt(2.0);
    const double diamond[6] = {c, -c, 0, c, c, 0};
    EXPECT_NEAR(ap::samplingBoxIou(diamond, {10, 10, 30, 30}, 40), 0.5, 1e-12);
    EXPECT_NEAR(ap::learnedAngle(diamond), 45.0, 1e-12);
    const double mirrored[6] = {-0.5, 0, 0, 0, 0.5, 0};
    EXPECT_NEAR(ap::samplingBoxIou(mirrored, {10, 10, 30, 30}, 40), 1.0, 1e-12);
    EXPECT_NEAR(ap::pearson({1, 2, 3, 4}, {2, 4, 6, 8.5}), 10.75 / std::sqrt(5.0 * 23.1875), 1e-12);
    EXPECT_EQ(ap::pearson({1, 2, 3}, {5, 5, 5}), 0.0);
}

// The sign conventions of the data and the metrics agree: sampling a turned
// digit through the rotation whose learnedAngle is the applied angle turns
// it upright (the same digit drawn unturned, with clutter instead of the
// rotation, since every draw is made whatever the distortion), and the
// opposite angle does not.
TEST(SpatialMetrics, TheAppliedAngleTurnsTheDigitUpright) {
    ap::Random a(14), b(14);
    const ap::DigitSet turned = ap::makeDigits(40, ap::Distortion::Rotate, a);
    const ap::DigitSet upright = ap::makeDigits(40, ap::Distortion::Clutter, b);
    const ap::SamplerShape shape{40, 40, 40};
    auto sample = [&](int n, double degrees) {
        const double r = degrees * std::numbers::pi / 180.0;
        const double theta[6] = {std::cos(r), -std::sin(r), 0, std::sin(r), std::cos(r), 0};
        EXPECT_NEAR(ap::learnedAngle(theta), degrees, 1e-9);
        std::vector<double> image(1600), out(1600);
        for (int i = 0; i < 1600; ++i) image[std::size_t(i)] = turned.images[std::size_t(n) * 1600 + std::size_t(i)];
        ap::gridSampleForward(shape, image.data(), theta, 1, out.data());
        std::vector<double> reference(upright.images.begin() + std::ptrdiff_t(n) * 1600,
                                      upright.images.begin() + std::ptrdiff_t(n + 1) * 1600);
        return ap::pearson(out, reference);
    };
    int checked = 0;
    for (int n = 0; n < turned.count; ++n) {
        const double angle = turned.angles[std::size_t(n)];
        if (std::abs(angle) < 20.0) continue;
        ++checked;
        EXPECT_GT(sample(n, angle), 0.6) << n;
        EXPECT_GT(sample(n, angle), sample(n, -angle) + 0.2) << n << " at " << angle;
    }
    EXPECT_GT(checked, 10);
}

TEST(SpatialData, NpyHeaderIsPaddedTo64) {
    const std::int64_t values[3] = {1, 2, 3};
    const std::string bytes = ap::npyBytes({"x", "<i8", {3}, {reinterpret_cast<const char*>(values), 24}});
    ASSERT_GT(bytes.size(), 24u);
    EXPECT_EQ((bytes.size() - 24) % 64, 0u);
    EXPECT_NE(bytes.find("'shape': (3,)"), std::string::npos);
    const std::string grid = ap::npyBytes({"g", "|u1", {2, 3}, std::string_view("abcdef")});
    EXPECT_NE(grid.find("'shape': (2, 3)"), std::string::npos);
    EXPECT_EQ(grid.substr(grid.size() - 6), "abcdef");
}

// ---------------------------------------------------------------- training

TEST(SpatialExperiment, LearnsAndRepeatsOnAnyThreadCount) {
    ap::SpatialOptions o;
    o.distortion = ap::Distortion::Translate;
    o.samples = 1200;
    o.testSamples = 300;
    o.epochs = 2;
    o.seed = 21;
    o.gridSamples = 3;
    o.threads = 2;
    const ap::SpatialSummary two = ap::runSpatialExperiment(o);
    ASSERT_TRUE(two.status.ok) << two.status.message;
    // Chance is 0.1.
    EXPECT_GT(two.final.accuracy, 0.5);
    EXPECT_GT(two.final.baselineAccuracy, 0.3);
    ASSERT_EQ(two.final.grid.size(), 3u);
    EXPECT_EQ(two.final.grid[0].output.size(), std::size_t(o.sampleSide * o.sampleSide));
    o.threads = 1;
    o.epochs = 1;
    o.samples = 300;
    const ap::SpatialSummary one = ap::runSpatialExperiment(o);
    o.threads = 2;
    const ap::SpatialSummary again = ap::runSpatialExperiment(o);
    EXPECT_EQ(one.final.accuracy, again.final.accuracy);
    EXPECT_EQ(one.final.boxIou, again.final.boxIou);
    EXPECT_EQ(one.final.grid[1].theta, again.final.grid[1].theta);
    EXPECT_EQ(one.final.grid[1].output, again.final.grid[1].output);
}

TEST(SpatialExperiment, CancelsAndRejectsBadOptions) {
    ap::SpatialOptions o;
    o.samples = 256;
    o.testSamples = 20;
    std::atomic<bool> cancel{false};
    o.cancel = &cancel;
    int batches = 0;
    o.onBatch = [&](const ap::ExperimentProgress&) {
        if (++batches == 2) cancel = true;
    };
    const ap::SpatialSummary s = ap::runSpatialExperiment(o);
    EXPECT_TRUE(s.status.cancelled);
    EXPECT_EQ(batches, 2);
    EXPECT_EQ(s.epochsRun, 0);
    o.samples = 0;
    EXPECT_FALSE(ap::runSpatialExperiment(o).status.ok);
    o.samples = 10;
    o.localisationRate = -1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.localisationRate = 0.2;
    EXPECT_TRUE(ap::validate(o).ok);
    o.transform.angleGain = -1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.transform.angleGain = 1;
    o.transform.zoomPenalty = -0.1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.transform.zoomPenalty = 0.1;
    o.zoomWarmup = -1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.zoomWarmup = 0;
    o.localisationWarmup = -1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.localisationWarmup = 0;
    o.decayFrom = 1.5;
    EXPECT_FALSE(ap::validate(o).ok);
    o.decayFrom = 0.5;
    o.decayTo = -0.1;
    EXPECT_FALSE(ap::validate(o).ok);
    o.decayTo = 0.0;
    EXPECT_TRUE(ap::validate(o).ok);
}

// The decay ends at decayTo times the rate on the run's last step: with 0,
// the last step leaves every parameter as it was, so a two-step run ends
// where the same run stopped after its first step does.
TEST(SpatialExperiment, TheDecayEndsAtItsFactor) {
    ap::SpatialOptions o;
    o.samples = 64;
    o.batch = 32;
    o.testSamples = 40;
    o.epochs = 1;
    o.gridSamples = 2;
    o.seed = 5;
    o.localisationWarmup = 0;
    o.zoomStart = 0;
    o.decayFrom = 0.5;
    o.decayTo = 0.0;
    const ap::SpatialSummary decayed = ap::runSpatialExperiment(o);
    ASSERT_TRUE(decayed.status.ok) << decayed.status.message;
    std::atomic<bool> cancel{false};
    o.cancel = &cancel;
    o.onBatch = [&](const ap::ExperimentProgress& p) {
        if (p.batch == 1) cancel = true;
    };
    const ap::SpatialSummary first = ap::runSpatialExperiment(o);
    ASSERT_TRUE(first.status.cancelled);
    EXPECT_EQ(decayed.final.grid[1].theta, first.final.grid[1].theta);
    EXPECT_EQ(decayed.final.grid[1].output, first.final.grid[1].output);
    EXPECT_EQ(decayed.final.testLoss, first.final.testLoss);
    // Without the decay the second step moves them.
    o.cancel = nullptr;
    o.decayFrom = 1.0;
    const ap::SpatialSummary full = ap::runSpatialExperiment(o);
    EXPECT_NE(full.final.testLoss, first.final.testLoss);
}

}  // namespace
