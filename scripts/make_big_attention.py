#!/usr/bin/python3
"""Writes a large attention .npy for timing: [layers, heads, tokens, tokens]
float32, each row a softmax of random scores with a bias toward the
diagonal and the first token (so the pictures look like a model's).

Default: 12 x 12 x 1024 x 1024 = 604 MB. Written slice by slice into a
memory-mapped file, so it needs little memory.

Usage: make_big_attention.py OUT.npy [--layers 12] [--heads 12] [--tokens 1024]
"""
import argparse

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("output")
p.add_argument("--layers", type=int, default=12)
p.add_argument("--heads", type=int, default=12)
p.add_argument("--tokens", type=int, default=1024)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
rng = np.random.default_rng(a.seed)
n = a.tokens
out = np.lib.format.open_memmap(a.output, mode="w+", dtype="<f4", shape=(a.layers, a.heads, n, n))
offsets = np.arange(n)[None, :] - np.arange(n)[:, None]
for layer in range(a.layers):
    for head in range(a.heads):
        shift = (layer * a.heads + head) % 7 - 3
        scores = rng.standard_normal((n, n), dtype=np.float32)
        scores += 6.0 * (offsets == shift)
        scores[:, 0] += 3.0 * (head % 3 == 0)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        out[layer, head] = e / e.sum(axis=1, keepdims=True)
out.flush()
print(a.output)
