#!/usr/bin/python3
"""Writes tests/data/tokenizer_reference_strings.json, the strings that the
reference test encodes with every real vocabulary. Run again after editing;
the output is committed."""
import json
import sys

strings = [
    "", " ", "  ", "\t", "\n", "\r\n", " \n ", "a", "A", "I", "Hello", "Hello world", "Hello, world!",
    "The quick brown fox jumps over the lazy dog.", "THE QUICK BROWN FOX", "hello   world", "hello\tworld",
    "hello\nworld", "hello\n\nworld", "hello \n world", "trailing space ", " leading space", "  two leading",
    "multiple     spaces    here", "tabs\t\tand\ttabs", "line one\nline two\nline three\n", "\n\n\n",
    "windows\r\nline\r\nends", "mixed \t\n whitespace", "end with newline\n", "   ", "\t\t", " \t \n \r ",
    "It's", "it's", "IT'S", "I'm", "you're", "they've", "we'll", "she'd", "don't", "can't", "won't",
    "'s", "'S", "'t", "'re", "'RE", "'ll", "'Ll", "ſ", "'ſ", "O'Neil", "rock 'n' roll", "''", "'",
    "Don't you think it's great?", "He said \"hello\".", "(parentheses) [brackets] {braces}",
    "a-b_c.d,e;f:g!h?i", "...", "!!!", "?!?!", "--", "---", "—", "–", "a—b", "«quotes»", "„German“", "‘single’",
    "“double”", "email@example.com", "https://www.example.com/path?query=1&x=y#frag",
    "http://localhost:8080/api/v1", "file:///home/user/file.txt", "C:\\Users\\name\\file.txt",
    "#hashtag @mention", "$100.00", "€50", "£30", "¥1000", "100%", "50°C", "3.14159", "1,000,000",
    "1234567890", "12345678901234567890", "0", "007", "1 2 3", "1st 2nd 3rd 4th", "3rd", "v1.2.3",
    "2024-01-15", "12:30:45", "+1 (555) 123-4567", "1e10", "0x1F", "٣٤٥", "१२३", "①②③", "Ⅻ", "½",
    "x² + y² = z²", "H₂O", "∑∫∂√∞", "≠≤≥", "→ ← ↑ ↓", "café", "naïve", "résumé", "Crème brûlée",
    "Ångström", "Łódź", "Dvořák", "Ελληνικά", "ΑΒΓΔ", "Σίσυφος", "Привет, мир!", "МОСКВА",
    "עברית", "العربية", "مرحبا بالعالم", "हिन्दी", "नमस्ते", "ภาษาไทย", "Tiếng Việt", "한국어",
    "안녕하세요", "日本語", "こんにちは世界", "カタカナ", "ｶﾀｶﾅ", "中文", "你好，世界！", "我爱北京天安门。",
    "繁體中文", "混合English中文", "中文123", "漢字かな交じり文", "𠀀𠀁", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𝐁𝐨𝐥𝐝",
    "ﬁ ﬂ ﬃ", "Ⅰ Ⅱ Ⅲ", "ＦＵＬＬＷＩＤＴＨ", "１２３", "e\u0301", "e\u0301\u0301", "a\u0308", "A\u030a",
    "\u1100\u1161\u11a8", "한\u11a8", "o\u0302\u0323", "q\u0307\u0323", "\u0301", "\u0301a", "Ω", "Å", "K",
    "İstanbul", "ß", "STRASSE", "ǅ", "ﬀ", "ΐ", "Ⓐⓑⓒ", "😀", "😀😀😀", "👍🏽", "👨‍👩‍👧‍👦", "👩🏾‍💻",
    "🏳️‍🌈", "❤️", "🇺🇸🇯🇵", "Hello 😀 world", "emoji😀inside", "🤖 robots", "☃", "★☆",
    "\u200b", "zero\u200bwidth", "non\u00a0breaking", "a\u2009b", "a\u3000b", "a\u2028b", "a\u0085b",
    "\ufeffBOM", "soft\u00adhyphen", "a\u200db", "a\u200cb", "\x00null", "\x07bell", "\x1b[31mred\x1b[0m",
    "control\x01char", "\ufffd", "x\u0600y", "def foo(x):\n    return x + 1\n",
    "for (int i = 0; i < n; ++i) {\n\tsum += a[i];\n}", "if x == 1 and y != 2:", "print(\"Hello, World!\")",
    "console.log('test');", "<div class=\"main\">text</div>", "SELECT * FROM users WHERE id = 1;",
    "import numpy as np", "x = [1, 2, 3]", "{\"key\": \"value\", \"n\": 42}", "a && b || !c",
    "i++; j--; k += 2;", "#include <stdio.h>", "    indented", "\tindented tab", "snake_case_name",
    "camelCaseName", "PascalCaseName", "SCREAMING_CASE", "kebab-case-name", "__init__", "self.x = x",
    "`backticks`", "~/path/to/file", "a/b/c", "a\\b\\c", "<s>", "</s>", "<unk>", "<s>Hello</s>",
    "Hello <s> world", "[CLS]", "[SEP]", "[MASK]", "[CLS] hello [SEP]", "The [MASK] is blue.",
    "[PAD]", "[UNK]", "[cls]", "<|endoftext|>", "text<|endoftext|>more", "<|endoftext|><|endoftext|>",
    "<|begin_of_text|>", "<|im_start|>user\nHi<|im_end|>", "<|im_start|>", "<think>", "</think>",
    "<think>reasoning</think>answer", "<|eot_id|>", "<|start_header_id|>system<|end_header_id|>",
    "<|reserved_special_token_0|>", "< s >", "<s", "s>", "<<s>>", "<|endoftext", "endoftext|>",
    "▁", "▁▁", "a▁b", "Ġ", "Ċ", "<0x0A>", "<0xE4>", "##", "##ing", "playing", "unaffable", "unbelievable",
    "antidisestablishmentarianism", "pneumonoultramicroscopicsilicovolcanoconiosis", "supercalifragilistic",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababab",
    "x" * 120, "ab " * 40, "The year 2023 was great, 100% better than 1999!",
    "Numbers: 1, 22, 333, 4444, 55555, 666666", "pi=3.14, e=2.71", "999999999", "1-800-FLOWERS",
    "Mr. Smith went to Washington D.C. in the U.S.A.", "e.g., i.e., etc.", "U.S. vs. U.K.",
    "Hello!!! How are you???", "Wait... what?!", "Ok.Ok.Ok", "end.", "(nested (parens))",
    "Title Case Sentence Here", "lowercase only", "ALL CAPS SENTENCE", "MiXeD cAsE",
    "José María Aznar", "François Hollande", "Björk Guðmundsdóttir", "Nguyễn Văn A", "Søren Kierkegaard",
    "Zürich", "São Paulo", "Kraków", "Reykjavík", "Tōkyō", "Ελλάδα", "Україна", "Қазақстан",
    "Ge'ez: ግዕዝ", "Cherokee: ᏣᎳᎩ", "Georgian: ქართული", "Armenian: Հայերեն", "Tamil: தமிழ்",
    "Bengali: বাংলা", "Sinhala: සිංහල", "Tibetan: བོད་ཡིག", "Mongolian: ᠮᠣᠩᠭᠣᠯ", "Khmer: ខ្មែរ",
    "Lao: ລາວ", "Burmese: မြန်မာ", "Amharic: አማርኛ", "Yiddish: ייִדיש", "Persian: فارسی",
    "Urdu: اردو", "Devanagari with nukta: क़", "Hangul jamo: ᄀᄁᄂ", "Combining: a\u0300\u0301\u0302",
    "Math: ∀x∈ℝ, x²≥0", "Arrows: ⇒⇔", "Box: ┌─┐│└┘", "Braille: ⠓⠑⠇⠇⠕", "Music: ♩♪♫♬",
    "Chess: ♔♕♖", "Cards: 🂡🂢", "Dingbats: ✂✈✉", "Currency: ₿₹₽₩", "Fractions: ¼ ¾ ⅓",
    "Superscripts: ¹²³", "Subscripts: ₁₂₃", "Roman: ⅰⅱⅲ", "Circled: ⓐⓑⓒ", "Squared: ㎏㎞",
    "Ligatures: ﬀﬁﬂ", "Fullwidth: Ａｂｃ！", "Halfwidth: ｱｲｳ", "Vertical: ︐︑", "Small: ﹐﹑",
    "Hello\u3000World", "tab\tseparated\tvalues", "a\n\tb", "  \n  ", "x\n \ny", ".\n", "!\n\n",
    "word\r", "\r", "\v\f", "a\vb", "a\fb", "line\u2029para", "a  b   c    d", "   x   ",
    "Qwen's tokenizer handles 1234567 digits", "Llama 3 uses 3-digit groups: 1234567",
    "The price is $1,234.56 (USD).", "Call me at 555-0123.", "ISBN 978-3-16-148410-0",
    "https://github.com/huggingface/tokenizers", "user_name123@domain.co.uk", "#!/bin/bash\necho $HOME",
    "SELECT name, COUNT(*) FROM t GROUP BY name HAVING COUNT(*) > 1;", "λx.x", "f(x) = x^2 + 2x + 1",
    "→→→", "...!?", "¿Qué?", "¡Hola!", "Ça va?", "Œuvre", "Æsir", "þorn", "ð", "ı", "İi", "ǈ", "ﬅ",
    "Straße", "ΣΑΣ", "σας", "ὈΔΥΣΣΕΎΣ", "ᾼ", "ꞵ", "Ꭰ", "𐐀", "𞤀", "ǰ̌", "ŉ", "\U0001F600\u200d",
]

# Longer passages: prose, a paragraph of Chinese, a code file.
strings += [
    "Attention is all you need. The dominant sequence transduction models are based on complex recurrent or "
    "convolutional neural networks that include an encoder and a decoder.",
    "深度学习是机器学习的分支，是一种以人工神经网络为架构，对资料进行表征学习的算法。",
    "東京は日本の首都であり、世界最大の都市圏の一つです。",
    "Москва — столица России, город федерального значения.",
    "int main(int argc, char** argv) {\n    std::vector<int> v{1, 2, 3};\n    for (auto x : v) std::cout << x << '\\n';\n    return 0;\n}\n",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.",
]

seen = set()
unique = []
for s in strings:
    if s not in seen:
        seen.add(s)
        unique.append(s)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(unique, f, ensure_ascii=False, indent=0)
    f.write("\n")
print(len(unique), "strings")
