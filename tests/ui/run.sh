#!/usr/bin/env bash
# ctest's ui.browser: tests/ui/run.sh BINARY SOURCE_DIR
# Drives the review web UI in Debian's chromium (headless, through playwright-core) against a real
# `interdict serve` on a store with the bundled lists and customer book (scripts/review_demo.sh).
# Without tests/ui/node_modules (npm ci --prefix tests/ui, which scripts/test.sh runs) or without
# chromium (scripts/deps.sh installs it) it cannot run: it says so and exits 77 (ctest: skipped).
set -euo pipefail
BIN=$1
SRC=$2
UI="$SRC/tests/ui"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -f "$UI/node_modules/playwright-core/package.json" ] || [ ! -f "$UI/node_modules/axe-core/axe.min.js" ]; then
  echo "SKIPPED: $UI/node_modules is missing: run 'npm ci --prefix tests/ui' (scripts/test.sh does)"
  exit 77
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIPPED: $CHROMIUM is missing: apt-get install chromium (scripts/deps.sh does)"
  exit 77
fi
export INTERDICT_DATA_DIR="$SRC/data"
TMP=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT
bash "$SRC/scripts/review_demo.sh" "$BIN" "$TMP/review.db" "$TMP"
"$BIN" --db "$TMP/review.db" serve --port 0 --api-keys "$TMP/keys.txt" >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
PORT=
for _ in $(seq 1 1200); do
  PORT=$(sed -n 's|^interdict serve: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$TMP/serve.out")
  [ -n "$PORT" ] && break
  sleep 0.05
done
if [ -z "$PORT" ]; then echo "FAIL: the server printed no port: $(cat "$TMP/serve.err")"; exit 1; fi
set +e
INTERDICT_UI_URL="http://127.0.0.1:$PORT" ANN_KEY=$(cat "$TMP/ann.key") SAM_KEY=$(cat "$TMP/sam.key") \
  ARTICLE="$SRC/data/examples/news-2022-us-iran-russia-sanctions.txt" SHOTS=${UI_SCREENSHOTS:-} \
  node --test --test-concurrency=1 --test-reporter=spec "$UI/ui.test.mjs"
RC=$?
set -e
if [ $RC != 0 ]; then echo "== server log (stderr)"; tail -40 "$TMP/serve.err"; fi
exit $RC
