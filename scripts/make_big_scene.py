#!/usr/bin/env python3
"""Writes a large, legal scene file for memory and speed measurements.

The default is the shape the README's memory figures are measured on: a
4,096 x 2,800 query matrix and 16 keys of the same width (about 45 MiB).
Numbers are random with one decimal, seeded, so the file is the
same on every machine.

    scripts/make_big_scene.py OUT.json [--queries N] [--keys N] [--width N]
                              [--heads N] [--project D] [--seed S]

--project D adds in-projections Wq, Wk and Wv of D columns, so that Q, K and
V are D wide whatever the width of the inputs: with --queries 4096 --keys
4096 --width 16 --heads 16 --project 4096 it is a scene at every limit
(4,096 tokens, width 4,096, 16 heads) in a few MiB.
"""
import argparse
import random


def row(rng, width):

    return "[" + ",".join(f"{rng.randint(-9, 12) / 10:g}" for _ in range(width)) + "]"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--queries", type=int, default=4096)
    ap.add_argument("--keys", type=int, default=16)
    ap.add_argument("--width", type=int, default=2800)
    ap.add_argument("--heads", type=int, default=1)
    ap.add_argument("--project", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write('{"format": "attention-playground.scene", "version": 1,\n')
        f.write(f' "title": "{a.queries} x {a.width} queries, {a.keys} keys",\n')
        f.write(f' "heads": {a.heads},\n')
        for name, n in (("queries", a.queries), ("keys", a.keys)):
            f.write(f' "{name}": {{"matrix": [\n')
            f.write(",\n".join(row(rng, a.width) for _ in range(n)))
            f.write("\n ]},\n")
        if a.project:
            f.write(' "projections": {\n')
            f.write(",\n".join(
                f'  "{w}": [' + ",".join(row(rng, a.project) for _ in range(a.width)) + "]"
                for w in ("Wq", "Wk", "Wv")))
            f.write("\n },\n")
        f.write(' "scoring": {"kind": "scaled_dot"},\n')
        f.write(' "normalization": {"kind": "softmax", "temperature": 1}\n}\n')


if __name__ == "__main__":
    main()
