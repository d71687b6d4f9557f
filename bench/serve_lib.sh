# Sourced by the bench scripts that run `interdict serve` on 127.0.0.1: a store, the server, its
# RSS and metrics. Expects BIN (the binary) and SRC (the checkout); sets TMP, DB, PID, URL.
TMP=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
export INTERDICT_DATA_DIR="$SRC/data"

# make_store [STORE]: DB is a copy of STORE, or a new store with the bundled lists.
make_store() {
  DB=$TMP/store.db
  if [ $# -ge 1 ] && [ -n "$1" ]; then
    cp "$1" "$DB"
  else
    for s in us-ofac-sdn us-ofac-cons un-sc; do
      "$BIN" --db "$DB" import --source "$s" "$SRC/data/lists/$s" >/dev/null 2>&1
    done
  fi
}

# start_server [serve flags...]: starts the server on a free port and waits until it is ready.
start_server() {
  "$BIN" --db "$DB" serve --port 0 "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  PID=$!
  local port=
  for _ in $(seq 1 200); do
    port=$(sed -n 's|^interdict serve: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$TMP/serve.out")
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { cat "$TMP/serve.err" >&2; exit 1; }
  PORT=$port
  URL="http://127.0.0.1:$port"
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")" = 200 ] && return 0
    sleep 0.05
  done
  echo "server not ready" >&2
  exit 1
}

rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$PID/status"; }
metric() { curl -s "$URL/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
