#!/usr/bin/env python3
"""Helpers for scripts/eval.sh.

    eval_split.py GOLD_TRAIN OUTDIR
        writes OUTDIR/gold-train-tune.jsonl and OUTDIR/gold-validation.jsonl: the validation fold
        is every train document numbered 04, 08, 12, 16, 20 or 24 (train_<letter>_<nn>_...).
    eval_split.py --empty-gold GOLD PRED
        prints how many events PRED has on the documents whose gold has no event.
"""
import json
import os
import re
import sys

VALIDATION = re.compile(r"^train_[A-Z]_(04|08|12|16|20|24)_")


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def split(gold, out):
    tune, val = [], []
    for r in rows(gold):
        (val if VALIDATION.match(r["doc"]) else tune).append(r)
    for name, part in (("gold-train-tune.jsonl", tune), ("gold-validation.jsonl", val)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r) + "\n")


def empty_gold(gold, pred):
    empty = {r["doc"] for r in rows(gold) if not r.get("events")}
    produced = {r["doc"]: len([e for e in r.get("events") or [] if e.get("source") != e.get("target")])
                for r in rows(pred)}
    hit = sum(1 for d in empty if produced.get(d, 0) > 0)
    total = sum(produced.get(d, 0) for d in empty)
    print(f"documents whose gold has no event: {len(empty)}; given events: {hit} ({total} events)")


if __name__ == "__main__":
    if sys.argv[1] == "--empty-gold":
        empty_gold(sys.argv[2], sys.argv[3])
    else:
        split(sys.argv[1], sys.argv[2])
