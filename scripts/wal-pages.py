#!/usr/bin/env python3
"""Which B-trees a store's writes went to: the pages in a WAL, counted per table and index.

    scripts/wal-pages.py STORE.sqlite WAL_COPY [DIGESTS]

Ingest with checkpoints off so that the WAL keeps every frame, then copy it before anything
checkpoints it (closing the last connection would), for example:

    attache-store-bench ingest --db STORE --docs 1024 --start N --checkpoint 100000000 --repush 0
    cp STORE-wal /tmp/w.wal
    scripts/wal-pages.py STORE /tmp/w.wal 1024

It reads the frame headers of the copy (page number, commit marker; frames whose salt is not the
header's are left over from before the last reset and end the log), then maps page numbers to
B-trees with SQLite's `dbstat` table on a read-only connection to STORE (which sees the pages of
its WAL too). `dbstat` reads every page: minutes on a 20 GB store.
"""
import collections
import sqlite3
import struct
import sys


def frames(path):
    """(page numbers in order, distinct pages per commit) of the valid frames of a WAL file."""
    with open(path, "rb") as f:
        magic, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", f.read(32))
        if magic not in (0x377F0682, 0x377F0683):
            sys.exit(f"{path}: not a WAL file")
        pages, commits, current = [], [], set()
        while True:
            header = f.read(24)
            if len(header) < 24:
                break
            page, commit_size, s1, s2 = struct.unpack(">4I", header[:16])
            if (s1, s2) != (salt1, salt2):
                break
            f.seek(page_size, 1)
            pages.append(page)
            current.add(page)
            if commit_size:
                commits.append(len(current))
                current = set()
    return pages, commits


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    store, wal = sys.argv[1], sys.argv[2]
    digests = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    pages, commits = frames(wal)
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    owner = dict(db.execute("SELECT pageno, name FROM dbstat"))
    per_tree = collections.Counter(owner.get(p, "(free list or new)") for p in pages)
    distinct = collections.Counter(owner.get(p, "(free list or new)") for p in set(pages))
    total = len(pages)
    per = f", {total / digests:.1f} a digest" if digests else ""
    print(f"{total} frames{per}; {len(commits)} commits, distinct pages per commit: {commits}")
    print(f"{'B-tree':28} {'frames':>8} {'share':>6} {'distinct':>8}" + (f" {'a digest':>8}" if digests else ""))
    for name, n in per_tree.most_common():
        row = f"{name:28} {n:8} {100 * n / total:5.1f}% {distinct[name]:8}"
        print(row + (f" {n / digests:8.1f}" if digests else ""))


if __name__ == "__main__":
    main()
