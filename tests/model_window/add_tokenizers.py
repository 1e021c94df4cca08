#!/usr/bin/env python3
"""Gives the tiny test checkpoints (tests/transformer/make_checkpoints.py) a
tokenizer, so that the model window can be driven by typing.

For each model named on the command line, DIR/<model>/tokenizer.json is a
WordPiece vocabulary over the checkpoint's ids, chosen so that a text
written to DIR/<model>/window_text.txt tokenizes to exactly the ids of
DIR/<model>/reference.json (whose torch reference the tests compare with):
id 0 is [UNK]; every third position after the first holds a "##" piece, so
that words of several tokens occur; for a model that is not causal the id
at the reference's logit position is named [MASK], so that the window
predicts where the reference did.

  add_tokenizers.py DIR MODEL...
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root = sys.argv[1]
    for model in sys.argv[2:]:
        d = os.path.join(root, model)
        with open(os.path.join(d, "reference.json")) as f:
            ref = json.load(f)
        with open(os.path.join(d, "config.json")) as f:
            vocab_size = json.load(f)["vocab_size"]
        ids, position = ref["ids"], ref["position"]
        mask = None if ref["causal"] else ids[position]
        if mask is not None and mask in ids[:position]:
            sys.exit("add_tokenizers.py: %s: the [MASK] id %d occurs before position %d" % (model, mask, position))
        # A piece never follows [MASK]: an added token ends its word.
        at_piece = [i % 3 == 2 and ids[i] != mask and ids[i - 1] != mask for i in range(len(ids))]
        pieces = {ids[i] for i in range(len(ids)) if at_piece[i]}
        pieces -= {ids[i] for i in range(len(ids)) if not at_piece[i]}
        names = {0: "[UNK]"}
        for i in range(1, vocab_size):
            names[i] = "##p%d" % i if i in pieces else "w%d" % i
        if mask is not None:
            names[mask] = "[MASK]"
        text = ""
        for i, t in enumerate(ids):
            if t in pieces:
                text += names[t][2:]
            else:
                text += (" " if i else "") + names[t]
        special = [0] + ([mask] if mask is not None else [])
        tok = {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [{"id": i, "content": names[i], "single_word": False, "lstrip": False,
                              "rstrip": False, "normalized": False, "special": True} for i in special],
            "normalizer": None,
            "pre_tokenizer": {"type": "WhitespaceSplit"},
            "post_processor": None,
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": 100, "vocab": {names[i]: i for i in range(vocab_size)}},
        }
        with open(os.path.join(d, "tokenizer.json"), "w") as f:
            json.dump(tok, f, indent=1)
        with open(os.path.join(d, "window_text.txt"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
