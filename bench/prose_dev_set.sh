#!/usr/bin/env bash
# Free-text dev set (docs/scanning.md, "Free-text dev set"): imports the bundled lists into a
# temporary store, scans every text of tests/fixtures/scan/prose/dev_set.tsv with
# `interdict scan --jsonl` and prints recall and precision (and each miss and extra record).
#
# usage: bench/prose_dev_set.sh [BUILD]   (BUILD default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SET=tests/fixtures/scan/prose/dev_set.tsv
[ -x "$BUILD/interdict" ] || { echo "missing $BUILD/interdict" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for s in us-ofac-sdn us-ofac-cons un-sc; do
  "$BUILD/interdict" --db "$TMP/lists.db" import --source "$s" "data/lists/$s" >/dev/null 2>&1
done
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.startswith("#"):
        rid, _, _, text = line.rstrip("\n").split("\t", 3)
        print(json.dumps({"id": rid, "text": text}))
' "$SET" >"$TMP/set.jsonl"
"$BUILD/interdict" --db "$TMP/lists.db" scan --jsonl --threads 1 <"$TMP/set.jsonl" >"$TMP/hits.jsonl"
python3 bench/prose_dev_set.py score "$SET" "$TMP/hits.jsonl"
