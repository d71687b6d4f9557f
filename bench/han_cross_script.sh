#!/usr/bin/env bash
# Han and Hangul names of the UN list against OFAC: every UN alias or original-script name written
# in Han or Hangul is screened with only OFAC loaded; its expected record is the one the UN
# record's Latin name finds at score 1.0. Prints one line per name and the count found.
#
# usage: bench/han_cross_script.sh
# Environment: BUILD (default build), LISTS (default ../shared/lists), THRESHOLD (default 0.8).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTS=${LISTS:-../shared/lists}
BUILD=${BUILD:-build}
THRESHOLD=${THRESHOLD:-0.8}
bin="$BUILD/interdict"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$bin" --db "$TMP/ofac.db" import --source us-ofac-sdn "$LISTS/ofac-sdn-csv-2024-05-sdn-only" \
  >/dev/null 2>&1
python3 - "$LISTS/un-sc-2026-02.xml" >"$TMP/queries.jsonl" <<'PY'
import json, re, sys
import xml.etree.ElementTree as ET
cjk = re.compile(r"[\u4e00-\u9fff\uac00-\ud7a3]")
for rec in ET.parse(sys.argv[1]).getroot().iter():
    if rec.tag not in ("INDIVIDUAL", "ENTITY"):
        continue
    kind = "person" if rec.tag == "INDIVIDUAL" else "organization"
    ref = rec.findtext("REFERENCE_NUMBER").strip()
    parts = [rec.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    latin = " ".join(p.strip() for p in parts if p and p.strip())
    for el in rec.iter():
        if el.tag in ("ALIAS_NAME", "NAME_ORIGINAL_SCRIPT") and el.text and cjk.search(el.text):
            for role, name in (("latin", latin), ("orig", el.text.strip())):
                print(json.dumps({"id": ref + "|" + role, "name": name, "type": kind},
                                 ensure_ascii=False))
PY
"$bin" --db "$TMP/ofac.db" screen --jsonl --threshold "$THRESHOLD" --limit 5 \
  <"$TMP/queries.jsonl" >"$TMP/results.jsonl"
python3 - "$TMP/queries.jsonl" "$TMP/results.jsonl" "$THRESHOLD" <<'PY'
import json, sys
names = {json.loads(l)["id"]: json.loads(l)["name"] for l in open(sys.argv[1], encoding="utf-8")}
results = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
by_id = {r["id"]: r for r in results}
found = total = 0
for qid, r in by_id.items():
    ref, role = qid.split("|")
    if role != "orig":
        continue
    truth = [m for m in by_id[ref + "|latin"].get("matches", []) if m.get("score", 0) >= 0.999]
    if not truth:
        continue
    total += 1
    want = truth[0]["entity"]
    hit = [m for m in r.get("matches", []) if m["entity"] == want]
    found += bool(hit)
    score = "%.2f" % hit[0]["score"] if hit else "not found"
    print("%-10s %-40s %-45s %s" % (ref, names[qid], truth[0]["name"], score))
print("found %d of %d at threshold %s" % (found, total, sys.argv[3]))
PY
