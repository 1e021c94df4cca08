// Every enum named in files and on the command line: each value has its own
// name, and reading the name back gives the value; unknown names and
// values are refused, not guessed.
#include "analysis/rollout.h"
#include "core/enum_names.h"
#include "core/scene.h"
#include "experiments/channel_model.h"
#include "experiments/digit_data.h"
#include "import/attention_import.h"
#include "import/attention_tensor.h"
#include "transformer/checkpoint.h"
#include "transformer/config.h"
#include "translation/aligner.h"
#include "translation/grammar.h"
#include "translation/symmetrization.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

// Names of `values` are distinct, none is the unknown "?", and, where the
// enum is read too, each reads back as its value.
template <class E, class Read>
void checkNames(const std::vector<E>& values, Read read, const std::vector<std::string>& expected) {
    std::set<std::string> seen;
    std::vector<std::string> names;
    for (E v : values) {
        const std::string name = toString(v);
        EXPECT_NE(name, "?");
        EXPECT_TRUE(seen.insert(name).second) << name << " names two values";
        names.push_back(name);
        if constexpr (!std::is_same_v<Read, std::nullptr_t>) {
            const auto back = read(name);
            ASSERT_TRUE(back.has_value()) << name;
            EXPECT_EQ(*back, v) << name;
        }
    }
    EXPECT_EQ(names, expected);
    if constexpr (!std::is_same_v<Read, std::nullptr_t>) {
        EXPECT_FALSE(read("").has_value());
        EXPECT_FALSE(read("?").has_value());
        // Exact match only: no case folding, no prefixes.
        const std::string upper = [&] {
            std::string s = expected.front();
            for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
            return s;
        }();
        EXPECT_FALSE(read(upper).has_value()) << upper;
        EXPECT_FALSE(read(expected.front() + " ").has_value());
    }
}

}  // namespace

TEST(EnumNames, TableLookupBothWays) {
    enum class Colour { Red, Green, Blue };
    constexpr ap::EnumName<Colour> names[] = {{Colour::Red, "red"}, {Colour::Green, "green"}};
    static_assert(std::string_view(ap::nameIn(names, Colour::Green)) == "green");
    EXPECT_STREQ(ap::nameIn(names, Colour::Blue), "?");  // not in the table
    EXPECT_EQ(ap::valueIn(names, "red"), Colour::Red);
    EXPECT_FALSE(ap::valueIn(names, "blue").has_value());
}

TEST(EnumNames, SceneScoringAndNormalization) {
    using ap::Normalization;
    using ap::Scoring;
    checkNames<Scoring>({Scoring::Dot, Scoring::ScaledDot, Scoring::General, Scoring::Additive, Scoring::Cosine},
                        [](const std::string& s) { return ap::scoringFromString(s); },
                        {"dot", "scaled_dot", "general", "additive", "cosine"});
    checkNames<Normalization>({Normalization::Softmax, Normalization::Hard, Normalization::TopK,
                               Normalization::Sparsemax, Normalization::Sample},
                              [](const std::string& s) { return ap::normalizationFromString(s); },
                              {"softmax", "hard", "topk", "sparsemax", "sample"});
    EXPECT_STREQ(ap::displayName(Scoring::ScaledDot), "scaled dot");
    EXPECT_STREQ(ap::displayName(Normalization::TopK), "top-k");
    EXPECT_STREQ(ap::displayName(Normalization::Softmax), "softmax");
}

TEST(EnumNames, Translation) {
    using ap::AlignmentModel;
    using ap::GrammarKind;
    using ap::Symmetrization;
    checkNames<AlignmentModel>({AlignmentModel::Ibm1, AlignmentModel::Ibm2, AlignmentModel::FastAlign},
                               [](const std::string& s) { return ap::alignmentModelFromString(s); },
                               {"ibm1", "ibm2", "fastalign"});
    checkNames<GrammarKind>({GrammarKind::FrEn, GrammarKind::DeEn, GrammarKind::ZhEn},
                            [](const std::string& s) { return ap::grammarFromString(s); }, {"fr-en", "de-en", "zh-en"});
    checkNames<Symmetrization>({Symmetrization::None, Symmetrization::Intersect, Symmetrization::Union,
                                Symmetrization::GrowDiagFinalAnd},
                               [](const std::string& s) { return ap::symmetrizationFromString(s); },
                               {"none", "intersect", "union", "gdfa"});
}

TEST(EnumNames, Experiments) {
    using ap::Distortion;
    using ap::ExcitationActivation;
    using ap::analysis::HeadFusion;
    checkNames<Distortion>({Distortion::Rotate, Distortion::Translate, Distortion::Scale, Distortion::Clutter,
                            Distortion::All},
                           [](const std::string& s) { return ap::distortionFromString(s); },
                           {"rotate", "translate", "scale", "clutter", "all"});
    checkNames<ExcitationActivation>({ExcitationActivation::HardSigmoid, ExcitationActivation::HardSwish,
                                      ExcitationActivation::Sigmoid},
                                     [](const std::string& s) { return ap::excitationFromString(s); },
                                     {"hard_sigmoid", "hard_swish", "sigmoid"});
    checkNames<HeadFusion>({HeadFusion::Mean, HeadFusion::Max, HeadFusion::Min},
                           [](const std::string& s) { return ap::analysis::headFusionFromString(s); },
                           {"mean", "max", "min"});
}

TEST(EnumNames, FilesAndCheckpoints) {
    using ap::import::DType;
    using ap::import::FileKind;
    using ap::transformer::Family;
    using ap::transformer::WeightType;
    checkNames<DType>({DType::F16, DType::F32, DType::F64, DType::BF16}, nullptr,
                      {"float16", "float32", "float64", "bfloat16"});
    checkNames<FileKind>({FileKind::Npy, FileKind::Npz, FileKind::Safetensors, FileKind::BertVizJson, FileKind::Scene,
                          FileKind::Unknown},
                         nullptr, {"npy", "npz", "safetensors", "bertviz", "scene", "unknown"});
    checkNames<Family>({Family::Bert, Family::Gpt2, Family::Llama}, nullptr, {"bert", "gpt2", "llama"});
    checkNames<WeightType>({WeightType::F32, WeightType::F16, WeightType::BF16}, nullptr, {"F32", "F16", "BF16"});
}
