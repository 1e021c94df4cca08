#!/usr/bin/env python3
"""GPT-2-small-shaped checkpoint (random weights) and PyTorch's time for the
same forward pass as bench_transformer (docs/transformers.md).

  torch_transformer.py make DIR [--dtype f32|f16|bf16] [--vocab V]
      writes DIR/config.json and DIR/model.safetensors: 12 layers, 12 heads,
      width 768, 1024 positions, GPT-2's official tensor names.
  torch_transformer.py time DIR [--tokens 128] [--repeats 9] [--threads 2]
      float32, no grad, eager attention with the probabilities kept (as
      output_attentions=True does); prints the median as JSON.
"""
import argparse
import json
import math
import os
import struct
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "transformer"))
from make_checkpoints import write_safetensors  # noqa: E402

L, H, D, P = 12, 12, 768, 1024


def make(args):
    os.makedirs(args.dir, exist_ok=True)
    dt = {"f32": torch.float32, "f16": torch.float16, "bf16": torch.bfloat16}[args.dtype]
    g = torch.Generator().manual_seed(0)
    t = []

    def add(name, *shape, std=0.02, mean=0.0):
        t.append((name, (torch.randn(*shape, generator=g) * std + mean).to(dt)))

    add("wte.weight", args.vocab, D)
    add("wpe.weight", P, D, std=0.01)
    for i in range(L):
        p = "h.%d." % i
        add(p + "ln_1.weight", D, std=0.0, mean=1.0)
        add(p + "ln_1.bias", D)
        add(p + "attn.c_attn.weight", D, 3 * D)
        add(p + "attn.c_attn.bias", 3 * D)
        add(p + "attn.c_proj.weight", D, D)
        add(p + "attn.c_proj.bias", D)
        add(p + "ln_2.weight", D, std=0.0, mean=1.0)
        add(p + "ln_2.bias", D)
        add(p + "mlp.c_fc.weight", D, 4 * D)
        add(p + "mlp.c_fc.bias", 4 * D)
        add(p + "mlp.c_proj.weight", 4 * D, D)
        add(p + "mlp.c_proj.bias", D)
    add("ln_f.weight", D, std=0.0, mean=1.0)
    add("ln_f.bias", D)
    write_safetensors(os.path.join(args.dir, "model.safetensors"), t)
    with open(os.path.join(args.dir, "config.json"), "w") as f:
        json.dump({"model_type": "gpt2", "n_layer": L, "n_head": H, "n_embd": D, "n_positions": P,
                   "vocab_size": args.vocab, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5}, f)


def load(dir):
    with open(os.path.join(dir, "model.safetensors"), "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    W = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        a, b = e["data_offsets"]
        raw = bytearray(data[a:b])
        if e["dtype"] == "F32":
            t = torch.frombuffer(raw, dtype=torch.float32)
        elif e["dtype"] == "F16":
            t = torch.frombuffer(raw, dtype=torch.float16).float()
        else:
            t = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16).float()
        W[name] = t.reshape(e["shape"]).clone()
    return W


def forward(W, ids):
    T = ids.shape[0]
    x = W["wte.weight"][ids] + W["wpe.weight"][:T]
    mask = torch.ones(T, T, dtype=torch.bool).triu(1)
    attentions = []
    hd = D // H
    for i in range(L):
        p = "h.%d." % i
        h = F.layer_norm(x, (D,), W[p + "ln_1.weight"], W[p + "ln_1.bias"], 1e-5)
        qkv = torch.addmm(W[p + "attn.c_attn.bias"], h, W[p + "attn.c_attn.weight"])
        q, k, v = (t.view(T, H, hd).transpose(0, 1) for t in qkv.split(D, -1))
        s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        a = torch.softmax(s.masked_fill(mask, float("-inf")), -1)
        attentions.append(a)
        ctx = (a @ v).transpose(0, 1).reshape(T, D)
        x = x + torch.addmm(W[p + "attn.c_proj.bias"], ctx, W[p + "attn.c_proj.weight"])
        h = F.layer_norm(x, (D,), W[p + "ln_2.weight"], W[p + "ln_2.bias"], 1e-5)
        h = F.gelu(torch.addmm(W[p + "mlp.c_fc.bias"], h, W[p + "mlp.c_fc.weight"]), approximate="tanh")
        x = x + torch.addmm(W[p + "mlp.c_proj.bias"], h, W[p + "mlp.c_proj.weight"])
    return torch.stack(attentions)


def time_it(args):
    torch.set_num_threads(args.threads)
    W = load(args.dir)
    with open(os.path.join(args.dir, "config.json")) as f:
        vocab = json.load(f)["vocab_size"]
    # The same ids as bench_transformer.
    ids = torch.tensor([(1103515245 * (i + 1) + 12345) % vocab for i in range(args.tokens)])
    ms, cpu = [], []
    with torch.no_grad():
        for r in range(args.repeats + 1):
            t0, c0 = time.perf_counter(), time.process_time()
            forward(W, ids)
            if r > 0:
                ms.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"torch": torch.__version__, "tokens": args.tokens, "threads": args.threads,
                      "median_ms": round(statistics.median(ms), 2), "min_ms": round(min(ms), 2), "median_cpu_ms": round(statistics.median(cpu), 1)}))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("dir")
    m.add_argument("--dtype", default="f32", choices=["f32", "f16", "bf16"])
    m.add_argument("--vocab", type=int, default=50257)
    t = sub.add_parser("time")
    t.add_argument("dir")
    t.add_argument("--tokens", type=int, default=128)
    t.add_argument("--repeats", type=int, default=9)
    t.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    make(a) if a.cmd == "make" else time_it(a)


if __name__ == "__main__":
    main()
