// The post-processors of tokenizer.json for one sequence: TemplateProcessing
// (its "single" template), BertProcessing and RobertaProcessing ([CLS] A
// [SEP], <s> A </s>), ByteLevel (offsets only: nothing to do for ids) and
// Sequence.
#include "tokenizer/pipeline.h"

namespace ap::tokenizer::detail {

namespace {

// The sequence between fixed ids: every processor here has this shape for a
// single sequence.
class WrapProcessor final : public PostProcessor {
public:
    WrapProcessor(std::vector<std::int32_t> before, std::vector<std::int32_t> after)
        : before_(std::move(before)), after_(std::move(after)) {}
    void process(std::vector<std::int32_t>& ids) const override {
        ids.insert(ids.begin(), before_.begin(), before_.end());
        ids.insert(ids.end(), after_.begin(), after_.end());
    }

private:
    std::vector<std::int32_t> before_, after_;
};

class TemplateProcessor final : public PostProcessor {
public:
    // An item is either the sequence (empty ids, isSequence) or special ids.
    struct Item {
        bool isSequence = false;
        std::vector<std::int32_t> ids;
    };
    std::vector<Item> items;
    void process(std::vector<std::int32_t>& ids) const override {
        std::vector<std::int32_t> out;
        out.reserve(ids.size() + 4);
        for (const Item& item : items) {
            if (item.isSequence)
                out.insert(out.end(), ids.begin(), ids.end());
            else
                out.insert(out.end(), item.ids.begin(), item.ids.end());
        }
        ids = std::move(out);
    }
};

class SequenceProcessor final : public PostProcessor {
public:
    std::vector<std::unique_ptr<PostProcessor>> steps;
    void process(std::vector<std::int32_t>& ids) const override {
        for (const auto& s : steps) s->process(ids);
    }
};

class NoProcessor final : public PostProcessor {
public:
    void process(std::vector<std::int32_t>&) const override {}
};

using PostProcessorLoaded = Result<std::unique_ptr<PostProcessor>>;
PostProcessorLoaded postProcessorFailure(const std::string& where, std::string_view what) {
    return PostProcessorLoaded::failure(describe(where, what));
}
PostProcessorLoaded postProcessorDone(std::unique_ptr<PostProcessor> p) {
    return PostProcessorLoaded::success(std::move(p));
}

// ["[SEP]", 102]: the id, checked against the vocabulary's.
Result<std::int32_t> tokenPair(const json::Value& object, std::string_view key) {
    const json::Value* v = object.find(key);
    if (!v || v->type != json::Type::Array || v->array.size() != 2 || v->array[0].type != json::Type::String ||
        !v->array[1].numberIsInteger || v->array[1].number < 0)
        return Result<std::int32_t>::failure(json::quote(key) + " must be [token, id]");
    return Result<std::int32_t>::success(static_cast<std::int32_t>(v->array[1].number));
}

// The special tokens of a template: name -> ids.
Status specialIds(const json::Value& tokens, const std::string& name, std::vector<std::int32_t>& ids) {
    const json::Value* entry = tokens.find(name);
    const json::Value* list = entry ? entry->find("ids") : nullptr;
    if (!list || list->type != json::Type::Array)
        return Status::error("the template's special token " + json::quote(name) + " is not in \"special_tokens\"");
    for (const auto& v : list->array) {
        if (!v.numberIsInteger || v.number < 0)
            return Status::error("special token " + json::quote(name) + ": ids must be whole numbers");
        ids.push_back(static_cast<std::int32_t>(v.number));
    }
    return {};
}

PostProcessorLoaded loadTemplate(const json::Value& value, const std::string& where) {
    const json::Value* single = value.find("single");
    const json::Value* special = value.find("special_tokens");
    static const json::Value empty;
    if (!special) special = &empty;
    auto processor = std::make_unique<TemplateProcessor>();
    if (single && single->type == json::Type::String) {
        // The short form "[CLS] $A [SEP]" (a name may carry ":type_id").
        std::string s = single->string;
        std::size_t pos = 0;
        while (pos < s.size()) {
            std::size_t end = s.find(' ', pos);
            if (end == std::string::npos) end = s.size();
            std::string piece = s.substr(pos, end - pos);
            pos = end + 1;
            if (piece.empty()) continue;
            const std::size_t colon = piece.rfind(':');
            if (colon != std::string::npos && colon > 0) piece.resize(colon);
            TemplateProcessor::Item item;
            if (piece[0] == '$') {
                item.isSequence = true;
            } else if (Status s = specialIds(*special, piece, item.ids); !s) {
                return postProcessorFailure(where, s.message);
            }
            processor->items.push_back(std::move(item));
        }
        return postProcessorDone(std::move(processor));
    }
    if (!single || single->type != json::Type::Array)
        return postProcessorFailure(where, "TemplateProcessing without a \"single\" template");
    for (const auto& part : single->array) {
        TemplateProcessor::Item item;
        if (const json::Value* seq = part.find("Sequence")) {
            (void)seq;
            item.isSequence = true;
        } else if (const json::Value* tok = part.find("SpecialToken")) {
            const std::string name = stringMember(*tok, "id");
            if (Status s = specialIds(*special, name, item.ids); !s) return postProcessorFailure(where, s.message);
        } else {
            return postProcessorFailure(where,
                                        "a template item must be {\"Sequence\": ...} or {\"SpecialToken\": ...}");
        }
        processor->items.push_back(std::move(item));
    }
    return postProcessorDone(std::move(processor));
}

}  // namespace

std::unique_ptr<PostProcessor> wrapProcessor(std::vector<std::int32_t> before, std::vector<std::int32_t> after) {
    return std::make_unique<WrapProcessor>(std::move(before), std::move(after));
}

PostProcessorLoaded loadPostProcessor(const json::Value& value, const std::string& where) {
    if (value.type != json::Type::Object) return postProcessorFailure(where, "expected an object");
    const std::string type = stringMember(value, "type");
    if (type == "TemplateProcessing") return loadTemplate(value, where);
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        const Result<std::int32_t> cls = tokenPair(value, "cls");
        if (!cls.ok) return postProcessorFailure(where, cls.error);
        const Result<std::int32_t> sep = tokenPair(value, "sep");
        if (!sep.ok) return postProcessorFailure(where, sep.error);
        return postProcessorDone(std::make_unique<WrapProcessor>(std::vector<std::int32_t>{cls.value},
                                                                 std::vector<std::int32_t>{sep.value}));
    }
    if (type == "ByteLevel") return postProcessorDone(std::make_unique<NoProcessor>());
    if (type == "Sequence") {
        const json::Value* list = value.find("processors");
        if (!list || list->type != json::Type::Array)
            return postProcessorFailure(where, "Sequence without a \"processors\" array");
        auto seq = std::make_unique<SequenceProcessor>();
        for (std::size_t k = 0; k < list->array.size(); ++k) {
            auto step = loadPostProcessor(list->array[k], where + ".processors[" + std::to_string(k) + "]");
            if (!step.ok) return step;
            seq->steps.push_back(std::move(step.value));
        }
        return postProcessorDone(std::move(seq));
    }
    if (type.empty()) return postProcessorFailure(where, "missing \"type\"");
    return postProcessorFailure(where, "unsupported post-processor type " + json::quote(type));
}

}  // namespace ap::tokenizer::detail
