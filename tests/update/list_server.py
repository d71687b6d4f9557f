#!/usr/bin/env python3
"""A local HTTP server for the updater's tests: serves files under ROOT on 127.0.0.1.

The first path segment picks the behaviour, the rest is the file under ROOT:
  /ok/F      the file, with ETag and Last-Modified; answers 304 to a matching conditional request
  /html/F    the file, labelled Content-Type: text/html (an error page served with 200)
  /hang/F    reads the request and never answers (until the server's lifetime ends)
  /flaky/F   503 on the first request for F, then as /ok
  /short/F   announces the full length, sends half of the file and closes the connection
  /gone/F    404
Each request is logged to LOG as "MODE FILE STATUS". The chosen port is written to PORTFILE.
The server exits by itself after LIFETIME seconds.

usage: list_server.py ROOT PORTFILE LOG LIFETIME
"""
import email.utils
import hashlib
import http.server
import os
import sys
import threading
import time

ROOT, PORTFILE, LOG, LIFETIME = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
TYPES = {".csv": "text/csv", ".xml": "application/xml", ".json": "application/json"}
seen = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, mode, name, status):
        with lock, open(LOG, "a") as f:
            f.write(f"{mode} {name} {status}\n")

    def reply(self, mode, name, status, body=b"", headers=()):
        self.record(mode, name, status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        _, mode, name = self.path.split("/", 2)
        path = os.path.join(ROOT, name)
        if mode == "hang":
            self.record(mode, name, "hang")
            time.sleep(LIFETIME)
            return
        if mode == "gone" or not os.path.isfile(path):
            return self.reply(mode, name, 404, b"not found")
        if mode == "flaky":
            with lock:
                first = name not in seen
                seen.add(name)
            if first:
                return self.reply(mode, name, 503, b"try later")
        with open(path, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        ctype = "text/html; charset=utf-8" if mode == "html" else TYPES.get(
            os.path.splitext(name)[1], "application/octet-stream")
        if self.headers.get("If-None-Match") == etag:
            return self.reply(mode, name, 304, headers=[("ETag", etag)])
        if mode == "short":
            self.record(mode, name, 200)
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.reply(mode, name, 200, body,
                   [("Content-Type", ctype), ("ETag", etag), ("Last-Modified", modified)])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
