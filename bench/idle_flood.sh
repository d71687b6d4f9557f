#!/usr/bin/env bash
# Idle sockets and a slowloris against `interdict serve` on 127.0.0.1 only, bounded in count and
# time, while a monitor probes /healthz on fresh connections: are the probes answered?
#
# usage: bench/idle_flood.sh BINARY [STORE]
#   BINARY  a build of interdict (e.g. build/interdict)
#   STORE   a list store; default: a temporary one with the bundled lists (data/lists)
# environment:
#   IDLE=1100       sockets that connect and send nothing, from 127.0.0.10 onwards
#   ADDRESSES=1     how many addresses they come from (1: one client; 20: past the per-address cap)
#   SLOW=50         slowloris sockets from 127.0.0.9: a header begun, one more byte per probe
#   SECS=10         how long the monitor probes, once every 0.5 s, each with a 2 s timeout
# The server runs with its defaults (1024 connections, 64 per address, first byte within 5 s).
set -euo pipefail
BIN=$(realpath "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
IDLE=${IDLE:-1100}
ADDRESSES=${ADDRESSES:-1}
SLOW=${SLOW:-50}
SECS=${SECS:-10}
source "$SRC/bench/serve_lib.sh"
make_store "${2:-}"
start_server --no-audit
echo "$IDLE idle sockets from $ADDRESSES address(es), $SLOW slowloris sockets, probes for $SECS s"

python3 - "$PORT" "$IDLE" "$ADDRESSES" "$SLOW" "$SECS" <<'PY'
import http.client, socket, sys, time
port, idle, addresses, slow, secs = (int(a) for a in sys.argv[1:])
def connect(source):
    s = socket.socket()
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s
held = [connect("127.0.0.%d" % (10 + i % addresses)) for i in range(idle)]
loris = [connect("127.0.0.9") for _ in range(slow)]
for s in loris:
    s.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ")
time.sleep(1)  # the server has taken them in
answered, probes, slowest = 0, 0, 0.0
end = time.time() + secs
while time.time() < end:
    for s in loris:
        try:
            s.send(b"a")
        except OSError:
            pass
    t0 = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/healthz")
        status = c.getresponse().status
        c.close()
    except (OSError, http.client.HTTPException):
        status = 0
    probes += 1
    if status == 200:
        answered += 1
        slowest = max(slowest, time.time() - t0)
    time.sleep(0.5)
print("probes answered: %d of %d; slowest answered: %.1f ms" % (answered, probes, slowest * 1000))
PY
for m in connections_open connections_rejected_total connections_rejected_per_address_total \
  connections_evicted_total first_byte_timeouts_total; do
  printf 'interdict_http_%s %s\n' "$m" "$(metric "interdict_http_$m")"
done
