#!/usr/bin/env python3
"""Where a store's bytes are: pages per table and index, per document.

    scripts/store-bytes.py STORE.sqlite [TOP]

Reads SQLite's `dbstat` table on a read-only connection (it sees the pages of the WAL too) and
prints, for the TOP largest B-trees (default 25), their pages, bytes, bytes per document, the
payload they hold and how full their pages are; then the totals: live pages, free pages, and the
search index file beside the store (`STORE-search`). `dbstat` reads every page: minutes on a 20 GB
store.
"""
import os
import sqlite3
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    page_count = db.execute("PRAGMA page_count").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    docs = db.execute("SELECT COUNT(*) FROM document").fetchone()[0] or 1
    rows = db.execute(
        "SELECT name, COUNT(*), SUM(pgsize), SUM(payload), SUM(unused) FROM dbstat GROUP BY name ORDER BY 3 DESC"
    ).fetchall()
    live = sum(r[2] for r in rows)
    print(f"{path}: {docs} documents, page size {page_size}, {page_count} pages, {free} free")
    print(f"{'b-tree':32} {'pages':>8} {'bytes':>12} {'B/doc':>7} {'share':>6} {'payload/doc':>11} {'full':>5}")
    for name, pages, size, payload, unused in rows[:top]:
        print(
            f"{name:32} {pages:8} {size:12} {size / docs:7.0f} {100 * size / live:5.1f}% {payload / docs:11.0f}"
            f" {100 * (size - unused) / size:4.0f}%"
        )
    rest = rows[top:]
    if rest:
        size = sum(r[2] for r in rest)
        print(f"{'(' + str(len(rest)) + ' more)':32} {sum(r[1] for r in rest):8} {size:12} {size / docs:7.0f} {100 * size / live:5.1f}%")
    search = sum(os.path.getsize(p) for p in (path + "-search", path + "-search-wal") if os.path.exists(p))
    print(f"live pages: {live} bytes, {live / docs:.0f} per document; free pages: {free * page_size} bytes")
    print(f"search index: {search} bytes, {search / docs:.0f} per document")
    print(f"total: {(live + search) / docs:.0f} bytes per document (live pages and search index)")


main()
