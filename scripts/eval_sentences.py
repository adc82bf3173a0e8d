#!/usr/bin/env python3
"""Write each sentence of a plover-dev.jsonl file to <outdir>/<id>.txt (the text only)."""
import json
import os
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(src, encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        row = json.loads(line)
        with open(os.path.join(out, row["id"] + ".txt"), "w", encoding="utf-8") as g:
            g.write(row["text"])
