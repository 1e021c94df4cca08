#!/usr/bin/env python3
"""Reference timing of scaled dot-product attention with a causal mask in
PyTorch on the CPU, for comparison with bench_engine's BM_ScaledDotCausal.

It times exactly what the engine's benchmark measures, without projections:
    s = q @ k^T / sqrt(dh); s.masked_fill(triu(ones, 1), -inf); softmax(-1) @ v
with Q, K, V random (L x d) float32, split into h heads as the Transformer
does (view (L, h, dh) -> (h, L, dh)). Prints one line per configuration with
the median over repeated runs after a warm-up.

Usage: /usr/bin/python3 bench/torch_attention.py [--threads 2] [--json]
Not run in CI: it needs PyTorch (Debian's python3-torch is enough).
"""
import argparse
import json
import math
import statistics
import time

import torch

TOKENS = [64, 256, 512, 1024, 2048]
WIDTHS = [64, 512]
HEADS = [1, 8]


def attention(q, k, v, mask, dh):
    s = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(dh)
    s = s.masked_fill(mask, float("-inf"))
    return torch.matmul(torch.softmax(s, dim=-1), v)


# bench_engine's BM_AdditiveCausal configurations (tokens, width, heads).
ADDITIVE = [(64, 64, 1), (256, 64, 1), (256, 512, 8), (512, 64, 1), (1024, 64, 8)]


def additive(q, k, v, mask, wq, wk, va):
    # Bahdanau scores vectorised by broadcasting: (h, Lq, 1, da) + (h, 1, Lk, da).
    a = torch.matmul(q, wq.transpose(-2, -1)).unsqueeze(2)
    b = torch.matmul(k, wk.transpose(-2, -1)).unsqueeze(1)
    s = torch.matmul(torch.tanh(a + b), va.unsqueeze(-1)).squeeze(-1)
    s = s.masked_fill(mask, float("-inf"))
    return torch.matmul(torch.softmax(s, dim=-1), v)


def time_config(length, width, heads, min_time, min_runs, kind="scaled_dot"):
    gen = torch.Generator().manual_seed(length * 1000 + width + heads)
    dh = width // heads

    def split(x):
        return x.view(length, heads, dh).transpose(0, 1)

    q, k, v = (split(torch.randn(length, width, generator=gen)) for _ in range(3))
    mask = torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)
    if kind == "additive":
        # The spec's defaults: Wq = Wk = identity (da = dh), v = ones.
        eye = torch.eye(dh).expand(heads, dh, dh)
        ones = torch.ones(heads, 1, dh)
        run = lambda: additive(q, k, v, mask, eye, eye, ones)
    else:
        run = lambda: attention(q, k, v, mask, dh)
    with torch.inference_mode():
        for _ in range(3):
            run()
        times = []
        start = time.perf_counter()
        while len(times) < min_runs or time.perf_counter() - start < min_time:
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
    return statistics.median(times), len(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--min-time", type=float, default=1.0, help="seconds per configuration")
    parser.add_argument("--min-runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--additive", action="store_true", help="time additive attention instead")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.additive:
        for length, width, heads in ADDITIVE:
            median, runs = time_config(length, width, heads, args.min_time, args.min_runs, "additive")
            row = {"kind": "additive", "tokens": length, "width": width, "heads": heads,
                   "median_ms": median * 1e3, "runs": runs}
            print(json.dumps(row) if args.json else
                  f"additive L={length:5d} d={width:4d} h={heads}  median {median * 1e3:9.3f} ms  ({runs} runs)",
                  flush=True)
        return
    for length in TOKENS:
        for width in WIDTHS:
            for heads in HEADS:
                median, runs = time_config(length, width, heads, args.min_time, args.min_runs)
                row = {"tokens": length, "width": width, "heads": heads,
                       "median_ms": median * 1e3, "runs": runs}
                if args.json:
                    print(json.dumps(row), flush=True)
                else:
                    print(f"L={length:5d} d={width:4d} h={heads}  median {median * 1e3:9.3f} ms  ({runs} runs)", flush=True)


if __name__ == "__main__":
    main()
