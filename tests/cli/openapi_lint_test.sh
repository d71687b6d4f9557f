#!/usr/bin/env bash
# The OpenAPI document the real binary serves at /openapi.json passes Redocly CLI's lint (its
# recommended rules) with no error. The linter is the @redocly/cli pinned in tools/openapi-lint,
# which scripts/test.sh installs (npm ci). Without it this test fails, unless scripts/test.sh found
# the npm registry unreachable and said so (INTERDICT_OPENAPI_LINT_UNAVAILABLE): then it reports
# itself skipped (exit 77, ctest's SKIP_RETURN_CODE), with the reason.
source "$(dirname "$0")/lib.sh"
LINT_DIR="$SRC/tools/openapi-lint"
REDOCLY="$LINT_DIR/node_modules/.bin/redocly"
if [ ! -x "$REDOCLY" ] && [ -n "${INTERDICT_OPENAPI_LINT_UNAVAILABLE:-}" ]; then
  echo "SKIPPED: $INTERDICT_OPENAPI_LINT_UNAVAILABLE"
  exit 77
fi
if [ ! -x "$REDOCLY" ]; then
  echo "FAIL: $REDOCLY is missing: run 'npm ci --prefix $LINT_DIR' (scripts/test.sh does)"
  exit 1
fi
command -v curl >/dev/null || { echo "FAIL: curl is not installed (scripts/deps.sh)"; exit 1; }
PID=
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -rf "$TMP"' EXIT

# serve needs a store; /openapi.json is answered before the lists are even loaded.
run import --source un-sc "$SRC/data/lists/un-sc"
expect_rc 0 "import UN"
"$BIN" serve --port 0 >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
PORT=$(wait_port "$TMP/serve.out")
if [ -n "$PORT" ]; then ok; else fail "the server printed no port: $(cat "$TMP/serve.err")"; exit 1; fi
CODE=$(curl -sS -o "$TMP/openapi.json" -w '%{http_code}' "http://127.0.0.1:$PORT/openapi.json" || true)
if [ "$CODE" = 200 ]; then ok; else fail "GET /openapi.json: HTTP $CODE"; fi
kill "$PID" && wait "$PID" || true
PID=

# No telemetry, no update check: the linter needs no network.
set +e
(cd "$LINT_DIR" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$REDOCLY" lint --config redocly.yaml --format=stylish "$TMP/openapi.json") >"$TMP/lint" 2>&1
RC=$?
set -e
OUT=$(grep -v '^$' "$TMP/lint" | tail -40)
ERR=
expect_rc 0 "redocly lint /openapi.json"
finish
