#!/usr/bin/env bash
# Builds the libFuzzer targets fuzz/*_fuzz.cc with clang++ (coverage + ASan + UBSan) and runs each
# for a bounded time on its seed corpus (fuzz/<name>_corpus, dictionary fuzz/<name>.dict):
# request_fuzz (HTTP requests through the API), ofac_csv_fuzz, ofac_xml_fuzz, un_xml_fuzz,
# ftm_json_fuzz and official_lists_fuzz (CSL, DPL, EU FSF, UK): the list parsers. Exit 0 when no
# target found a crash, leak, sanitizer report or contract violation.
# usage: fuzz/run.sh [SECONDS per target (default 20)] [BUILD_DIR (default build-fuzz)] [TARGET...]
# The build keeps assertions on (no NDEBUG): a library precondition a target breaks is a finding.
# New inputs go to a temporary folder; a crashing input is kept as ./crash-* (libFuzzer's default).
# The targets run side by side, one per core (nproc), each for SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
dir=${2:-build-fuzz}
shift $(($# < 2 ? $# : 2))
targets=("$@")
if [ ${#targets[@]} = 0 ]; then
  for f in fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi
cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" \
  -DINTERDICT_TESTS=OFF -DINTERDICT_BENCH=OFF -DINTERDICT_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
  >/dev/null
ninja -C "$dir" "${targets[@]}"
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# Each target is one process on one core, so the targets run side by side, one per core: every
# target still gets its SECONDS of fuzzing, and the run takes about SECONDS x targets / cores.
# A target's output is kept and printed whole when it ends, so reports do not interleave.
fuzz_one() {
  local t=$1 name=${1%_fuzz} dict=()
  [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  mkdir -p "$corpus/$name"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
    "${dict[@]}" -print_final_stats=1 "$corpus/$name" "fuzz/${name}_corpus" \
    >"$corpus/$t.log" 2>&1
}
cores=$(nproc)
pids=()
failed=()
finish() {  # waits for the oldest running target and prints its output
  local t=${running[0]} pid=${pids[0]}
  running=("${running[@]:1}")
  pids=("${pids[@]:1}")
  local rc=0
  wait "$pid" || rc=$?
  echo "== $t, $secs s: exit $rc"
  cat "$corpus/$t.log"
  [ $rc = 0 ] || failed+=("$t")
}
running=()
for t in "${targets[@]}"; do
  [ ${#pids[@]} -lt "$cores" ] || finish
  fuzz_one "$t" &
  pids+=($!)
  running+=("$t")
done
while [ ${#pids[@]} -gt 0 ]; do finish; done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== fuzzing found a problem in: ${failed[*]}" >&2
  exit 1
fi
