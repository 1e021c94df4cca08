#!/usr/bin/env python3
"""Tiny random-weight Hugging Face checkpoints of every supported family, and
an independent reference forward pass in float64 torch for each.

For every model OUT/<name>/ holds config.json, model.safetensors (or shards
with model.safetensors.index.json), a WordPiece vocab.txt for the BERT
family (words w5, w6, ... and [MASK] = 4), and:
  reference.npz   attentions [layers, heads, T, T]
  reference_ablated.npz  the same with heads ablated
  reference.json  ids, the logit position, probabilities there (full
                  vocabulary), the same with heads ablated, the ablated heads
OUT/manifest.json lists the models.

The reference is written from the papers, not from the engine: LayerNorm and
RMSNorm as formulas, rotary embeddings as explicit 2x2 rotations of the
(i, i + d/2) pairs, grouped-query attention by repeating key/value heads.
Weights are rounded to the stored dtype first, so that both sides use the
same numbers.

  make_checkpoints.py --out DIR [--seed S] [--tokens T] [--hidden D]
                      [--heads H] [--layers L] [--vocab V] [--dtype f32|f16|bf16]
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

DTYPES = {"f32": (torch.float32, "F32"), "f16": (torch.float16, "F16"), "bf16": (torch.bfloat16, "BF16")}


def write_safetensors(path, tensors):
    """tensors: ordered list of (name, torch tensor in its stored dtype)."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors:
        t = t.contiguous()
        dt = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16"}[t.dtype]
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": dt, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


class Weights:
    """Random weights rounded to the stored dtype; `ref` keeps them as float64."""

    def __init__(self, gen, dtype):
        self.gen, self.dtype, self.stored, self.ref = gen, dtype, [], {}

    def add(self, name, shape, scale, mean=0.0):
        w = (torch.randn(*shape, generator=self.gen) * scale + mean).to(self.dtype)
        self.stored.append((name, w))
        self.ref[name] = w.to(torch.float64)
        return self.ref[name]

    def linear(self, name, n_in, n_out, bias=True):
        self.add(name + ".weight", (n_out, n_in), 1.0 / math.sqrt(n_in))
        if bias:
            self.add(name + ".bias", (n_out,), 0.1)

    def norm(self, name, n, bias=True, names=("weight", "bias")):
        self.add(name + "." + names[0], (n,), 0.1, 1.0)
        if bias:
            self.add(name + "." + names[1], (n,), 0.1)


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + eps) * w + b


def rms_norm(x, w, eps):
    return x / torch.sqrt((x * x).mean(-1, keepdim=True) + eps) * w


def gelu_erf(x):
    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))


def gelu_tanh(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def attend(q, k, v, mask, ablated):
    """q [H,T,dh], k/v [H,T,dh] (already repeated for GQA); mask True = blocked."""
    s = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    s = s.masked_fill(mask, float("-inf"))
    p = torch.softmax(s, -1)
    ctx = p @ v
    for h in ablated:
        ctx[h] = 0
    return p, ctx


def split(x, heads):
    T, D = x.shape
    return x.view(T, heads, D // heads).transpose(0, 1)


def merge(x):
    return x.transpose(0, 1).reshape(x.shape[1], -1)


def rope_rotate(x, theta):
    """x [H,T,dh]: rotate each (i, i + dh/2) pair by angle t * theta^(-2i/dh)."""
    H, T, dh = x.shape
    half = dh // 2
    out = torch.empty_like(x)
    for t in range(T):
        R = torch.zeros(dh, dh, dtype=torch.float64)
        for i in range(half):
            a = t * theta ** (-2.0 * i / dh)
            c, s = math.cos(a), math.sin(a)
            R[i, i], R[i, i + half] = c, -s
            R[i + half, i], R[i + half, i + half] = s, c
        out[:, t] = x[:, t] @ R.T
    return out


def linear(W, name, x):
    y = x @ W[name + ".weight"].T
    return y + W[name + ".bias"] if name + ".bias" in W else y


# ---------------------------------------------------------------- families

def bert_like(kind, a, gen, dtype):
    d, H, L, V, inter = a.hidden, a.heads, a.layers, a.vocab, a.hidden * 2
    w = Weights(gen, dtype)
    P = a.max_positions
    if kind == "distilbert":
        cfg = {"model_type": "distilbert", "dim": d, "n_heads": H, "n_layers": L, "hidden_dim": inter,
               "vocab_size": V, "max_position_embeddings": P, "activation": "gelu"}
        pre = "distilbert."
        w.add(pre + "embeddings.word_embeddings.weight", (V, d), 1.0)
        w.add(pre + "embeddings.position_embeddings.weight", (P, d), 1.0)
        w.norm(pre + "embeddings.LayerNorm", d)
        names = {"q": "attention.q_lin", "k": "attention.k_lin", "v": "attention.v_lin", "o": "attention.out_lin",
                 "ln1": "sa_layer_norm", "up": "ffn.lin1", "down": "ffn.lin2", "ln2": "output_layer_norm"}
        layer = pre + "transformer.layer.%d."
        eps = 1e-12
    else:
        cfg = {"model_type": kind, "hidden_size": d, "num_attention_heads": H, "num_hidden_layers": L,
               "intermediate_size": inter, "vocab_size": V, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
               "type_vocab_size": 2 if kind == "bert" else 1, "pad_token_id": 1 if kind == "roberta" else 0,
               "max_position_embeddings": P + (2 if kind == "roberta" else 0)}
        pre = kind + "."
        w.add(pre + "embeddings.word_embeddings.weight", (V, d), 1.0)
        w.add(pre + "embeddings.position_embeddings.weight", (cfg["max_position_embeddings"], d), 1.0)
        w.add(pre + "embeddings.token_type_embeddings.weight", (cfg["type_vocab_size"], d), 1.0)
        # Older BERT checkpoints name LayerNorm parameters gamma and beta.
        w.norm(pre + "embeddings.LayerNorm", d, names=("gamma", "beta") if kind == "bert" else ("weight", "bias"))
        names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                 "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "up": "intermediate.dense",
                 "down": "output.dense", "ln2": "output.LayerNorm"}
        layer = pre + "encoder.layer.%d."
        eps = 1e-12
    for i in range(L):
        p = layer % i
        for n in ("q", "k", "v", "o"):
            w.linear(p + names[n], d, d)
        w.norm(p + names["ln1"], d)
        w.linear(p + names["up"], d, inter)
        w.linear(p + names["down"], inter, d)
        w.norm(p + names["ln2"], d)
    # The masked-LM head, decoder tied to the word embeddings.
    if kind == "bert":
        head = {"dense": "cls.predictions.transform.dense", "ln": "cls.predictions.transform.LayerNorm",
                "bias": "cls.predictions.bias"}
    elif kind == "roberta":
        head = {"dense": "lm_head.dense", "ln": "lm_head.layer_norm", "bias": "lm_head.bias"}
    else:
        head = {"dense": "vocab_transform", "ln": "vocab_layer_norm", "bias": "vocab_projector.bias"}
    w.linear(head["dense"], d, d)
    w.norm(head["ln"], d)
    w.add(head["bias"], (V,), 0.1)

    def forward(ids, ablate, position):
        W = w.ref
        T = len(ids)
        x = W[pre + "embeddings.word_embeddings.weight"][ids]
        if kind == "roberta":
            pos, n = [], 0
            for t in ids:  # positions count real tokens from pad_token_id + 1
                if t == 1:
                    pos.append(1)
                else:
                    n += 1
                    pos.append(1 + n)
        else:
            pos = list(range(T))
        x = x + W[pre + "embeddings.position_embeddings.weight"][pos]
        if kind != "distilbert":
            x = x + W[pre + "embeddings.token_type_embeddings.weight"][0]
        g = "gamma" if kind == "bert" else "weight"
        b = "beta" if kind == "bert" else "bias"
        x = layer_norm(x, W[pre + "embeddings.LayerNorm." + g], W[pre + "embeddings.LayerNorm." + b], eps)
        mask = torch.zeros(T, T, dtype=torch.bool)
        probs = []
        for i in range(L):
            p = layer % i
            q, k, v = (split(linear(W, p + names[n], x), H) for n in ("q", "k", "v"))
            pr, ctx = attend(q, k, v, mask, [h for (l, h) in ablate if l == i])
            probs.append(pr)
            x = layer_norm(x + linear(W, p + names["o"], merge(ctx)), W[p + names["ln1"] + ".weight"],
                           W[p + names["ln1"] + ".bias"], eps)
            hmid = gelu_erf(linear(W, p + names["up"], x))
            x = layer_norm(x + linear(W, p + names["down"], hmid), W[p + names["ln2"] + ".weight"],
                           W[p + names["ln2"] + ".bias"], eps)
        hs = gelu_erf(linear(W, head["dense"], x[position]))
        hs = layer_norm(hs, W[head["ln"] + ".weight"], W[head["ln"] + ".bias"], eps)
        logits = hs @ W[pre + "embeddings.word_embeddings.weight"].T + W[head["bias"]]
        return torch.stack(probs), logits

    return cfg, w, forward


def gpt2(a, gen, dtype, prefix):
    d, H, L, V = a.hidden, a.heads, a.layers, a.vocab
    cfg = {"model_type": "gpt2", "n_embd": d, "n_head": H, "n_layer": L, "vocab_size": V,
           "n_positions": a.max_positions, "n_inner": None, "activation_function": "gelu_new",
           "layer_norm_epsilon": 1e-5}
    w = Weights(gen, dtype)
    w.add(prefix + "wte.weight", (V, d), 1.0)
    w.add(prefix + "wpe.weight", (a.max_positions, d), 1.0)
    for i in range(L):
        p = prefix + "h.%d." % i
        w.norm(p + "ln_1", d)
        # Conv1D stores [in, out].
        w.add(p + "attn.c_attn.weight", (d, 3 * d), 1 / math.sqrt(d))
        w.add(p + "attn.c_attn.bias", (3 * d,), 0.1)
        w.add(p + "attn.c_proj.weight", (d, d), 1 / math.sqrt(d))
        w.add(p + "attn.c_proj.bias", (d,), 0.1)
        w.norm(p + "ln_2", d)
        w.add(p + "mlp.c_fc.weight", (d, 4 * d), 1 / math.sqrt(d))
        w.add(p + "mlp.c_fc.bias", (4 * d,), 0.1)
        w.add(p + "mlp.c_proj.weight", (4 * d, d), 1 / math.sqrt(4 * d))
        w.add(p + "mlp.c_proj.bias", (d,), 0.1)
    w.norm(prefix + "ln_f", d)

    def forward(ids, ablate, position):
        W = w.ref
        T = len(ids)
        x = W[prefix + "wte.weight"][ids] + W[prefix + "wpe.weight"][:T]
        mask = torch.ones(T, T).triu(1).bool()
        probs = []
        for i in range(L):
            p = prefix + "h.%d." % i
            h = layer_norm(x, W[p + "ln_1.weight"], W[p + "ln_1.bias"], 1e-5)
            qkv = h @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]
            q, k, v = (split(t, H) for t in qkv.split(d, -1))
            pr, ctx = attend(q, k, v, mask, [hh for (l, hh) in ablate if l == i])
            probs.append(pr)
            x = x + merge(ctx) @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
            h = layer_norm(x, W[p + "ln_2.weight"], W[p + "ln_2.bias"], 1e-5)
            h = gelu_tanh(h @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
            x = x + h @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
        x = layer_norm(x, W[prefix + "ln_f.weight"], W[prefix + "ln_f.bias"], 1e-5)
        return torch.stack(probs), x[position] @ W[prefix + "wte.weight"].T

    return cfg, w, forward


def llama_like(kind, a, gen, dtype, tied):
    d, H, L, V = a.hidden, a.heads, a.layers, a.vocab
    KV = max(1, H // 2)
    hd = d // H
    inter = d * 2
    theta = 10000.0 if kind == "llama" else 1000000.0
    cfg = {"model_type": kind, "hidden_size": d, "num_attention_heads": H, "num_key_value_heads": KV,
           "num_hidden_layers": L, "intermediate_size": inter, "vocab_size": V, "rms_norm_eps": 1e-6,
           "rope_theta": theta, "max_position_embeddings": a.max_positions, "hidden_act": "silu",
           "tie_word_embeddings": tied}
    if kind == "mistral":
        cfg["sliding_window"] = 4096
    bias = kind == "qwen2"
    w = Weights(gen, dtype)
    w.add("model.embed_tokens.weight", (V, d), 1.0)
    for i in range(L):
        p = "model.layers.%d." % i
        w.norm(p + "input_layernorm", d, bias=False)
        w.linear(p + "self_attn.q_proj", d, H * hd, bias)
        w.linear(p + "self_attn.k_proj", d, KV * hd, bias)
        w.linear(p + "self_attn.v_proj", d, KV * hd, bias)
        w.linear(p + "self_attn.o_proj", H * hd, d, False)
        w.norm(p + "post_attention_layernorm", d, bias=False)
        w.linear(p + "mlp.gate_proj", d, inter, False)
        w.linear(p + "mlp.up_proj", d, inter, False)
        w.linear(p + "mlp.down_proj", inter, d, False)
    w.norm("model.norm", d, bias=False)
    if not tied:
        w.add("lm_head.weight", (V, d), 1 / math.sqrt(d))

    def forward(ids, ablate, position):
        W = w.ref
        T = len(ids)
        x = W["model.embed_tokens.weight"][ids]
        mask = torch.ones(T, T).triu(1).bool()
        probs = []
        for i in range(L):
            p = "model.layers.%d." % i
            h = rms_norm(x, W[p + "input_layernorm.weight"], 1e-6)
            q = rope_rotate(split(linear(W, p + "self_attn.q_proj", h), H), theta)
            k = rope_rotate(split(linear(W, p + "self_attn.k_proj", h), KV), theta)
            v = split(linear(W, p + "self_attn.v_proj", h), KV)
            k, v = k.repeat_interleave(H // KV, 0), v.repeat_interleave(H // KV, 0)
            pr, ctx = attend(q, k, v, mask, [hh for (l, hh) in ablate if l == i])
            probs.append(pr)
            x = x + linear(W, p + "self_attn.o_proj", merge(ctx))
            h = rms_norm(x, W[p + "post_attention_layernorm.weight"], 1e-6)
            g = linear(W, p + "mlp.gate_proj", h)
            x = x + linear(W, p + "mlp.down_proj", g * torch.sigmoid(g) * linear(W, p + "mlp.up_proj", h))
        x = rms_norm(x, W["model.norm.weight"], 1e-6)
        out = W["model.embed_tokens.weight"] if tied else W["lm_head.weight"]
        return torch.stack(probs), x[position] @ out.T

    return cfg, w, forward


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tokens", type=int, default=10)
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--vocab", type=int, default=64)
    ap.add_argument("--max-positions", type=int, default=24)
    ap.add_argument("--dtype", choices=sorted(DTYPES), help="one dtype for every model (default: mixed)")
    a = ap.parse_args()
    if a.hidden % a.heads or (a.hidden // a.heads) % 2 or a.tokens > a.max_positions or a.vocab < 8:
        sys.exit("make_checkpoints.py: heads must divide hidden into even head widths, tokens <= max positions")
    gen = torch.Generator().manual_seed(a.seed)

    def dt(default):
        return DTYPES[a.dtype or default][0]

    # Wider than the engine's column block (384), so that its matrix products
    # are split between threads.
    wide = argparse.Namespace(**{**vars(a), "hidden": 400, "heads": 4})
    models = {
        "gpt2": (lambda: gpt2(a, gen, dt("f32"), "transformer."), 1),
        "gpt2_wide": (lambda: gpt2(wide, gen, dt("f32"), ""), 1),
        "gpt2_f16": (lambda: gpt2(a, gen, dt("f16"), ""), 1),
        "bert": (lambda: bert_like("bert", a, gen, dt("f32")), 1),
        "roberta": (lambda: bert_like("roberta", a, gen, dt("bf16")), 1),
        "distilbert": (lambda: bert_like("distilbert", a, gen, dt("f16")), 1),
        "llama": (lambda: llama_like("llama", a, gen, dt("f32"), False), 2),
        "mistral": (lambda: llama_like("mistral", a, gen, dt("f16"), False), 1),
        "qwen2": (lambda: llama_like("qwen2", a, gen, dt("bf16"), True), 1),
    }
    os.makedirs(a.out, exist_ok=True)
    for name, (make, shards) in models.items():
        cfg, w, forward = make()
        d = os.path.join(a.out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(cfg, f, indent=1)
        for old in os.listdir(d):
            if old.endswith(".safetensors") or old.endswith(".index.json"):
                os.remove(os.path.join(d, old))
        if shards == 1:
            write_safetensors(os.path.join(d, "model.safetensors"), w.stored)
        else:
            half = len(w.stored) // 2
            parts = [w.stored[:half], w.stored[half:]]
            weight_map = {}
            for s, part in enumerate(parts):
                fn = "model-%05d-of-%05d.safetensors" % (s + 1, len(parts))
                write_safetensors(os.path.join(d, fn), part)
                weight_map.update({n: fn for n, _ in part})
            with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
                json.dump({"metadata": {}, "weight_map": weight_map}, f, indent=1)
        causal = cfg["model_type"] in ("gpt2", "llama", "mistral", "qwen2")
        if causal:
            ids = torch.randint(2, a.vocab, (a.tokens,), generator=gen).tolist()
            position = a.tokens - 1
        else:
            # A masked-LM input: [MASK] (id 4 of the vocab.txt below) once.
            ids = torch.randint(5, a.vocab, (a.tokens,), generator=gen).tolist()
            position = min(2, a.tokens - 1)
            ids[position] = 4
            with open(os.path.join(d, "vocab.txt"), "w") as f:
                f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] +
                                  ["w%d" % i for i in range(5, a.vocab)]) + "\n")
        layers = a.layers
        ablate = [(0, 1 % a.heads), (layers - 1, 0)]
        with torch.no_grad():
            att, logits = forward(ids, [], position)
            att_ab, logits_ab = forward(ids, ablate, position)
        np.savez(os.path.join(d, "reference.npz"), attentions=att.float().numpy())
        np.savez(os.path.join(d, "reference_ablated.npz"), attentions=att_ab.float().numpy())
        ref = {"ids": ids, "position": position, "causal": causal,
               "probabilities": torch.softmax(logits, -1).tolist(),
               "ablate": [list(h) for h in ablate],
               "ablated_probabilities": torch.softmax(logits_ab, -1).tolist()}
        with open(os.path.join(d, "reference.json"), "w") as f:
            json.dump(ref, f)
    with open(os.path.join(a.out, "manifest.json"), "w") as f:
        json.dump({"models": list(models), "tokens": a.tokens, "max_positions": a.max_positions}, f)


if __name__ == "__main__":
    main()
