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
source "$SRC/bench/serve_lib.sh"
make_store "${2:-}"
start_server --no-audit --write-timeout "$WRITE_TIMEOUT" --max-batch 100

BODY=$(python3 -c '
import json, sys
names = ["MOHAMMED", "ALI", "HASSAN", "IVANOV", "KIM", "AHMED", "AL", "ABU", "BANK", "TRADING"]
print(json.dumps({"queries": [{"name": names[i % len(names)]} for i in range(int(sys.argv[1]))],
                  "limit": 500, "threshold": 0.5}))' "$QUERIES")
START=$(date +%s%N)
SIZE=$(curl -s -X POST -H 'Content-Type: application/json' --data "$BODY" "$URL/v1/screen/batch" | wc -c)
echo "one response: $((SIZE / 1024)) KiB in $((($(date +%s%N) - START) / 1000000)) ms; $CLIENTS clients x $PIPELINED pipelined requests, never read"
echo "RSS before: $(rss_mb) MB"

# The clients: connect, send every request, read nothing, and hold the sockets until this script
# ends them (or 3 x WRITE_TIMEOUT + 60 s have passed). A client cannot tell that the server closed
# its end: the FIN waits behind the unsent response, for a window the client never opens.
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
while time.time() < deadline:
    for entry in socks:
        if entry[1]:
            try:
                entry[1] = entry[1][entry[0].send(entry[1]):]
            except (BlockingIOError, ConnectionError):
                pass
    time.sleep(0.2)
PY
CLIENTS_PID=$!
# Until the server has dropped every client (by its counter), or the clients' deadline.
peak=0
i=0
while kill -0 "$CLIENTS_PID" 2>/dev/null; do
  r=$(rss_mb)
  [ "$r" -gt "$peak" ] && peak=$r
  i=$((i + 1))
  if [ $((i % 5)) = 0 ] && [ "$(metric interdict_http_write_timeouts_total)" = "$CLIENTS" ]; then
    kill "$CLIENTS_PID"
    break
  fi
  sleep 0.1
done
wait "$CLIENTS_PID" 2>/dev/null || true
echo "RSS peak while they held it: $peak MB"
echo "write timeouts: $(metric interdict_http_write_timeouts_total); response bytes still held: $(metric interdict_http_response_bytes_pending); connections open: $(metric interdict_http_connections_open)"
echo "RSS when the last was dropped: $(rss_mb) MB"
sleep 2
echo "RSS 2 s later: $(rss_mb) MB"
sleep 5
echo "RSS 7 s later: $(rss_mb) MB"
