#!/usr/bin/env bash
# Throughput of `screen --jsonl` on one thread (issue 3's goal: 50,000 names/s on one core), as a
# user runs it: JSON lines in, result lines out. Imports the lists the deck was built from, feeds
# the deck COPIES times over, and subtracts the start-up (snapshot load and index build), timed
# by a run on empty input just before each timed run.
#
# usage: bench/screen_speed.sh [DECK]
#   DECK  default ../shared/eval/dev-deck.jsonl (built against the 2021 OFAC SDN set + 2026 UN list)
# Environment: BUILD (default build), LISTS (default ../shared/lists), RUNS (default 5),
#   COPIES (default 10), THREADS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
DECK=${1:-../shared/eval/dev-deck.jsonl}
LISTS=${LISTS:-../shared/lists}
BUILD=${BUILD:-build}
RUNS=${RUNS:-5}
COPIES=${COPIES:-10}
THREADS=${THREADS:-1}
[ -x "$BUILD/interdict" ] || bash scripts/build.sh "$BUILD" -DINTERDICT_TESTS=OFF >/dev/null
bin="$BUILD/interdict"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$bin" --db "$TMP/lists.db" import --source us-ofac-sdn "$LISTS/ofac-sdn-2021" >/dev/null
"$bin" --db "$TMP/lists.db" import --source un-sc "$LISTS/un-sc-2026-02.xml" >/dev/null
for _ in $(seq "$COPIES"); do cat "$DECK"; done >"$TMP/deck.jsonl"
lines=$(wc -l <"$TMP/deck.jsonl")

seconds() { # INPUT: wall seconds of one run
  local start end
  start=$(date +%s%N)
  "$bin" --db "$TMP/lists.db" screen --jsonl --threads "$THREADS" <"$1" >"$TMP/out.jsonl" || return 1
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $lines lines ($DECK x $COPIES), --threads $THREADS, $RUNS runs"
rates=()
for run in $(seq "$RUNS"); do
  idle=$(seconds /dev/null) || exit 1
  total=$(seconds "$TMP/deck.jsonl") || exit 1
  [ "$(wc -l <"$TMP/out.jsonl")" = "$lines" ] || { echo "output lines != input lines" >&2; exit 1; }
  rate=$(awk -v n="$lines" -v t="$total" -v i="$idle" 'BEGIN { printf "%d", n / (t - i) }')
  rates+=("$rate")
  echo "run $run: start-up ${idle} s, total ${total} s: $rate queries/s after start-up"
done
sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
echo "queries/s after start-up: min $(head -1 <<<"$sorted"), median $(sed -n "$(((RUNS + 1) / 2))p" <<<"$sorted"), max $(tail -1 <<<"$sorted")"
