#!/usr/bin/env python3
"""What a crash (kill -9) of `interdict serve` under load loses from the audit log.

usage: bench/audit_loss.py BINARY [--trials N] [--clients N] [--seconds S] [--hold-lock]
                           [-- SERVE FLAGS...]

Per trial: a fresh copy of a store with the bundled lists, a server on a free loopback port,
N keep-alive clients sending POST /v1/screen with their own X-Request-Id as fast as they go, and
kill -9 after S seconds. Every 200 a client received is an acknowledged request; the ones missing
from the audit log afterwards are lost. Reported: how many, the window from the oldest lost
acknowledgement to the kill, and the span of traffic lost (oldest to newest lost
acknowledgement; 0 when nothing was lost).

--hold-lock: another connection holds the store's write lock (BEGIN IMMEDIATE) from the start,
as a long import or a forgotten `sqlite3` session would: the server should refuse (503) beyond
its backlog bound (--audit-max-backlog) rather than acknowledge what it cannot write.

Loopback only; bounded in time; stops by itself.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BODY = json.dumps({"name": "Evin Prison"})


def make_store(binary, tmp):
    db = os.path.join(tmp, "base.db")
    env = dict(os.environ, INTERDICT_DATA_DIR=os.path.join(SRC, "data"))
    for source in ("us-ofac-sdn", "un-sc"):
        subprocess.run([binary, "--db", db, "import", "--source", source,
                        os.path.join(SRC, "data", "lists", source)],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def client(port, name, stop, acks, refused):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i = 0
    while not stop.is_set():
        rid = "%s-%d" % (name, i)
        i += 1
        try:
            conn.request("POST", "/v1/screen", BODY,
                         {"Content-Type": "application/json", "X-Request-Id": rid})
            r = conn.getresponse()
            r.read()
        except Exception:
            return  # the server is gone
        now = time.monotonic()
        if r.status == 200:
            acks.append((now, rid))
        elif r.status == 503:
            refused[0] += 1


def trial(binary, base, tmp, args):
    db = os.path.join(tmp, "lists.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(base, db)
    lock = None
    if args.hold_lock:
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
    env = dict(os.environ, INTERDICT_DATA_DIR=os.path.join(SRC, "data"))
    server = subprocess.Popen([binary, "--db", db, "serve", "--port", "0"] + args.serve_args,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                              text=True)
    port = int(re.search(r":(\d+)$", server.stdout.readline().strip()).group(1))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/v1/sources")
            if c.getresponse().status == 200:
                break
        except Exception:
            pass
        time.sleep(0.05)
    stop = threading.Event()
    acks, refused = [], [0]
    threads = [threading.Thread(target=client, args=(port, "c%d" % k, stop, acks, refused))
               for k in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    server.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    if lock is not None:
        lock.execute("ROLLBACK")
        lock.close()
    audited = {row[0] for row in sqlite3.connect(db).execute(
        "SELECT json_extract(detail, '$.request_id') FROM audit_event WHERE kind = 'screening'")}
    lost = [t for t, rid in acks if rid not in audited]
    window_ms = (killed - min(lost)) * 1000 if lost else 0.0
    span_ms = (max(lost) - min(lost)) * 1000 if lost else 0.0
    return len(acks), len(lost), window_ms, span_ms, refused[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("--trials", type=int, default=5)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--seconds", type=float, default=3)
    p.add_argument("--hold-lock", action="store_true")
    args, serve_args = p.parse_known_args()
    args.serve_args = [a for a in serve_args if a != "--"]
    binary = os.path.abspath(args.binary)
    tmp = tempfile.mkdtemp()
    try:
        base = make_store(binary, tmp)
        print("trial  acknowledged   lost  window_ms  lost_span_ms  refused_503")
        for n in range(args.trials):
            acked, lost, window, span, refused = trial(binary, base, tmp, args)
            rate = acked / args.seconds
            print("%5d  %12d  %5d  %9.1f  %12.1f  %11d   (%.0f acknowledged/s)"
                  % (n + 1, acked, lost, window, span, refused, rate))
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
