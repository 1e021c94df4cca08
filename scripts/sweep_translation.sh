#!/bin/sh
# Sweeps the translation model's scoring kind, hidden size, epochs and
# learning rate, trained on the shipped French-English pairs (lower-cased)
# and evaluated on the unseen resources/corpora/fr-en-eval.tsv, and prints
# one Markdown table row per setting: held-out AER, exact match, BLEU.
# Usage: scripts/sweep_translation.sh [BUILD_DIR]   (default: build)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-$here/build}/app/attention-playground
train=$here/resources/corpora/fr-en.tsv
eval=$here/resources/corpora/fr-en-eval.tsv
echo "| scoring | hidden | epochs | lr | held-out AER | held-out exact match | held-out BLEU | seconds |"
echo "|---|---|---|---|---|---|---|---|"
for scoring in dot additive general scaled_dot; do
  for hidden in 32 64; do
    for epochs in 100 300; do
      for lr in 0.003 0.01; do
        "$app" train "$train" --eval "$eval" --lowercase --scoring "$scoring" --hidden "$hidden" \
            --epochs "$epochs" --lr "$lr" --eval-every "$epochs" | tail -n 1 |
        python3 -c '
import json, sys
o = json.loads(sys.stdin.read()); e = o["eval"]
print("| %s | %d | %d | %g | %.3f | %.3f | %.3f | %.1f |" % (o["scoring"], o["hidden"], o["epochs"],
      o["learning_rate"], e["aer"], e["exact_match"], e["bleu"], o["seconds"]))'
      done
    done
  done
done
