#include "experiments/channel_model.h"
#include "core/enum_names.h"
#include "core/softmax.h"

#include "core/random.h"

#include <algorithm>
#include <cmath>

namespace ap {
namespace {

double relu6(double x) { return std::clamp(x, 0.0, 6.0); }

void glorot(double* p, Eigen::Index count, Eigen::Index fanIn, Eigen::Index fanOut, Random& random) {
    const double bound = std::sqrt(6.0 / double(fanIn + fanOut));
    for (Eigen::Index i = 0; i < count; ++i) p[i] = random.symmetric(bound);
}

}  // namespace

constexpr EnumName<ExcitationActivation> kExcitationNames[] = {
    {ExcitationActivation::HardSigmoid, "hard_sigmoid"},
    {ExcitationActivation::HardSwish, "hard_swish"},
    {ExcitationActivation::Sigmoid, "sigmoid"},
};

const char* toString(ExcitationActivation a) { return nameIn(kExcitationNames, a); }

std::optional<ExcitationActivation> excitationFromString(std::string_view name) {
    return valueIn(kExcitationNames, name);
}

ChannelModel::ChannelModel(int channels, ExcitationActivation activation)
    : channels_(channels), reduced_(std::max(1, channels / 4)), activation_(activation) {}

Eigen::Index ChannelModel::parameterCount() const { return offsetOut() + channels_ + 1; }

double ChannelModel::activate(double x) const {
    switch (activation_) {
    case ExcitationActivation::HardSigmoid: return relu6(x + 3.0) / 6.0;
    case ExcitationActivation::HardSwish: return x * relu6(x + 3.0) / 6.0;
    case ExcitationActivation::Sigmoid: return sigmoid(x);
    }
    return 0.0;
}

// At the kinks (x = -3 and 3) the one-sided derivative from the right is
// taken, as the frameworks' relu6 does (its gradient is 0 at 0 and at 6).
double ChannelModel::derivative(double x) const {
    switch (activation_) {
    case ExcitationActivation::HardSigmoid: return (x > -3.0 && x < 3.0) ? 1.0 / 6.0 : 0.0;
    case ExcitationActivation::HardSwish:
        if (x <= -3.0) return 0.0;
        if (x >= 3.0) return 1.0;
        return (2.0 * x + 3.0) / 6.0;
    case ExcitationActivation::Sigmoid: {
        const double s = sigmoid(x);
        return s * (1.0 - s);
    }
    }
    return 0.0;
}

void ChannelModel::initialize(double* params, Random& random) const {
    std::fill(params, params + parameterCount(), 0.0);
    glorot(params + offsetW1(), Eigen::Index(reduced_) * channels_, channels_, reduced_, random);
    glorot(params + offsetW2(), Eigen::Index(channels_) * reduced_, reduced_, channels_, random);
    glorot(params + offsetOut(), channels_, channels_, 1, random);
}

void ChannelModel::forward(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled,
                           ChannelWorkspace& ws) const {
    const Eigen::Map<const Eigen::MatrixXd> W1(params + offsetW1(), reduced_, channels_);
    const Eigen::Map<const Eigen::VectorXd> b1(params + offsetB1(), reduced_);
    const Eigen::Map<const Eigen::MatrixXd> W2(params + offsetW2(), channels_, reduced_);
    const Eigen::Map<const Eigen::VectorXd> b2(params + offsetB2(), channels_);
    const Eigen::Map<const Eigen::VectorXd> w(params + offsetOut(), channels_);
    ws.reducedPre.noalias() = W1 * pooled;
    ws.reducedPre.colwise() += b1;
    ws.reduced = ws.reducedPre.unaryExpr([](double x) { return relu6(x); });
    ws.excitePre.noalias() = W2 * ws.reduced;
    ws.excitePre.colwise() += b2;
    ws.excitation = ws.excitePre.unaryExpr([this](double x) { return activate(x); });
    ws.scaled = ws.excitation.cwiseProduct(pooled);
    ws.logits.noalias() = ws.scaled.transpose() * w;
    ws.logits.array() += params[offsetOut() + channels_];
}

double ChannelModel::lossAndGradient(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled,
                                     const double* y, double scale, double* grad, ChannelWorkspace& ws) const {
    forward(params, pooled, ws);
    const Eigen::Index B = pooled.cols();
    const Eigen::Map<const Eigen::MatrixXd> W2(params + offsetW2(), channels_, reduced_);
    const Eigen::Map<const Eigen::VectorXd> w(params + offsetOut(), channels_);
    Eigen::Map<Eigen::MatrixXd> dW1(grad + offsetW1(), reduced_, channels_);
    Eigen::Map<Eigen::VectorXd> db1(grad + offsetB1(), reduced_);
    Eigen::Map<Eigen::MatrixXd> dW2(grad + offsetW2(), channels_, reduced_);
    Eigen::Map<Eigen::VectorXd> db2(grad + offsetB2(), channels_);
    Eigen::Map<Eigen::VectorXd> dw(grad + offsetOut(), channels_);
    double loss = 0.0;
    ws.dLogits.resize(B);
    for (Eigen::Index b = 0; b < B; ++b) {
        const double z = ws.logits(b);
        loss += binaryCrossEntropyWithLogits(z, y[b]);
        ws.dLogits(b) = scale * (sigmoid(z) - y[b]);
    }
    grad[offsetOut() + channels_] += ws.dLogits.sum();
    dw.noalias() += ws.scaled * ws.dLogits;
    // d(s * z)/ds = z; then through the activation and the two layers.
    ws.dExcite = (w * ws.dLogits.transpose()).cwiseProduct(pooled);
    ws.dExcite.array() *= ws.excitePre.unaryExpr([this](double x) { return derivative(x); }).array();
    dW2.noalias() += ws.dExcite * ws.reduced.transpose();
    db2 += ws.dExcite.rowwise().sum();
    ws.dReduced.noalias() = W2.transpose() * ws.dExcite;
    ws.dReduced.array() *= ws.reducedPre.unaryExpr([](double x) { return (x > 0.0 && x < 6.0) ? 1.0 : 0.0; }).array();
    dW1.noalias() += ws.dReduced * pooled.transpose();
    db1 += ws.dReduced.rowwise().sum();
    return loss;
}

void ChannelModel::predict(const double* params, const Eigen::Ref<const Eigen::MatrixXd>& pooled,
                           Eigen::VectorXd& probabilities, Eigen::MatrixXd& excitation, ChannelWorkspace& ws) const {
    forward(params, pooled, ws);
    probabilities = (1.0 + (-ws.logits.array()).exp()).inverse().matrix();
    excitation = ws.excitation;
}

}  // namespace ap
