#include "transformer/head_scene.h"

#include "core/utf8.h"

#include <cmath>

namespace ap::transformer {
namespace {

std::string label(const std::string& token) {
    if (token.size() <= std::size_t(limits::kMaxTokenBytes)) return token;
    std::size_t n = std::size_t(limits::kMaxTokenBytes);
    while (n > 0 && !utf8::startsCharacter(static_cast<unsigned char>(token[n]))) --n;
    return token.substr(0, n);
}

}  // namespace

Result<Scene> headScene(const ForwardResult& r, const std::vector<std::string>& tokens, const std::string& title) {
    if (r.captured.layer < 0) return Result<Scene>::failure("no head was captured in the forward pass");
    const int T = int(r.queries.rows()), dh = int(r.queries.cols());
    if (T > limits::kMaxTokens)
        return Result<Scene>::failure("a scene holds at most " + std::to_string(limits::kMaxTokens) + " tokens, not " +
                                      std::to_string(T));
    if (dh > limits::kMaxWidth)
        return Result<Scene>::failure("a scene holds vectors of at most " + std::to_string(limits::kMaxWidth) +
                                      " values, not " + std::to_string(dh));
    Scene s;
    s.title = title;
    // Scaled dot divides by sqrt(dh); a model that scales otherwise (GPT-2's
    // scale_attn_by_inverse_layer_idx) has the difference folded into the
    // queries, so that the scene's scores equal the model's.
    const float fold = r.scale * std::sqrt(float(dh));
    s.queries = std::abs(fold - 1.0f) < 1e-7f ? r.queries : Matrix(r.queries * fold);
    s.keys = r.keys;
    s.values = r.values;
    s.heads = 1;
    s.scoring = Scoring::ScaledDot;
    s.normalization = Normalization::Softmax;
    s.mask.causal = r.causal;
    if (r.slidingWindow > 0)
        for (int q = 0; q < T; ++q)
            for (int k = 0; k <= q - r.slidingWindow; ++k) s.mask.cells.push_back({q, k});
    if (int(tokens.size()) == T) {
        for (const std::string& t : tokens) s.queryTokens.push_back(label(t));
        s.keyTokens = s.queryTokens;
    }
    if (const Status valid = validate(s); !valid.ok)
        return Result<Scene>::failure("the head's scene: " + valid.message);
    return Result<Scene>::success(std::move(s));
}

}  // namespace ap::transformer
