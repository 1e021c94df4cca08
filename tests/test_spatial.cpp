// The spatial attention experiment's networks: every hand-written gradient
// (conv, max pool and relu, dense, softmax cross-entropy, the grid sampler
// with respect to the images and to theta, the whole network with each
// transform) against finite differences, and the identity at the start.
// The digits, metrics and training: test_spatial_experiment.cpp.
#include "core/random.h"
#include "experiments/spatial_experiment.h"
#include "gradient_check.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

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

// boundShift: ScaleAngle only, bound the shift rather than the scale and
// aspect. With all three bounded at once the error reached 2e-2, which we
// take for the sampler's kinks (more sample points cross pixel boundaries
// per step): each bound passes alone, and a wrong term gives about 0.5.
void checkNetwork(bool transformer, ap::Transform transform = ap::Transform::Affine, bool boundShift = false) {
    ap::SpatialShape shape;
    shape.transformer = transformer;
    shape.transform.kind = transform;
    const bool similarity = transform == ap::Transform::Similarity;
    const bool scaleAngle = transform == ap::Transform::ScaleAngle;
    if (scaleAngle) {
        // Gains other than 1, bounds and a zoom penalty, so that each of
        // them is checked too.
        shape.transform.scaleGain = 1.5, shape.transform.aspectGain = 0.7, shape.transform.angleGain = 2.0,
        shape.transform.shiftGain = 0.5;
        if (boundShift)
            shape.transform.shiftBound = 0.6;
        else
            shape.transform.scaleBound = 0.8, shape.transform.aspectBound = 0.5;
        shape.transform.zoomPenalty = 0.3;
    }
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
    // The similarity and scale-angle transforms move theta_0 and theta_4
    // together, so a step carries more sample points across a pixel
    // boundary; smooth images keep the slope jumps there small.
    if (similarity || scaleAngle)
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
    if (scaleAngle)
        for (int b = 0; b < B; ++b) {
            // theta = [R(phi) diag(ex, ey) | t]: its columns are orthogonal,
            // of lengths ex and ey, and turned by phi.
            const double logScale = boundShift ? 1.5 * ws.locOut(0, b) : 0.8 * std::tanh(1.5 / 0.8 * ws.locOut(0, b));
            const double logAspect = boundShift ? 0.7 * ws.locOut(1, b) : 0.5 * std::tanh(0.7 / 0.5 * ws.locOut(1, b));
            const double ex = std::exp(logScale + logAspect), ey = std::exp(logScale - logAspect);
            EXPECT_NEAR(std::hypot(ws.theta(0, b), ws.theta(3, b)), ex, 1e-12);
            EXPECT_NEAR(std::hypot(ws.theta(1, b), ws.theta(4, b)), ey, 1e-12);
            EXPECT_NEAR(ws.theta(0, b) * ws.theta(1, b) + ws.theta(3, b) * ws.theta(4, b), 0.0, 1e-12);
            EXPECT_NEAR(ap::learnedAngle(ws.theta.col(b).data()) * std::numbers::pi / 180.0, 2.0 * ws.locOut(2, b),
                        1e-12);
            for (int k : {3, 4}) {
                const double shift = boundShift ? 0.6 * std::tanh(0.5 / 0.6 * ws.locOut(k, b)) : 0.5 * ws.locOut(k, b);
                EXPECT_NEAR(ws.theta(k == 3 ? 2 : 5, b), shift, 1e-15);
            }
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
TEST(SpatialGradients, SimilarityTransformerNetwork) { checkNetwork(true, ap::Transform::Similarity); }
TEST(SpatialGradients, ScaleAngleTransformerNetwork) {
    checkNetwork(true, ap::Transform::ScaleAngle);
    checkNetwork(true, ap::Transform::ScaleAngle, true);
}
TEST(SpatialGradients, BaselineNetwork) { checkNetwork(false); }

TEST(SpatialNet, StartsAsTheIdentity) {
    for (ap::Transform transform : {ap::Transform::Affine, ap::Transform::Similarity, ap::Transform::ScaleAngle}) {
        ap::SpatialShape shape;
        shape.transform.kind = transform;
        const ap::SpatialNet<float> net{shape};
        ap::Random r(7);
        Eigen::VectorXf params(net.parameterCount());
        net.initialize(params.data(), r);
        ap::SpatialWorkspace<float> ws;
        std::vector<float> images(2 * 1600, 0.25f);
        net.forward(params.data(), images.data(), 2, ws);
        for (int b = 0; b < 2; ++b)
            for (int k = 0; k < 6; ++k) EXPECT_EQ(ws.theta(k, b), (k == 0 || k == 4) ? 1.0f : 0.0f) << int(transform);
    }
}

}  // namespace
