#!/usr/bin/env python3
"""The aggregator writer's statements per digest, from its ATTACHE_SQL_PROFILE trace.

    ATTACHE_SQL_PROFILE=0 attache-store-bench ingest --docs 2000 --start S --repush 0 --db STORE 2>trace.txt
    scripts/sql-profile.py trace.txt 2000 [TOP]

Each trace line is `SLOW <µs>us <sql>` for one statement the writer ran (threshold 0: all of them). Prints
statements and SQLite time per digest, then the TOP statements by time. Tracing itself slows the writer,
so read the shares, not the absolute times.
"""
import collections
import re
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
path, docs = sys.argv[1], int(sys.argv[2])
top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
time, count = collections.Counter(), collections.Counter()
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.match(r"SLOW (\d+)us (.*)", line)
    if m:
        key = re.sub(r"\s+", " ", m.group(2))[:100]
        time[key] += int(m.group(1))
        count[key] += 1
total = sum(time.values())
if total == 0:
    sys.exit("no SLOW lines: was ATTACHE_SQL_PROFILE set?")
print(f"{sum(count.values()) / docs:.1f} statements and {total / docs:.0f} µs of SQLite per digest ({docs} digests)")
print(f"{'µs/doc':>8} {'share':>6} {'n/doc':>6} {'µs each':>8}  statement")
for key, t in time.most_common(top):
    print(f"{t / docs:8.1f} {t / total:6.1%} {count[key] / docs:6.1f} {t / count[key]:8.1f}  {key}")
