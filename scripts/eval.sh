#!/usr/bin/env bash
# Scores the extractor on the annotated sets beside the repository, as four tables:
#   1. dev:        ../shared/corpus/dev/*.txt against ../shared/eval/gold-dev.jsonl (score.py)
#   2. train-tune: ../shared/corpus/train/ files NOT numbered 04, 08, ... 24 (54 documents)
#   3. validation: train files numbered 04, 08, 12, 16, 20, 24 of each letter (18 documents).
#                  Score it, never debug on it: `--errors` is refused for this fold.
#   4. sentences:  each line of ../shared/eval/plover-dev.jsonl as its own document (score_sentences.py)
#   5. invented:   the project's own invented test data (Tests/Fixtures, written for this project, see its README):
#                  four pairs of sentence sets (plover-invented-{tune,holdout}{,-2,-3,-4}.jsonl, score_sentences.py) and 192
#                  news documents (documents/{tune,holdout}{,-2,-3,-4,-5,-6,-7,-8}, score.py); holdout sets are scored only, like the
#                  validation fold
# Usage: scripts/eval.sh [--errors] [--debug] [--only dev|train|validation|sentences|invented]
#   --errors lists misses and spurious items for dev, train-tune, sentences and the invented tuning set
#   (never validation or the invented holdout sets)
#   --debug builds without optimisation (faster to compile)
# Also prints how many events were produced on documents whose gold has none, per fold.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
EVAL="$SHARED/eval"
ERRORS=""
CONFIG=release
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --errors) ERRORS="--errors" ;;
    --debug) CONFIG=debug ;;
    --only) shift; ONLY="$1" ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$EVAL" ] && [ -d "$SHARED/corpus/dev" ] || { echo "cannot find the annotated sets under $SHARED" >&2; exit 1; }
cd "$ROOT"
swift build -c "$CONFIG" --product attache-bench --scratch-path .build-eval >&2
BIN="$ROOT/.build-eval/$CONFIG/attache-bench"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

# split the train gold into the tuning part and the validation fold
python3 "$ROOT/scripts/eval_split.py" "$EVAL/gold-train.jsonl" "$TMP"

score_docs() { # name gold-file files... ; errors only where allowed
  local name="$1" gold="$2" errs="$3"; shift 3
  echo "== $name (score.py, $# documents) =="
  "$BIN" digest "$@" > "$TMP/$name.jsonl"
  python3 "$EVAL/score.py" --gold "$gold" --pred "$TMP/$name.jsonl" $errs
  python3 "$ROOT/scripts/eval_split.py" --empty-gold "$gold" "$TMP/$name.jsonl"
  echo
}

if want dev; then
  score_docs dev "$EVAL/gold-dev.jsonl" "$ERRORS" "$SHARED"/corpus/dev/*.txt
fi
if want train; then
  mapfile -t tune < <(ls "$SHARED"/corpus/train/train_*.txt | grep -Ev '_(04|08|12|16|20|24)_')
  score_docs train-tune "$TMP/gold-train-tune.jsonl" "$ERRORS" "${tune[@]}"
fi
if want validation; then
  mapfile -t val < <(ls "$SHARED"/corpus/train/train_*.txt | grep -E '_(04|08|12|16|20|24)_')
  score_docs validation "$TMP/gold-validation.jsonl" "" "${val[@]}"
fi
if want sentences; then
  echo "== sentences (score_sentences.py) =="
  mkdir -p "$TMP/sent"
  python3 "$ROOT/scripts/eval_sentences.py" "$EVAL/plover-dev.jsonl" "$TMP/sent"
  "$BIN" digest "$TMP"/sent/*.txt > "$TMP/sent.jsonl"
  python3 "$EVAL/score_sentences.py" --gold "$EVAL/plover-dev.jsonl" --pred "$TMP/sent.jsonl" $ERRORS
fi
if want invented && [ -f "$ROOT/Tests/Fixtures/plover-invented-tune.jsonl" ]; then
  FIX="$ROOT/Tests/Fixtures"
  for set in tune holdout tune-2 holdout-2 tune-3 holdout-3 tune-4 holdout-4; do
    gold="$FIX/plover-invented-$set.jsonl"
    [ -f "$gold" ] || continue
    errs="$ERRORS"; case "$set" in holdout*) errs="" ;; esac
    echo "== invented sentences, $set (score_sentences.py) =="
    mkdir -p "$TMP/inv-$set"
    python3 "$ROOT/scripts/eval_sentences.py" "$gold" "$TMP/inv-$set"
    "$BIN" digest "$TMP/inv-$set"/*.txt > "$TMP/inv-$set.jsonl"
    python3 "$EVAL/score_sentences.py" --gold "$gold" --pred "$TMP/inv-$set.jsonl" $errs
    echo
  done
  for set in tune holdout tune-2 holdout-2 tune-3 holdout-3 tune-4 holdout-4 tune-5 holdout-5 tune-6 holdout-6 tune-7 holdout-7 tune-8 holdout-8; do
    errs="$ERRORS"; case "$set" in holdout*) errs="" ;; esac
    [ -f "$FIX/documents/gold-$set.jsonl" ] || continue
    score_docs "invented-documents-$set" "$FIX/documents/gold-$set.jsonl" "$errs" "$FIX/documents/$set"/*.txt
  done
fi
