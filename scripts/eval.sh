#!/usr/bin/env bash
# Scores the extractor on the dev sets beside the repository:
#   1. documents: ../shared/corpus/dev/*.txt against ../shared/eval/gold-dev.jsonl (score.py)
#   2. sentences: each line of ../shared/eval/plover-dev.jsonl as its own document (score_sentences.py)
# Usage: scripts/eval.sh [--errors] [--debug]   (--debug builds without optimisation, faster to compile)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
EVAL="$SHARED/eval"
CORPUS="$SHARED/corpus/dev"
ERRORS=""
CONFIG=release
for a in "$@"; do
  case "$a" in
    --errors) ERRORS="--errors" ;;
    --debug) CONFIG=debug ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
[ -d "$EVAL" ] && [ -d "$CORPUS" ] || { echo "cannot find the dev sets under $SHARED" >&2; exit 1; }
cd "$ROOT"
swift build -c "$CONFIG" --product attache-bench --scratch-path .build-eval >&2
BIN="$ROOT/.build-eval/$CONFIG/attache-bench"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "== documents (score.py) =="
"$BIN" digest "$CORPUS"/*.txt > "$TMP/docs.jsonl"
python3 "$EVAL/score.py" --gold "$EVAL/gold-dev.jsonl" --pred "$TMP/docs.jsonl" $ERRORS

echo
echo "== sentences (score_sentences.py) =="
mkdir -p "$TMP/sent"
python3 "$ROOT/scripts/eval_sentences.py" "$EVAL/plover-dev.jsonl" "$TMP/sent"
"$BIN" digest "$TMP"/sent/*.txt > "$TMP/sent.jsonl"
python3 "$EVAL/score_sentences.py" --gold "$EVAL/plover-dev.jsonl" --pred "$TMP/sent.jsonl" $ERRORS
