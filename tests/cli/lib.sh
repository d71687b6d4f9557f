# Shared by the end-to-end tests: tests/cli/<name>_test.sh BINARY SOURCE_DIR
# Each test runs the real `interdict` binary in a temp folder and fails on the first broken
# expectation, printing what it ran and what came out.
set -euo pipefail
BIN=$1
SRC=$2
export INTERDICT_DATA_DIR="$SRC/data"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export INTERDICT_DB="$TMP/test.db"
FAILS=0
PASSES=0

# run CMD...: runs the binary, keeping stdout in $OUT, stderr in $ERR and the exit code in $RC.
run() {
  set +e
  "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  set -e
  OUT=$(cat "$TMP/out")
  ERR=$(cat "$TMP/err")
}
fail() {
  echo "FAIL: $1"
  echo "  stdout: ${OUT:0:2000}"
  echo "  stderr: ${ERR:0:2000}"
  FAILS=$((FAILS + 1))
}
ok() { PASSES=$((PASSES + 1)); }
expect_rc() { if [ "$RC" = "$1" ]; then ok; else fail "$2: exit code $RC, expected $1"; fi; }
expect_out() { if grep -qE -- "$1" <<<"$OUT"; then ok; else fail "$2: stdout lacks /$1/"; fi; }
expect_no_out() { if grep -qE -- "$1" <<<"$OUT"; then fail "$2: stdout has /$1/"; else ok; fi; }
expect_err() { if grep -qE -- "$1" <<<"$ERR"; then ok; else fail "$2: stderr lacks /$1/"; fi; }
# wait_port FILE: the port `interdict serve` announces in FILE (its stdout), once it has; "" if
# it has not within 60 s (generous: under ASan on a loaded machine, starting takes long).
wait_port() {
  local port=
  for _ in $(seq 1 1200); do
    port=$(sed -n 's|^interdict serve: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$1")
    [ -n "$port" ] && break
    sleep 0.05
  done
  echo "$port"
}
finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" = 0 ]
}

# sdn_version DIR IDS: a list folder with these records of the 2021 SDN set (awk condition).
sdn_version() {
  mkdir -p "$1"
  for f in sdn.csv alt.csv add.csv; do
    awk -F, "$2" "$SRC/tests/fixtures/ofac-sdn-2021/$f" >"$1/$f"
    printf '\x1a' >>"$1/$f"
  done
}

# run_import_sdn_subset: `run import` of five real records of the 2021 SDN set (with their aliases
# and addresses), small enough for every screen to load quickly.
run_import_sdn_subset() {
  sdn_version "$TMP/sdn" '$1 == 36 || $1 == 2676 || $1 == 4107 || $1 == 6366 || $1 == 12606'
  run import --source us-ofac-sdn "$TMP/sdn"
}
