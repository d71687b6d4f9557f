# Appends N screening-like events, hashed with hashlib, to an existing store: data for timing
# `interdict audit verify/export` (docs/audit.md), and an independent check of the hash formula.
# Usage: python3 bench/make_audit_chain.py STORE N
import hashlib, json, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
row = c.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
seq, prev = (row[0], row[1]) if row else (0, "")
rows = []
for i in range(n):
    seq += 1
    at = "2026-12-07T12:00:%02d.%03dZ" % (i // 1000 % 60, i % 1000)
    detail = json.dumps({"endpoint": "POST /v1/screen", "max_score": 0.91, "query": {"name": "Person %d" % i},
                         "request_id": "r%d" % i, "result_count": 1, "results": [[["us-ofac-sdn:%d" % i, 0.91]]],
                         "status": 200}, separators=(",", ":"))
    f = [str(seq), at, "bank-a", "screening", "request:r%d" % i, detail,
         '[{"source":"us-ofac-sdn","version":1}]', "{}", "bench", prev]
    h = hashlib.sha256("\x1f".join(f).encode()).hexdigest()
    rows.append(f + [h])
    prev = h
c.executemany("INSERT INTO audit_event(seq, at, who, kind, subject, detail, list_versions, settings, "
              "engine_version, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
c.commit()
