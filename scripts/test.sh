#!/usr/bin/env bash
# README command 2: build and run every test: a release build, then an ASan+UBSan build, then a
# bounded fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)
for variant in release asan; do
  dir=build-test-$variant
  extra=()
  [ $variant = asan ] && extra=(-DINTERDICT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DINTERDICT_BENCH=OFF)
  echo "== $variant build"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}" >/dev/null
  ninja -C "$dir"
  echo "== $variant tests"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
done
# A bounded libFuzzer run of HTTP request parsing and handling (clang++, ASan + UBSan): 30 s.
echo "== fuzz: request_fuzz, 30 s"
bash fuzz/run.sh 30 build-test-fuzz
