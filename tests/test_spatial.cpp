// The spatial attention experiment: every hand-written gradient (conv, max
// pool and relu, dense, softmax cross-entropy, the grid sampler with
// respect to the images and to theta, the whole network) against finite
// differences, the digits' determinism, the metrics, the .npz writer, and a
// short training run that must learn.
#include "experiments/digit_data.h"
#include "core/random.h"
#include "experiments/spatial_experiment.h"
#include "gradient_check.h"
#include "io/npz_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numbers>
#include <numeric>

namespace {

using Eigen::MatrixXd;

VectorXd randomVector(Index n, double scale, ap::Random& r) {
    VectorXd v(n);
    for (Index i = 0; i < n; ++i) v(i) = scale * r.normal();
    return v;
}

// ------------------------------------------------------------------ layers

TEST(SpatialGradients, ConvBlockMatchesFiniteDifferences) {
    ap::Random r(1);
    ap::ConvBlock<double> block;
    block.shape = {2, 3, 3, 7, 8};  // 2 -> 3 channels, 3 x 3 kernel, 7 x 8 images
    const int B = 2;
    const Index P = block.shape.parameters(), X = Index(2) * B * 7 * 8;
    const VectorXd params = randomVector(P, 0.5, r), x = randomVector(X, 1.0, r);
    block.forward(params.data(), x.data(), B);
    const VectorXd weight = randomVector(block.pooled.size(), 1.0, r);
    // loss = sum(pooled * weight): every output gets its own upstream gradient.
    auto loss = [&](const VectorXd& all) {
        ap::ConvBlock<double> b;
        b.shape = block.shape;
        b.forward(all.data(), all.data() + P, B);
        return b.pooled.dot(weight);
    };
    VectorXd analytic = VectorXd::Zero(P + X);
    block.dPooled = weight;
    block.backward(params.data(), B, analytic.data(), analytic.data() + P);
    VectorXd all(P + X);
    all << params, x;
    expectGradient(loss, all, analytic, {{"W", 0, block.shape.weights()}, {"b", block.shape.weights(), 3}, {"x", P, X}},
                   "conv block");
}

TEST(SpatialGradients, DenseAndCrossEntropyMatchFiniteDifferences) {
    ap::Random r(2);
    const int in = 5, out = 4, B = 3;
    const VectorXd params = randomVector(Index(in + 1) * out, 0.7, r);
    const MatrixXd x = MatrixXd::NullaryExpr(in, B, [&] { return r.normal(); });
    const int labels[B] = {0, 3, 2};
    auto loss = [&](const VectorXd& all) {
        MatrixXd y, dy;
        const MatrixXd input = Eigen::Map<const MatrixXd>(all.data() + params.size(), in, B);
        ap::denseForward(all.data(), in, out, input, y);
        return ap::softmaxCrossEntropy<double>(y, labels, 1.0, dy);
    };
    MatrixXd y, dy, dx;
    ap::denseForward(params.data(), in, out, x, y);
    ap::softmaxCrossEntropy<double>(y, labels, 1.0, dy);
    VectorXd analytic = VectorXd::Zero(params.size() + x.size());
    ap::denseBackward(params.data(), in, out, x, dy, analytic.data(), &dx);
    analytic.tail(x.size()) = Eigen::Map<const VectorXd>(dx.data(), dx.size());
    VectorXd all(params.size() + x.size());
    all << params, Eigen::Map<const VectorXd>(x.data(), x.size());
    expectGradient(loss, all, analytic, {{"W", 0, in * out}, {"b", in * out, out}, {"x", params.size(), x.size()}},
                   "dense + softmax cross-entropy");
}

// ----------------------------------------------------------------- sampler

struct SamplerCase {
    ap::SamplerShape shape;
    VectorXd images, theta, weight;  // weight: the upstream gradient
    int batch = 2;
};

SamplerCase samplerCase(int inH, int inW, int out, ap::Random& r) {
    SamplerCase c;
    c.shape = {inH, inW, out};
    c.images = randomVector(Index(c.batch) * inH * inW, 1.0, r);
    c.weight = randomVector(Index(c.batch) * out * out, 1.0, r);
    c.theta.resize(6 * c.batch);
    return c;
}

double samplerLoss(const SamplerCase& c, const VectorXd& images, const VectorXd& theta) {
    VectorXd out(c.weight.size());
    ap::gridSampleForward(c.shape, images.data(), theta.data(), c.batch, out.data());
    return out.dot(c.weight);
}

// Checks dL/dimages exactly (the output is linear in them) and dL/dtheta
// against central differences.
void checkSampler(const SamplerCase& c, const std::string& what, double thetaTolerance) {
    VectorXd dTheta = VectorXd::Zero(c.theta.size()), dImages = VectorXd::Zero(c.images.size());
    ap::gridSampleBackward(c.shape, c.images.data(), c.theta.data(), c.weight.data(), c.batch, dTheta.data(),
                           dImages.data());
    expectGradient([&](const VectorXd& im) { return samplerLoss(c, im, c.theta); }, c.images, dImages,
                   {{"images", 0, c.images.size()}}, what);
    expectGradient([&](const VectorXd& th) { return samplerLoss(c, c.images, th); }, c.theta, dTheta,
                   {{"theta", 0, c.theta.size()}}, what, thetaTolerance);
}

TEST(SpatialGradients, SamplerAtRandomTransforms) {
    ap::Random r(3);
    SamplerCase c = samplerCase(9, 11, 7, r);
    for (int b = 0; b < c.batch; ++b) {
        ap::identityTheta(c.theta.data() + 6 * b);
        for (int k = 0; k < 6; ++k) c.theta(6 * b + k) += 0.3 * r.normal();
    }
    // A few of the 98 sample points may lie within h of a pixel boundary,
    // where the slope jumps: 1e-4 allows that and still fails a wrong term.
    checkSampler(c, "random theta", 1e-4);
}

TEST(SpatialGradients, SamplerAtTheIdentityAndOutside) {
    ap::Random r(4);
    // At the identity with S != W the points fall between pixel centres.
    SamplerCase c = samplerCase(10, 10, 7, r);
    for (int b = 0; b < c.batch; ++b) ap::identityTheta(c.theta.data() + 6 * b);
    checkSampler(c, "identity", 1e-4);
    // Moved and shrunk so that part of the grid, then all of it, lies
    // outside the image, where the padding is zero (off the pixel centres:
    // at a kink central differences average the two one-sided slopes).
    const double partly[6] = {0.83, 0.11, 0.71, -0.13, 0.9, -0.61}, outside[6] = {0.3, 0, 3.0, 0, 0.3, 3.0};
    std::copy_n(partly, 6, c.theta.data());
    std::copy_n(outside, 6, c.theta.data() + 6);
    checkSampler(c, "partly and wholly outside", 1e-4);
    VectorXd dTheta = VectorXd::Zero(12);
    ap::gridSampleBackward(c.shape, c.images.data(), c.theta.data(), c.weight.data(), c.batch, dTheta.data(),
                           static_cast<double*>(nullptr));
    EXPECT_EQ(dTheta.tail(6).norm(), 0.0) << "nothing inside, nothing to move";
    EXPECT_GT(dTheta.head(6).norm(), 0.0);
}

TEST(SpatialGradients, SamplerOnPixelBoundaries) {
    ap::Random r(5);
    // With S = W at the identity every point is exactly a pixel centre, a
    // kink of the interpolation. The sampler copies the image there, and a
    // shift of the whole grid to the right (theta[2], theta[5]) has the
    // derivative from the right: compare with one-sided differences.
    SamplerCase c = samplerCase(8, 8, 8, r);
    for (int b = 0; b < c.batch; ++b) ap::identityTheta(c.theta.data() + 6 * b);
    VectorXd out(c.weight.size());
    ap::gridSampleForward(c.shape, c.images.data(), c.theta.data(), c.batch, out.data());
    EXPECT_LT((out - c.images).norm(), 1e-12);
    VectorXd dTheta = VectorXd::Zero(12), dImages = VectorXd::Zero(c.images.size());
    ap::gridSampleBackward(c.shape, c.images.data(), c.theta.data(), c.weight.data(), c.batch, dTheta.data(),
                           dImages.data());
    EXPECT_LT((dImages - c.weight).norm(), 1e-12);
    for (int k : {2, 5, 8, 11}) {
        const double h = 1e-7;
        VectorXd moved = c.theta;
        moved(k) += h;
        const double numeric = (samplerLoss(c, c.images, moved) - samplerLoss(c, c.images, c.theta)) / h;
        EXPECT_NEAR(dTheta(k), numeric, 1e-5 * (1.0 + std::abs(numeric))) << "theta[" << k << "]";
    }
}

// ----------------------------------------------------------------- network

void checkNetwork(bool transformer, bool similarity = false) {
    ap::SpatialShape shape;
    shape.transformer = transformer;
    shape.similarity = similarity;
    shape.locChannels1 = 3, shape.locChannels2 = 2, shape.locHidden = 4;
    // The half-resolution localisation input and 28 x 28 output keep the
    // kinks below (fewer sample points cross a boundary per step of h).
    shape.locDownsample = 2, shape.sample = 28;
    shape.channels1 = 2, shape.channels2 = 3, shape.hidden = 5;
    const ap::SpatialNet<double> net(shape);
    ap::Random r(6);
    VectorXd params(net.parameterCount());
    net.initialize(params.data(), r);
    // Off the identity and with the localisation's last layer non-zero, so
    // that every block has a gradient.
    params += randomVector(params.size(), 0.05, r);
    const int B = 2;
    VectorXd images(Index(B) * 40 * 40);
    for (Index i = 0; i < images.size(); ++i) images(i) = r.uniform();
    // The similarity transform moves theta_0 and theta_4 together, so a step
    // carries more sample points across a pixel boundary; smooth images
    // keep the slope jumps there small.
    if (similarity)
        for (Index i = 0; i < images.size(); ++i)
            images(i) =
                0.5 + 0.4 * std::sin(0.35 * double(i % 40) + double(i / 1600)) * std::cos(0.25 * double(i / 40 % 40));
    const int labels[B] = {3, 8};
    auto loss = [&](const VectorXd& p) {
        ap::SpatialWorkspace<double> ws;
        VectorXd g = VectorXd::Zero(p.size());
        return net.lossAndGradient(p.data(), images.data(), labels, B, 1.0, g.data(), ws);
    };
    ap::SpatialWorkspace<double> ws;
    VectorXd analytic = VectorXd::Zero(params.size());
    net.lossAndGradient(params.data(), images.data(), labels, B, 1.0, analytic.data(), ws);
    const Index L = net.localisationCount();
    EXPECT_EQ(L > 0, transformer);
    if (similarity)
        for (int b = 0; b < B; ++b) {
            EXPECT_EQ(ws.theta(0, b), ws.theta(4, b));
            EXPECT_EQ(ws.theta(1, b), -ws.theta(3, b));
            EXPECT_NE(ws.theta(3, b), 0.0);
        }
    // The classifier is smooth almost everywhere (max pool and relu kinks
    // are measure zero). The localisation network reaches the loss through
    // 2 x 784 sample points, and a step of h moves some of them across a
    // pixel boundary, where the bilinear slope jumps: a few 1e-3 of error,
    // against errors of order 1 for a wrong term.
    std::vector<Block> blocks{{"classifier", L, params.size() - L}};
    expectGradient(loss, params, analytic, blocks, transformer ? "transformer network" : "baseline");
    if (transformer) expectGradient(loss, params, analytic, {{"localisation", 0, L}}, "localisation", 1e-2);
}

TEST(SpatialGradients, TransformerNetwork) { checkNetwork(true); }
TEST(SpatialGradients, SimilarityTransformerNetwork) { checkNetwork(true, true); }
TEST(SpatialGradients, BaselineNetwork) { checkNetwork(false); }

TEST(SpatialNet, StartsAsTheIdentity) {
    for (bool similarity : {false, true}) {
        ap::SpatialShape shape;
        shape.similarity = similarity;
        const ap::SpatialNet<float> net{shape};
        ap::Random r(7);
        Eigen::VectorXf params(net.parameterCount());
        net.initialize(params.data(), r);
        ap::SpatialWorkspace<float> ws;
        std::vector<float> images(2 * 1600, 0.25f);
        net.forward(params.data(), images.data(), 2, ws);
        for (int b = 0; b < 2; ++b)
            for (int k = 0; k < 6; ++k) EXPECT_EQ(ws.theta(k, b), (k == 0 || k == 4) ? 1.0f : 0.0f) << similarity;
    }
}

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
}

}  // namespace
