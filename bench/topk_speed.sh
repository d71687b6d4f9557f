#!/usr/bin/env bash
# Top-k without a threshold (issue 10): a Watchman client's `/v2/search?name=mohammad ali` has no
# minMatch, so it asks for the 10 best at threshold 0. Matcher::Screen makes such a search at the
# top-k levels first (ScreenOptions::top_k_levels). This prints the latency of Screen() over a
# deck of common names (one thread, screen_bench) at the default threshold, at threshold 0 with
# the levels, and at threshold 0 without them (the exhaustive top-k the levels must equal).
# Goals: p99 at threshold 0 <= 2 ms, and <= 2x the thresholded cost.
#
# usage: bench/topk_speed.sh
# Environment: BUILD (default build; screen_bench is built there with INTERDICT_BENCH=ON if
#   missing), LISTS (default ../shared/lists), REPEAT (default 20), LIMIT (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTS=${LISTS:-../shared/lists}
BUILD=${BUILD:-build}
REPEAT=${REPEAT:-20}
LIMIT=${LIMIT:-10}
if [ ! -x "$BUILD/screen_bench" ] || [ ! -x "$BUILD/interdict" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DINTERDICT_BENCH=ON >/dev/null
  ninja -C "$BUILD" interdict screen_bench >/dev/null
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export INTERDICT_DATA_DIR="$PWD/data"
"$BUILD/interdict" --db "$TMP/lists.db" import --source us-ofac-sdn "$LISTS/ofac-sdn-2021" >/dev/null
"$BUILD/interdict" --db "$TMP/lists.db" import --source un-sc "$LISTS/un-sc-2026-02.xml" >/dev/null
# Common names: many listed persons share their words, so a search without a threshold reaches
# thousands of list names.
for name in "Mohammad Ali" "Ali Hassan" "Abdul Rahman" "Kim Jong" "Mohammed Ahmed" "Ahmad Khan" \
  "Ali Reza" "Hussein Ali" "Abu Bakr" "Ibrahim Mohammed" "Kim Chol" "Li Wei" "Hassan Ahmed" \
  "Abdullah Ali" "Omar Ali" "Mahmoud Hassan" "Yusuf Ahmed" "Mohammad Reza" "Khalid Abdullah" \
  "Said Ali" "Jose Rodriguez" "Ivan Petrov" "Abdul Karim" "Ri Jong Ho" "Muhammad Khan" \
  "Ahmed Mohamed Ali" "Al Rashid Trading" "Global Trading LLC" "Bank of Iran" "Jonathan Wimbledon"; do
  printf '{"name": "%s"}\n' "$name"
done >"$TMP/deck.jsonl"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "deck: $(wc -l <"$TMP/deck.jsonl") common names x $REPEAT, limit $LIMIT, one thread"
run() { # LABEL ARGS...: the throughput and latency lines of screen_bench
  local label=$1
  shift
  echo "== $label"
  "$BUILD/screen_bench" "$TMP/lists.db" "$TMP/deck.jsonl" --data-dir data --repeat "$REPEAT" \
    --limit "$LIMIT" --no-recall "$@" | grep -E '^(single thread|candidate names|latency)'
}
run "threshold 0.80 (the default)" --threshold 0.8
run "threshold 0, top-k levels" --threshold 0
run "threshold 0, no top-k levels (exhaustive top-k)" --threshold 0 --no-top-k-levels
