#!/usr/bin/env python3
"""`attention-playground attend` as a user runs it, against the reference of
make_checkpoints.py: the attention file (.npz, .npy, .safetensors) in every
layer and head, --top and --ablate against the reference distribution,
--scene through `compute`, --truncate, and the messages for broken input.

  attend_check.py APP FIXTURES_DIR
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np

APP, FIX = sys.argv[1], sys.argv[2]
TOL = 1e-4
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([APP, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def last_json(out):
    return json.loads(out.strip().splitlines()[-1])


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        h = json.loads(f.read(n))
        data = f.read()
    e = h["attentions"]
    a = np.frombuffer(data[e["data_offsets"][0]:e["data_offsets"][1]], dtype="<f4").reshape(e["shape"])
    return a, json.loads(h["__metadata__"]["tokens"])


tmp = tempfile.mkdtemp()
manifest = json.load(open(os.path.join(FIX, "manifest.json")))
for name in manifest["models"]:
    d = os.path.join(FIX, name)
    ref = json.load(open(os.path.join(d, "reference.json")))
    att = np.load(os.path.join(d, "reference.npz"))["attentions"]
    att_ab = np.load(os.path.join(d, "reference_ablated.npz"))["attentions"]
    ids = ",".join(map(str, ref["ids"]))
    L, H, T, _ = att.shape
    out = os.path.join(tmp, name + ".npz")
    scene = os.path.join(tmp, name + ".scene.json")
    args = ["attend", d, "--token-ids", ids, "-o", out, "--scene", "%d:%d" % (L - 1, H - 1), scene]
    args += ["--top", "5"]
    code, so, se = run(*args)
    check(code == 0, "%s: attend exit %d: %s" % (name, code, se))
    if code != 0:
        continue
    j = last_json(so)
    check(j["layers"] == L and j["heads"] == H and j["token_ids"] == ref["ids"] and len(j["tokens"]) == T,
          name + ": JSON sizes")
    check(j["seconds"] > 0 and j["truncated"] is False, name + ": seconds/truncated")
    z = np.load(out)
    check(np.abs(z["attentions"] - att).max() < TOL, name + ": .npz attentions differ from the reference")
    check(list(z["tokens"]) == j["tokens"], name + ": .npz tokens")
    probs = ref["probabilities"]
    best = sorted(range(len(probs)), key=lambda i: -probs[i])[:5]
    got = j["next_tokens"]
    check([t["id"] for t in got] == best, name + ": next_tokens order %s vs %s" % ([t["id"] for t in got], best))
    check(all(abs(t["probability"] - probs[t["id"]]) < TOL for t in got), name + ": next_tokens probabilities")
    # Ablation: the distribution and the later layers follow the reference.
    ab = ",".join("%d:%d" % tuple(h) for h in ref["ablate"])
    out_ab = os.path.join(tmp, name + "_ab.safetensors")
    code, so, se = run("attend", d, "--token-ids", ids, "-o", out_ab, "--top", "5", "--ablate", ab)
    check(code == 0, name + ": attend --ablate: " + se)
    if code == 0:
        a, toks = read_safetensors(out_ab)
        check(np.abs(a - att_ab).max() < TOL, name + ": ablated attentions")
        pa = ref["ablated_probabilities"]
        check(all(abs(t["probability"] - pa[t["id"]]) < TOL for t in last_json(so)["next_tokens"]),
              name + ": ablated next_tokens")
    # The head as a scene: compute gives back its weights.
    code, so, se = run("compute", scene)
    check(code == 0, name + ": compute the scene: " + se)
    if code == 0:
        w = np.array(json.loads(so)["heads"][0]["weights"])
        check(np.abs(w - att[L - 1, H - 1]).max() < TOL, name + ": the scene's weights differ from the head's")

# --text through the checkpoint's tokenizer: [CLS] ... [SEP], the mask found.
d = os.path.join(FIX, "bert")
ref = json.load(open(os.path.join(d, "reference.json")))
words = ["[MASK]" if i == 4 else "w%d" % i for i in ref["ids"]]
code, so, se = run("attend", d, "--text", " ".join(words), "-o", os.path.join(tmp, "text.npz"), "--top", "3")
check(code == 0, "--text: " + se)
if code == 0:
    j = last_json(so)
    check(j["token_ids"] == [2] + ref["ids"] + [3], "--text ids %s" % j["token_ids"])
    check(j["tokens"][0] == "[CLS]" and j["tokens"][-1] == "[SEP]" and "[MASK]" in j["tokens"], "--text tokens")
    check(j["position"] == ref["position"] + 1 and j["next_tokens"][0]["token"].startswith(("w", "[")),
          "--text mask position")
code, so, se = run("attend", d, "--text", "w5 w6", "-o", os.path.join(tmp, "text.npz"), "--top", "3")
check(code == 2 and "no mask token [MASK]" in se, "--top without a mask: " + se)

# .npy output.
d = os.path.join(FIX, "llama")
ref = json.load(open(os.path.join(d, "reference.json")))
ids = ",".join(map(str, ref["ids"]))
npy = os.path.join(tmp, "llama.npy")
code, so, se = run("attend", d, "--token-ids", ids, "-o", npy)
check(code == 0 and np.abs(np.load(npy) - np.load(os.path.join(d, "reference.npz"))["attentions"]).max() < TOL,
      "llama: .npy output")

# Too long: exit 2 naming both lengths; --truncate cuts and says so.
maxpos = manifest["max_positions"]
long_ids = ",".join(["5"] * (maxpos + 3))
code, so, se = run("attend", os.path.join(FIX, "gpt2"), "--token-ids", long_ids, "-o", os.path.join(tmp, "x.npz"))
check(code == 2 and str(maxpos + 3) in se and str(maxpos) in se and "gpt2" in se, "too long: " + se)
check(not os.path.exists(os.path.join(tmp, "x.npz")), "too long: nothing written")
code, so, se = run("attend", os.path.join(FIX, "gpt2"), "--token-ids", long_ids, "-o", os.path.join(tmp, "x.npz"),
                   "--truncate")
check(code == 0 and last_json(so)["truncated"] is True and len(last_json(so)["token_ids"]) == maxpos,
      "--truncate: " + se)

# Broken checkpoints: one message naming the file, exit 2.
def broken(src, edit):
    dst = os.path.join(tmp, "broken_" + src)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(os.path.join(FIX, src), dst)
    cfg = json.load(open(os.path.join(dst, "config.json")))
    edit(cfg)
    json.dump(cfg, open(os.path.join(dst, "config.json"), "w"))
    return dst


dst = broken("gpt2", lambda c: c.update(model_type="t5"))
code, so, se = run("attend", dst, "--token-ids", "1,2", "-o", os.path.join(tmp, "y.npz"))
check(code == 2 and dst + "/config.json" in se and "unknown model_type" in se, "unknown model_type: " + se)
dst = broken("bert", lambda c: c.update(num_hidden_layers=c["num_hidden_layers"] + 1))
code, so, se = run("attend", dst, "--token-ids", "1,2", "-o", os.path.join(tmp, "y.npz"))
check(code == 2 and dst + "/model.safetensors" in se and "is missing" in se and "bert.encoder.layer." in se,
      "missing tensor: " + se)
dst = broken("qwen2", lambda c: c.update(num_key_value_heads=c["num_attention_heads"]))
code, so, se = run("attend", dst, "--token-ids", "1,2", "-o", os.path.join(tmp, "y.npz"))
check(code == 2 and "k_proj.weight' has shape (" in se and "config.json gives (" in se, "wrong shape: " + se)
check(len(se.strip().splitlines()) == 1, "one line: " + se)
code, so, se = run("attend", os.path.join(tmp, "no_such_dir"), "--token-ids", "1", "-o", os.path.join(tmp, "y.npz"))
check(code == 2 and "no_such_dir/config.json" in se, "missing folder: " + se)
check(not os.path.exists(os.path.join(tmp, "y.npz")), "nothing written on error")

shutil.rmtree(tmp)
if failures:
    sys.exit("%d failure(s)" % len(failures))
print("attend_check: all passed")
