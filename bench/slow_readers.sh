#!/usr/bin/env bash
# Clients that never read their responses, against `interdict serve` on 127.0.0.1 only, bounded in
# count and time: the server's RSS before, while they hold it, and after it dropped them.
#
# usage: bench/slow_readers.sh BINARY [STORE]
#   BINARY  a release build of interdict (e.g. build/interdict)
#   STORE   a list store; default: a temporary one with the bundled lists (data/lists)
# environment:
#   CLIENTS=200        connections, spread over 127.0.0.2.. (CLIENTS/50 addresses: the per-address
#                      cap of 64 is not what is measured here)
#   PIPELINED=20       batch requests each connection sends at once, never reading an answer
#   WRITE_TIMEOUT=5    the server's --write-timeout, seconds
#   QUERIES=20         queries per batch (the response grows with it, and so does the work)
#
# Each request is a /v1/screen/batch of QUERIES broad queries (limit 500, threshold 0.5): a large
# response. A connection holds one response at a time (the next request is read only after it is
# sent), so a client that never reads costs one response until write_timeout drops it.
set -euo pipefail
BIN=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
CLIENTS=${CLIENTS:-200}
PIPELINED=${PIPELINED:-20}
WRITE_TIMEOUT=${WRITE_TIMEOUT:-5}
QUERIES=${QUERIES:-20}
TMP=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
export INTERDICT_DATA_DIR="$SRC/data"

DB=$TMP/store.db
if [ $# -ge 2 ]; then
  cp "$2" "$DB"
else
  for s in us-ofac-sdn us-ofac-cons un-sc; do
    "$BIN" --db "$DB" import --source "$s" "$SRC/data/lists/$s" >/dev/null 2>&1
  done
fi

"$BIN" --db "$DB" serve --port 0 --no-audit --write-timeout "$WRITE_TIMEOUT" --max-batch 100 \
  >"$TMP/serve.out" 2>"$TMP/serve.err" &
PID=$!
PORT=
for _ in $(seq 1 200); do
  PORT=$(sed -n 's|^interdict serve: listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$TMP/serve.out")
  [ -n "$PORT" ] && break
  sleep 0.05
done
[ -n "$PORT" ] || { cat "$TMP/serve.err" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")" = 200 ] && break
  sleep 0.05
done
rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$PID/status"; }
metric() { curl -s "$URL/metrics" | awk -v m="$1" '$1 == m {print $2}'; }

BODY=$(python3 -c '
import json, sys
names = ["MOHAMMED", "ALI", "HASSAN", "IVANOV", "KIM", "AHMED", "AL", "ABU", "BANK", "TRADING"]
print(json.dumps({"queries": [{"name": names[i % len(names)]} for i in range(int(sys.argv[1]))],
                  "limit": 500, "threshold": 0.5}))' "$QUERIES")
START=$(date +%s%N)
SIZE=$(curl -s -X POST -H 'Content-Type: application/json' --data "$BODY" "$URL/v1/screen/batch" | wc -c)
echo "one response: $((SIZE / 1024)) KiB in $((($(date +%s%N) - START) / 1000000)) ms; $CLIENTS clients x $PIPELINED pipelined requests, never read"
echo "RSS before: $(rss_mb) MB"

# The clients: connect, send every request, read nothing, hold the socket until the server closes it
# (or 3 x WRITE_TIMEOUT + 60 s at most).
python3 - "$PORT" "$CLIENTS" "$PIPELINED" "$WRITE_TIMEOUT" "$BODY" >"$TMP/clients.out" 2>&1 <<'PY' &
import socket, sys, time
port, clients, pipelined, write_timeout, body = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5].encode()
req = (b"POST /v1/screen/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
socks = []
for i in range(clients):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a client that reads nothing
    s.bind(("127.0.0.%d" % (2 + i // 50), 0))
    s.connect(("127.0.0.1", port))
    s.setblocking(False)
    socks.append([s, req * pipelined])
deadline = time.time() + 3 * write_timeout + 60
while socks and time.time() < deadline:
    for entry in socks:
        if entry[1]:
            try:
                entry[1] = entry[1][entry[0].send(entry[1]):]
            except BlockingIOError:
                pass
    # The kernel's view of each socket says whether the server closed it (nothing is read here).
    alive = []
    for entry in socks:
        state = entry[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0]
        if state in (7, 8):  # TCP_CLOSE (reset), TCP_CLOSE_WAIT (closed)
            entry[0].close()
        else:
            alive.append(entry)
    socks = alive
    time.sleep(0.2)
print("clients left open at the end:", len(socks))
PY
CLIENTS_PID=$!
peak=0
for _ in $(seq 1 $((WRITE_TIMEOUT * 10 + 600))); do
  r=$(rss_mb)
  [ "$r" -gt "$peak" ] && peak=$r
  kill -0 "$CLIENTS_PID" 2>/dev/null || break
  sleep 0.1
done
wait "$CLIENTS_PID" || true
cat "$TMP/clients.out"
echo "RSS peak while they held it: $peak MB"
echo "write timeouts: $(metric interdict_http_write_timeouts_total); response bytes still held: $(metric interdict_http_response_bytes_pending); connections open: $(metric interdict_http_connections_open)"
echo "RSS after they were dropped: $(rss_mb) MB"
sleep 5
echo "RSS 5 s later: $(rss_mb) MB"
