#!/usr/bin/env bash
# Runs libFuzzer on the line decoder, the message codec and the extractor for SECONDS (default 300).
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags]
# Crashes are written to .fuzz/crashes/; replay one with: swift run attache-fuzz .fuzz/crashes/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
scratch=.build-fuzz
swift build -c release --sanitize fuzzer --product attache-fuzz --scratch-path "$scratch" -Xswiftc -DFUZZING >/dev/null
bin="$(swift build -c release --sanitize fuzzer --scratch-path "$scratch" --show-bin-path)/attache-fuzz"

corpus=.fuzz/corpus
mkdir -p "$corpus" .fuzz/crashes
# Seeds: the sample documents (odd first byte: extractor) and protocol lines (even first byte: decoder).
for f in seeds/*.txt; do { printf '\x01'; cat "$f"; } > "$corpus/doc-$(basename "$f")"; done
n=0
while IFS= read -r line; do
    n=$((n + 1))
    { printf '\x06'; printf '%s\n' "$line"; } > "$corpus/line-$n"
done <<'LINES'
{"type":"push","id":"r1","doc":{"id":"a.txt","text":"Lao Prime Minister met his Vietnamese counterpart in Hanoi on Monday.","published":"2024-08-29"}}
{"type":"query","id":2,"query":"events","params":{"source":"VN","target":"LA","limit":5}}
{"type":"ping","id":3}
{"type":"digest","id":4,"digest":{"doc":"d","contentHash":"x","length":1,"sentences":[],"persons":[],"organizations":[],"countries":[],"dates":[],"quantities":[],"events":[]}}
{"type":"extract","id":"e","doc":{"id":"b","text":"Senior Colonel Nguyen Van A, Deputy Chief of Staff, visited Cambodia."}}
LINES
# Let libFuzzer, not the Swift backtracer, handle traps, so that it saves the crashing input.
export SWIFT_BACKTRACE=enable=no
echo "fuzzing for $seconds s with $(ls "$corpus" | wc -l) seed inputs"
"$bin" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.fuzz/crashes/ -print_final_stats=1 "$@"
