#!/usr/bin/python3
"""Writes attention weights in the formats attention-playground opens.

Formats: .npy, .npz (attentions + tokens), .safetensors (written by hand:
8-byte header length, JSON header, raw little-endian data; no safetensors
package needed) and BertViz-style JSON. Shapes are [layers, heads, q, k].

Sources:
  hf MODEL TEXT [--target TEXT]   a Hugging Face model run with
                                  output_attentions=True (transformers is
                                  imported only here). Encoder-decoder
                                  models give three files: _encoder,
                                  _decoder and _cross (decoder queries over
                                  encoder keys).
  torch-mha                       PyTorch's own nn.MultiheadAttention with
                                  random weights (need_weights=True,
                                  average_attn_weights=False): one layer.
  torch-encoder                   an nn.TransformerEncoderLayer stack with
                                  random weights; each layer's self-attention
                                  weights on that layer's input.

Both torch sources need no network and are what the tests run.

Examples:
  export_attention.py torch-encoder --layers 12 --heads 12 --tokens 64 -o out/model --format all
  export_attention.py hf bert-base-uncased "The cat sat on the mat." -o bert --format npz
"""
import argparse
import json
import os
import struct
import sys

import numpy as np

DTYPES = {"float32": (np.float32, "F32"), "float16": (np.float16, "F16"), "float64": (np.float64, "F64")}
FORMATS = ("npy", "npz", "safetensors", "bertviz")


def write_atomically(path, write):
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        write(f)
    os.replace(tmp, path)


def write_npy(path, attn, tokens_q, tokens_k):
    write_atomically(path, lambda f: np.save(f, attn))


def write_npz(path, attn, tokens_q, tokens_k, compressed=False):
    arrays = {"attentions": attn}
    if tokens_q is not None and tokens_q == tokens_k:
        arrays["tokens"] = np.array(tokens_q)
    else:
        if tokens_q is not None:
            arrays["query_tokens"] = np.array(tokens_q)
        if tokens_k is not None:
            arrays["key_tokens"] = np.array(tokens_k)
    save = np.savez_compressed if compressed else np.savez
    write_atomically(path, lambda f: save(f, **arrays))


def write_safetensors(path, attn, tokens_q, tokens_k):
    attn = np.ascontiguousarray(attn)
    dtype_name = {np.dtype(v[0]): v[1] for v in DTYPES.values()}[attn.dtype]
    data = attn.astype(attn.dtype.newbyteorder("<"), copy=False).tobytes()
    metadata = {}
    if tokens_q is not None and tokens_q == tokens_k:
        metadata["tokens"] = json.dumps(tokens_q, ensure_ascii=False)
    else:
        if tokens_q is not None:
            metadata["query_tokens"] = json.dumps(tokens_q, ensure_ascii=False)
        if tokens_k is not None:
            metadata["key_tokens"] = json.dumps(tokens_k, ensure_ascii=False)
    header = {"attentions": {"dtype": dtype_name, "shape": list(attn.shape), "data_offsets": [0, len(data)]}}
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as the format advises

    def write(f):
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    write_atomically(path, write)


def write_bertviz(path, attn, tokens_q, tokens_k):
    doc = {"attention": attn.astype(np.float64).tolist()}
    if tokens_q is not None and tokens_q == tokens_k:
        doc["tokens"] = tokens_q
    else:
        if tokens_q is not None:
            doc["left_text"] = tokens_q
        if tokens_k is not None:
            doc["right_text"] = tokens_k
    write_atomically(path, lambda f: f.write(json.dumps(doc, ensure_ascii=False).encode("utf-8")))


def write_all(base, attn, tokens_q, tokens_k, formats, dtype, compressed):
    attn = np.asarray(attn, dtype=DTYPES[dtype][0])
    written = []
    for fmt in formats:
        if fmt == "npy":
            path = base + ".npy"
            write_npy(path, attn, tokens_q, tokens_k)
        elif fmt == "npz":
            path = base + ".npz"
            write_npz(path, attn, tokens_q, tokens_k, compressed)
        elif fmt == "safetensors":
            path = base + ".safetensors"
            write_safetensors(path, attn, tokens_q, tokens_k)
        else:
            path = base + ".json"
            write_bertviz(path, attn, tokens_q, tokens_k)
        written.append(path)
    return written


def torch_sources(args):
    import torch
    torch.manual_seed(args.seed)
    d = args.heads * args.head_dim
    x = torch.randn(1, args.tokens, d)
    tokens = args.text.split() if args.text else ["t%d" % i for i in range(args.tokens)]
    if len(tokens) != args.tokens:
        sys.exit("export_attention.py: --text has %d words but --tokens is %d" % (len(tokens), args.tokens))
    with torch.no_grad():
        if args.source == "torch-mha":
            mha = torch.nn.MultiheadAttention(d, args.heads, batch_first=True).eval()
            _, weights = mha(x, x, x, need_weights=True, average_attn_weights=False)
            layers = [weights[0]]
        else:
            stack = [torch.nn.TransformerEncoderLayer(d, args.heads, dim_feedforward=2 * d, dropout=0.0,
                                                      batch_first=True).eval() for _ in range(args.layers)]
            layers = []
            h = x
            for layer in stack:
                # The weights of the layer's own attention module on its input
                # (post-norm layers feed the input straight to self_attn).
                _, weights = layer.self_attn(h, h, h, need_weights=True, average_attn_weights=False)
                layers.append(weights[0])
                h = layer(h)
    attn = torch.stack(layers).double().numpy()  # [layers, heads, q, k]
    return {"": (attn, tokens, tokens)}


def hf_sources(args):
    try:
        import torch
        import transformers
    except ImportError as e:
        sys.exit("export_attention.py: the hf source needs the transformers package (%s)" % e)
    tokenizer = transformers.AutoTokenizer.from_pretrained(args.model)
    config = transformers.AutoConfig.from_pretrained(args.model)
    inputs = tokenizer(args.text, return_tensors="pt")
    src_tokens = tokenizer.convert_ids_to_tokens(inputs["input_ids"][0])
    with torch.no_grad():
        if config.is_encoder_decoder:
            model = transformers.AutoModelForSeq2SeqLM.from_pretrained(args.model).eval()
            target = tokenizer(text_target=args.target or args.text, return_tensors="pt")
            tgt_tokens = tokenizer.convert_ids_to_tokens(target["input_ids"][0])
            out = model(**inputs, labels=target["input_ids"], output_attentions=True)

            def stack(t):
                return torch.stack([a[0] for a in t]).double().numpy()
            return {"_encoder": (stack(out.encoder_attentions), src_tokens, src_tokens),
                    "_decoder": (stack(out.decoder_attentions), tgt_tokens, tgt_tokens),
                    "_cross": (stack(out.cross_attentions), tgt_tokens, src_tokens)}
        model = transformers.AutoModel.from_pretrained(args.model).eval()
        out = model(**inputs, output_attentions=True)
        attn = torch.stack([a[0] for a in out.attentions]).double().numpy()
        return {"": (attn, src_tokens, src_tokens)}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", choices=("hf", "torch-mha", "torch-encoder"))
    p.add_argument("model", nargs="?", help="hf: the model name or folder")
    p.add_argument("text", nargs="?", help="hf: the input text; torch: optional words used as tokens")
    p.add_argument("--target", help="hf encoder-decoder: the decoder's text (default: the input text)")
    p.add_argument("-o", "--output", required=True, help="output path without extension")
    p.add_argument("--format", default="npz", help="npy, npz, safetensors, bertviz or all (comma-separated)")
    p.add_argument("--dtype", default="float32", choices=sorted(DTYPES))
    p.add_argument("--compressed", action="store_true", help="npz: deflate the arrays (np.savez_compressed)")
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--head-dim", type=int, default=8)
    p.add_argument("--tokens", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reference", help="also write the float64 weights here with np.save, before any conversion")
    args = p.parse_args(argv)
    if args.source != "hf" and args.model is not None and args.text is None:
        args.text, args.model = args.model, None
    formats = FORMATS if args.format == "all" else tuple(args.format.split(","))
    for f in formats:
        if f not in FORMATS:
            p.error("unknown format %r" % f)
    if args.source == "hf" and (not args.model or not args.text):
        p.error("hf needs MODEL and TEXT")
    sources = hf_sources(args) if args.source == "hf" else torch_sources(args)
    for suffix, (attn, tq, tk) in sources.items():
        base = args.output + suffix
        if args.reference:
            ref = args.reference if not suffix else args.reference.replace(".npy", suffix + ".npy")
            write_atomically(ref, lambda f: np.save(f, attn))
        for path in write_all(base, attn, tq, tk, formats, args.dtype, args.compressed):
            print(path)


if __name__ == "__main__":
    main()
