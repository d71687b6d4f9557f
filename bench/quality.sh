#!/usr/bin/env bash
# Screening quality on a test deck: imports the lists the deck was built from, screens every query
# and prints the scorer's figures (detection per class, false-positive rate) at several thresholds.
#
# usage: bench/quality.sh [DECK] [SCORER]
#   DECK    default ../shared/eval/dev-deck.jsonl (built against the 2021 OFAC SDN set + 2026 UN list)
#   SCORER  default ../shared/eval/score.py
# Environment: BUILD (default build), LISTS (default ../shared/lists), OUT (default a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
DECK=${1:-../shared/eval/dev-deck.jsonl}
SCORER=${2:-../shared/eval/score.py}
LISTS=${LISTS:-../shared/lists}
BUILD=${BUILD:-build}
OUT=${OUT:-$(mktemp -d)}
[ -x "$BUILD/interdict" ] || bash scripts/build.sh "$BUILD" -DINTERDICT_TESTS=OFF >/dev/null
bin="$BUILD/interdict"
db="$OUT/quality.db"
rm -f "$db"
"$bin" --db "$db" import --source us-ofac-sdn "$LISTS/ofac-sdn-2021" >/dev/null
"$bin" --db "$db" import --source un-sc "$LISTS/un-sc-2026-02.xml" >/dev/null
# Screen at a low threshold, so that the scorer can cut at any threshold above it.
start=$(date +%s%N)
"$bin" --db "$db" screen --jsonl --threshold 0.5 --limit 10 < "$DECK" > "$OUT/results.jsonl"
end=$(date +%s%N)
echo "deck: $DECK ($(wc -l < "$DECK") queries), screened in $(( (end - start) / 1000000 )) ms"
echo "results: $OUT/results.jsonl"
for t in ${THRESHOLDS:-0.75 0.80 0.85}; do
  echo
  echo "== threshold $t"
  python3 "$SCORER" "$DECK" "$OUT/results.jsonl" --threshold "$t"
done
