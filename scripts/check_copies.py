#!/usr/bin/env python3
"""List places in the repository that repeat a run of N words (default 8) of the news texts in ../shared.

The news texts are not ours: tests, comments and docs must use invented sentences (the two seeds in seeds/ excepted).
This script helps keep it so: it reads every *.txt of $SHARED/corpus (default <repo>/../shared) and prints each line
of the repository's Swift sources, tests, scripts and Markdown that shares a run of N consecutive words with them.
Generated tables (Public*.swift) and seeds/ are skipped. Short runs are often ordinary phrases ("Chief of the General
Staff of the"); read each hit before acting on it.

Usage: python3 scripts/check_copies.py [--words N]    (exit 1 when something is listed)
"""
import argparse
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))


def words(text):
    return re.findall(r"[a-z0-9']+", text.lower())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=8)
    n = ap.parse_args().words
    runs = set()
    files = glob.glob(os.path.join(SHARED, "corpus", "**", "*.txt"), recursive=True)
    if not files:
        print(f"no news texts under {SHARED}/corpus", file=sys.stderr)
        return 2
    for f in files:
        with open(f, encoding="utf-8") as fh:
            w = words(fh.read())
        runs.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    found = 0
    mine = []
    for pattern in ("Sources/**/*.swift", "Tests/**/*.swift", "scripts/*", "*.md", "docs/**/*.md", "deploy/**/*"):
        mine += glob.glob(os.path.join(ROOT, pattern), recursive=True)
    for path in sorted(set(mine)):
        rel = os.path.relpath(path, ROOT)
        if not os.path.isfile(path) or os.path.basename(path).startswith("Public") or rel.startswith("seeds"):
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            for no, line in enumerate(fh, 1):
                w = words(line)
                if any(tuple(w[i:i + n]) in runs for i in range(len(w) - n + 1)):
                    print(f"{rel}:{no}: {line.strip()[:160]}")
                    found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
