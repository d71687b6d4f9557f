#!/usr/bin/env bash
# Builds the libFuzzer targets with clang++ (coverage + ASan + UBSan) and runs request_fuzz for a
# bounded time on the seed corpus (fuzz/request_corpus). Exit 0 when no crash, leak, sanitizer
# report or contract violation was found.
# usage: fuzz/run.sh [SECONDS (default 30)] [BUILD_DIR (default build-fuzz)]
# New inputs go to a temporary folder; a crashing input is kept as ./crash-* (libFuzzer's default).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
dir=${2:-build-fuzz}
cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DINTERDICT_TESTS=OFF -DINTERDICT_BENCH=OFF -DINTERDICT_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
  >/dev/null
ninja -C "$dir" request_fuzz
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$dir/request_fuzz" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=70000 \
  -dict=fuzz/request.dict -print_final_stats=1 "$corpus" fuzz/request_corpus
