#!/usr/bin/env bash
# README command 2: build and run every test: a release build, then an ASan+UBSan build, then a
# bounded fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
# The OpenAPI linter (tests/cli/openapi_lint_test.sh), at the version package-lock.json pins. An npm
# registry this machine cannot reach (no network, or a TLS-intercepting proxy whose certificate it
# does not trust) leaves the linter uninstalled: that one test then reports itself skipped, and
# this script says so again at the end, instead of every other test going unrun.
lint_skipped=
if ! npm ci --prefix tools/openapi-lint --no-audit --no-fund --loglevel=error; then
  lint_skipped="npm ci --prefix tools/openapi-lint failed: the npm registry cannot be reached"
  echo "== WARNING: $lint_skipped; cli.openapi_lint_test will be SKIPPED" >&2
  export INTERDICT_OPENAPI_LINT_UNAVAILABLE="$lint_skipped"
fi
# The web UI's browser-test drivers (playwright-core, axe-core), as tests/ui/package-lock.json pins
# them; without them ui.browser reports itself skipped, and this script says so at the end.
ui_skipped=
if ! npm ci --prefix tests/ui --no-audit --no-fund --loglevel=error; then
  ui_skipped="npm ci --prefix tests/ui failed: the npm registry cannot be reached"
  echo "== WARNING: $ui_skipped; ui.browser will be SKIPPED" >&2
fi
jobs=$(nproc)
for variant in release asan; do
  dir=build-test-$variant
  extra=()
  skip=()
  # Under the sanitizers every C++ test runs again, the PostgreSQL store suite included; the
  # browser tests (JavaScript driving the server) and the PostgreSQL runs of the monitoring suite
  # and the concurrency test add minutes there and no code that the release run leaves untested.
  [ $variant = asan ] && extra=(-DINTERDICT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DINTERDICT_BENCH=OFF) &&
    skip=(-E '^(ui\.browser|monitor_test\.pg|cli\.concurrency_test\.pg)$')
  echo "== $variant build ($(date -u +%T))"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}" >/dev/null
  ninja -C "$dir"
  echo "== $variant tests ($(date -u +%T))"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" "${skip[@]}"
done
# A bounded libFuzzer run (clang++, ASan + UBSan) of each target: HTTP request parsing and
# handling, and the list parsers: 20 s each, one target per core at a time.
echo "== fuzz: every fuzz/*_fuzz.cc target, 20 s each ($(date -u +%T))"
bash fuzz/run.sh 20 build-test-fuzz
echo "== done ($(date -u +%T))"
if [ -n "$lint_skipped" ]; then echo "== WARNING: OpenAPI lint SKIPPED: $lint_skipped" >&2; fi
if [ -n "$ui_skipped" ]; then echo "== WARNING: web UI browser tests SKIPPED: $ui_skipped" >&2; fi
