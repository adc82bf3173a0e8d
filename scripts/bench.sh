#!/usr/bin/env bash
# The benchmark table in one command (release build, then every benchmark in turn):
#   scripts/bench.sh [STORE_DOCS]     (default 100000 documents for the store benchmark)
# Run it on a quiet machine: each benchmark prints the load average it saw.
set -euo pipefail
cd "$(dirname "$0")/.."
store_docs=${1:-100000}
swift build -c release --scratch-path .build-release >/dev/null
R=$(swift build -c release --scratch-path .build-release --show-bin-path)
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(swift --version 2>/dev/null | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "== extraction, one core (attache-bench extract)"
"$R/attache-bench" extract --seconds 10
echo
echo "== NDJSON codec, one core (attache-system-bench codec)"
"$R/attache-system-bench" codec --seconds 3
echo
echo "== end to end: attache push → TLS → extractor → durable outbox → aggregator commit (attache-system-bench e2e)"
"$R/attache-system-bench" e2e --docs 4000 --connections 4 --window 32 --seconds 10
echo
echo "== end to end, latency at 1,000 docs/s acknowledged after the outbox commit, aggregator at nice 10 as deploy/ runs it, then at equal priority"
"$R/attache-system-bench" e2e --docs 4000 --delivery-wait-ms 0 --rate 1000 --seconds 10 --aggregator-nice 10
"$R/attache-system-bench" e2e --docs 4000 --delivery-wait-ms 0 --rate 1000 --seconds 10
echo
db=$(mktemp -d)/store.sqlite
echo "== aggregator store: ingest $store_docs synthetic digests (attache-store-bench ingest)"
"$R/attache-store-bench" ingest --docs "$store_docs" --db "$db"
echo
echo "== aggregator store: query latency, 16 concurrent clients, all kinds mixed (attache-store-bench query)"
"$R/attache-store-bench" query --db "$db" --clients 16 --seconds 20
echo
echo "== aggregator store: query latency, 16 concurrent clients of one kind at a time"
for kind in "actor profile" relations timeline "events page"; do
    "$R/attache-store-bench" query --db "$db" --clients 16 --seconds 10 --kind "$kind" | grep -E "^$kind "
done
echo
echo "== aggregator store: the ingest ceiling of this schema, the stored rows rewritten in one transaction (attache-store-bench ceiling)"
"$R/attache-store-bench" ceiling --db "$db" --out "$db.ceiling"
for f in "$db" "$db.ceiling"; do rm -f "$f" "$f-wal" "$f-shm" "$f-search" "$f-search-wal" "$f-search-shm"; done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
