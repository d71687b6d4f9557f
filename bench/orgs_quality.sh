#!/usr/bin/env bash
# Screening quality on the organisation deck: imports the lists the deck was built from (the 2024
# OFAC sdn.csv and the 2026 UN list), screens every query at the default threshold and runs the
# deck's scorer (detection per class, false alerts on real company names).
#
# usage: bench/orgs_quality.sh [DECK] [SCORER]
#   DECK    default ../shared/eval/dev-orgs.jsonl
#   SCORER  default ../shared/eval/score_orgs.py
# Environment: BUILD (default build), LISTS (default ../shared/lists), OUT (default a temp folder),
#   SHOW (false alerts to print, default 20), NEGATIVES (an extra file of real organisation names
#   on no list, one a line: screened too, and every alert on one is listed and counted).
set -euo pipefail
cd "$(dirname "$0")/.."
DECK=${1:-../shared/eval/dev-orgs.jsonl}
SCORER=${2:-../shared/eval/score_orgs.py}
LISTS=${LISTS:-../shared/lists}
BUILD=${BUILD:-build}
OUT=${OUT:-$(mktemp -d)}
[ -x "$BUILD/interdict" ] || { echo "missing $BUILD/interdict" >&2; exit 2; }
bin="$BUILD/interdict"
db="$OUT/orgs.db"
rm -f "$db"
"$bin" --db "$db" import --source us-ofac-sdn "$LISTS/ofac-sdn-csv-2024-05-sdn-only" >/dev/null
"$bin" --db "$db" import --source un-sc "$LISTS/un-sc-2026-02.xml" >/dev/null
start=$(date +%s%N)
"$bin" --db "$db" screen --jsonl < "$DECK" > "$OUT/orgs-results.jsonl"
end=$(date +%s%N)
echo "deck: $DECK ($(wc -l < "$DECK") queries), screened in $(( (end - start) / 1000000 )) ms"
echo "results: $OUT/orgs-results.jsonl"
python3 "$SCORER" "$DECK" "$OUT/orgs-results.jsonl" --show "${SHOW:-20}" || true
if [ -n "${NEGATIVES:-}" ]; then
  python3 - "$NEGATIVES" > "$OUT/negatives.jsonl" <<'PY'
import json, sys
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    if line.strip():
        print(json.dumps({"id": "n%05d" % i, "name": line.strip(), "type": "organization"}))
PY
  "$bin" --db "$db" screen --jsonl < "$OUT/negatives.jsonl" > "$OUT/negatives.results.jsonl"
  python3 - "$OUT/negatives.jsonl" "$OUT/negatives.results.jsonl" <<'PY'
import json, sys
names = {json.loads(l)["id"]: json.loads(l)["name"] for l in open(sys.argv[1])}
alerts = errors = 0
for l in open(sys.argv[2]):
    r = json.loads(l)
    if "error" in r:
        errors += 1
        print("  error  %s  %s" % (names[r["id"]], r["error"]))
    elif r.get("matches"):
        alerts += 1
        m = r["matches"][0]
        print("  alert %.3f  %s  ->  %s" % (m["score"], names[r["id"]], m.get("name")))
print("second negative set: %d names, %d alert (%.4f), %d errors"
      % (len(names), alerts, alerts / max(1, len(names)), errors))
PY
fi
