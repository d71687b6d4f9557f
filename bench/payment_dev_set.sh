#!/usr/bin/env bash
# Recall and precision of payment-message screening on the payment dev set
# (tests/fixtures/scan/payments: MT103, MT202COV and pacs.008 messages with their expected hits
# in expected.tsv): imports the bundled lists into a temporary store, runs `interdict scan
# --json` on every message and compares the hits with expected.tsv.
#
#   recall    = expected hits reported / expected hits (status hit and known-miss)
#   precision = expected hits reported / hits reported (known-extra hits count as false)
#
# usage: bench/payment_dev_set.sh [BUILD]   (BUILD default: build)
# Prints the figures per kind of hit and overall, and each missed or unexpected hit.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
[ -x "$BUILD/interdict" ] || { echo "missing $BUILD/interdict" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for s in us-ofac-sdn us-ofac-cons un-sc; do
  "$BUILD/interdict" --db "$TMP/lists.db" import --source "$s" "data/lists/$s" >/dev/null 2>&1
done
SET=tests/fixtures/scan/payments
"$BUILD/interdict" --db "$TMP/lists.db" scan --format mt --json "$SET"/*.fin >"$TMP/mt.json"
"$BUILD/interdict" --db "$TMP/lists.db" scan --format iso20022 --json "$SET"/*.xml >"$TMP/iso.json"
python3 - "$SET/expected.tsv" "$TMP/mt.json" "$TMP/iso.json" <<'PY'
import json, os, sys
from collections import Counter

wanted, extra_ok, files, clean = set(), set(), set(), set()
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    c = line.rstrip("\n").split("\t")
    files.add(c[0])
    if c[6] == "clean":
        clean.add(c[0])
    if c[6] in ("hit", "known-miss"):
        wanted.add(tuple(c[:6]))
    elif c[6] == "known-extra":
        extra_ok.add(tuple(c[:6]))

screened = set(files)  # left: in expected.tsv but not screened
reported = set()
for path in sys.argv[2:]:
    for doc in json.load(open(path, encoding="utf-8"))["documents"]:
        name = os.path.basename(doc["file"])
        screened.discard(name)
        for msg in doc["messages"]:
            for h in msg["hits"]:
                who = h.get("entity") or h.get("jurisdiction")
                how = h["matched"] if h["kind"] == "jurisdiction" and "place" not in h else "-"
                reported.add((name, h["field"], h["kind"], who, h["text"], how))
if screened:
    sys.exit("not screened: " + ", ".join(sorted(screened)))
dirty = sorted(clean & {k[0] for k in reported})

found = wanted & reported
print(f"messages: {len(files)} ({len(clean)} clean, {len(dirty)} of them with a hit); "
      f"expected hits: {len(wanted)}, reported: {len(reported)}")
by_kind = Counter(k[2] for k in wanted)
for kind in sorted(by_kind):
    w = {k for k in wanted if k[2] == kind}
    r = {k for k in reported if k[2] == kind}
    tp = len(w & r)
    print(f"  {kind:13s} recall {tp}/{len(w)} = {tp / len(w):.3f}   "
          f"precision {tp}/{len(r)} = {tp / len(r) if r else 1:.3f}")
print(f"overall       recall {len(found)}/{len(wanted)} = {len(found) / len(wanted):.3f}   "
      f"precision {len(found)}/{len(reported)} = {len(found) / len(reported):.3f}")
for k in sorted(wanted - reported):
    print("missed:  ", "\t".join(k))
for k in sorted(reported - wanted):
    print("extra:   " if k not in extra_ok else "known-extra:", "\t".join(k))
PY
