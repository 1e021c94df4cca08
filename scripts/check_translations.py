#!/usr/bin/env python3
"""Checks that a Qt Linguist .ts file translates every message of the sources.

Runs lupdate over the source folders into a temporary copy of the .ts (the
committed file is not touched) and fails, listing each case, when a message
  - is missing from the committed file (new in the sources),
  - is unfinished, or has an empty translation or an empty plural form,
  - was marked vanished/obsolete in the committed file but the sources use it,
  - drops or adds a placeholder (%1..%99, %L1, %n) or a shortcut marker.

  check_translations.py --lupdate PATH --ts FILE.ts SOURCE_DIR...
Exit 0 when complete, 1 when not, 2 on a usage or tool error.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%L?(?:[1-9][0-9]?|n)")


def messages(path):
    """(context, source, comment) -> (type, [translations], numerus) for every message."""
    out = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            comment = msg.findtext("comment") or ""
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "missing"
            numerus = msg.get("numerus") == "yes"
            if tr is None:
                forms = []
            elif numerus:
                forms = [f.text or "" for f in tr.iter("numerusform")]
            else:
                forms = [tr.text or ""]
            out[(name, source, comment)] = (kind, forms, numerus)
    return out


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lupdate", default="lupdate")
    ap.add_argument("--ts", required=True)
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args()

    if not os.path.isfile(args.ts):
        print(f"{args.ts}: no such translation file", file=sys.stderr)
        return 2
    committed = messages(args.ts)
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, os.path.basename(args.ts))
        shutil.copyfile(args.ts, copy)
        cmd = [args.lupdate, "-silent", "-locations", "none", "-extensions", "cpp,h", *args.sources, "-ts", copy]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            print(f"cannot run {args.lupdate}: {e}", file=sys.stderr)
            return 2
        if run.returncode != 0:
            print(f"lupdate failed ({run.returncode}):\n{run.stderr}", file=sys.stderr)
            return 2
        current = messages(copy)

    problems = []
    for key, (kind, forms, numerus) in sorted(current.items()):
        if kind in ("vanished", "obsolete"):
            continue  # no longer in the sources
        ctx, source, _ = key
        where = f"{ctx}: \"{source[:70]}\""
        before = committed.get(key)
        if before is None:
            problems.append(f"missing (new in the sources): {where}")
            continue
        if before[0] in ("vanished", "obsolete"):
            problems.append(f"marked {before[0]} but used by the sources: {where}")
            continue
        if kind == "unfinished":
            problems.append(f"unfinished: {where}")
            continue
        if not forms or any(not f.strip() for f in forms):
            problems.append(f"empty translation{' form' if numerus else ''}: {where}")
            continue
        want = placeholders(source)
        for f in forms:
            got = placeholders(f)
            if got != want:
                problems.append(f"placeholders {want} became {got}: {where}")
                break
        if "&" in source and re.search(r"&[^& ]", source) and not re.search(r"&[^& ]", forms[0]):
            problems.append(f"keyboard accelerator (&) dropped: {where}")

    total = sum(1 for k in current.values() if k[0] not in ("vanished", "obsolete"))
    if problems:
        print(f"{args.ts}: {len(problems)} of {total} messages need work:")
        for p in problems:
            print("  " + p)
        print("Update the file with `cmake --build BUILD --target update_translations`, translate in "
              "Qt Linguist or a text editor, and remove type=\"unfinished\" (see docs/translating.md).")
        return 1
    print(f"{args.ts}: all {total} messages translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
