#!/usr/bin/python3
"""scripts/export_attention.py against the application, offline.

PyTorch's own nn.TransformerEncoderLayer and nn.MultiheadAttention (random
weights) give attention weights; the script writes them as .npy, .npz,
.safetensors and BertViz JSON in float32, float16 and float64, and numpy
writes a float64 reference. The application must read the same numbers
(`export --layer L --head H -o x.csv`), shapes and tokens (`inspect`), and
its rollout and head statistics must match a numpy implementation.

Usage: export_attention_check.py APP EXPORT_SCRIPT
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

APP, SCRIPT = sys.argv[1], sys.argv[2]
failures = []


def run(*args, expect=0):
    p = subprocess.run([APP, *args], capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if p.returncode != expect:
        failures.append("%s: exit %d (expected %d): %s" % (" ".join(args), p.returncode, expect, p.stderr.strip()))
    return p


def check(cond, message):
    if not cond:
        failures.append(message)


def read_csv_matrix(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0][1:], [r[0] for r in rows[1:]], np.array([[float(x) for x in r[1:]] for r in rows[1:]])


def rollout(attn, residual=0.5):
    r = None
    for layer in attn:
        a = (1 - residual) * layer.mean(axis=0) + residual * np.eye(layer.shape[-1])
        a = a / a.sum(axis=1, keepdims=True)
        r = a if r is None else a @ r
    return r


with tempfile.TemporaryDirectory() as tmp:
    ref_path = os.path.join(tmp, "ref.npy")
    words = "the cat sat on the mat , [SEP]".split()
    for dtype in ("float32", "float16", "float64"):
        subprocess.run([sys.executable, SCRIPT, "torch-encoder", " ".join(words), "--layers", "2", "--heads", "3",
                        "--tokens", str(len(words)), "--seed", "7", "--dtype", dtype, "--format", "all",
                        "-o", os.path.join(tmp, "enc_" + dtype), "--reference", ref_path], check=True,
                       capture_output=True)
    subprocess.run([sys.executable, SCRIPT, "torch-mha", "--heads", "2", "--tokens", "5", "--format", "npz",
                    "--compressed", "-o", os.path.join(tmp, "mha"), "--reference", os.path.join(tmp, "mha_ref.npy")],
                   check=True, capture_output=True)
    ref = np.load(ref_path)
    check(ref.shape == (2, 3, 8, 8), "reference shape %s" % (ref.shape,))
    check(np.allclose(ref.sum(-1), 1.0), "torch weights are not row-stochastic")

    cases = []
    for dtype, np_dtype in (("float32", np.float32), ("float16", np.float16), ("float64", np.float64)):
        expected = ref.astype(np_dtype).astype(np.float32)
        for ext, fmt in ((".npy", "npy"), (".npz", "npz"), (".safetensors", "safetensors"), (".json", "bertviz")):
            # BertViz JSON holds decimal text of the converted values.
            cases.append((os.path.join(tmp, "enc_" + dtype + ext), fmt, expected, dtype, words if fmt != "npy" else []))
    cases.append((os.path.join(tmp, "mha.npz"), "npz", np.load(os.path.join(tmp, "mha_ref.npy")).astype(np.float32),
                  "float32", ["t%d" % i for i in range(5)]))

    for path, fmt, expected, dtype, tokens in cases:
        name = os.path.basename(path)
        info = run("inspect", path)
        meta = json.loads(info.stdout.strip().splitlines()[-1]) if info.returncode == 0 else {}
        want = {"format": fmt, "layers": expected.shape[0], "heads": expected.shape[1],
                "queries": expected.shape[2], "keys": expected.shape[3], "query_tokens": tokens, "key_tokens": tokens}
        for k, v in want.items():
            check(meta.get(k) == v, "%s: inspect %s = %r, expected %r" % (name, k, meta.get(k), v))
        if fmt != "bertviz":
            check(meta.get("dtype") == dtype, "%s: inspect dtype %r" % (name, meta.get("dtype")))
        out = os.path.join(tmp, "slice.csv")
        for layer in range(expected.shape[0]):
            for head in range(expected.shape[1]):
                if run("export", path, "--layer", str(layer), "--head", str(head), "-o", out).returncode:
                    continue
                cols, rows, got = read_csv_matrix(out)
                want_m = expected[layer, head]
                tol = 1e-6 if fmt != "bertviz" else 1e-6
                check(np.allclose(got, want_m, rtol=tol, atol=1e-7),
                      "%s: layer %d head %d differs by %g" % (name, layer, head, np.abs(got - want_m).max()))
                if tokens:
                    check(cols == tokens and rows == tokens, "%s: CSV labels %r" % (name, cols))
        if expected.shape[0] > 1:
            rpath = os.path.join(tmp, "rollout.json")
            if run("rollout", path, "-o", rpath).returncode == 0:
                with open(rpath, encoding="utf-8") as f:
                    got = np.array(json.load(f)["rollout"])
                want_r = rollout(expected.astype(np.float64))
                check(np.allclose(got, want_r, atol=2e-6), "%s: rollout differs by %g" % (name, np.abs(got - want_r).max()))
            heads = run("heads", path)
            if heads.returncode == 0:
                stats = json.loads(heads.stdout)["heads"]
                check(len(stats) == expected.shape[0] * expected.shape[1], "%s: %d head rows" % (name, len(stats)))
                s = stats[4]  # layer 1, head 1
                a = expected[s["layer"], s["head"]].astype(np.float64)
                n = a.shape[0]
                ent = np.mean(-np.sum(np.where(a > 0, a * np.log(np.where(a > 0, a, 1)), 0), axis=1))
                dist = np.mean(np.sum(a * np.abs(np.arange(n)[:, None] - np.arange(n)[None, :]), axis=1))
                sep = np.mean(a[:, [6, 7]].sum(axis=1)) if tokens else 0.0  # "," and "[SEP]"
                for key, value in (("entropy", ent), ("mean_distance", dist), ("first_token_share", a[:, 0].mean()),
                                   ("separator_share", sep), ("max_weight", a.max())):
                    check(abs(s[key] - value) < 1e-5 * max(1, abs(value)),
                          "%s: heads %s = %r, numpy says %r" % (name, key, s[key], value))

    # Bad files: exit 2 with one message naming the file and the problem.
    bad = os.path.join(tmp, "bad.npy")
    with open(os.path.join(tmp, "enc_float32.npy"), "rb") as f:
        whole = f.read()
    with open(bad, "wb") as f:
        f.write(whole[:-7])
    p = run("inspect", bad, expect=2)
    check("bad.npy" in p.stderr and "truncated" in p.stderr, "truncated file message: %r" % p.stderr)
    nan = ref.astype(np.float32)
    nan[1, 0, 2, 3] = np.nan
    np.save(os.path.join(tmp, "nan.npy"), nan)
    run("inspect", os.path.join(tmp, "nan.npy"))  # inspect reads no values
    p = run("export", os.path.join(tmp, "nan.npy"), "--layer", "1", "--head", "0", "-o", os.path.join(tmp, "n.png"),
            expect=2)
    check("array[1][0][2][3]: NaN" in p.stderr, "NaN message: %r" % p.stderr)
    check(not os.path.exists(os.path.join(tmp, "n.png")), "a failed export left a file")
    p = run("heads", os.path.join(tmp, "nan.npy"), expect=2)
    check("NaN" in p.stderr, "heads NaN message: %r" % p.stderr)
    p = run("export", os.path.join(tmp, "enc_float32.npz"), "--layer", "2", "-o", os.path.join(tmp, "x.png"), expect=2)
    check("--layer must be a whole number from 0 to 1" in p.stderr, "layer range message: %r" % p.stderr)
    for head in ("mean", "max", "rollout"):
        png = os.path.join(tmp, "h_%s.png" % head)
        run("export", os.path.join(tmp, "enc_float32.npz"), "--layer", "1", "--head", head, "-o", png)
        check(os.path.exists(png) and os.path.getsize(png) > 1000, "export --head %s wrote no image" % head)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("all checks passed")
