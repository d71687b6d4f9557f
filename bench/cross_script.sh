#!/usr/bin/env bash
# Cross-script check built from the lists themselves: the UN list's original-script names (Arabic,
# Cyrillic, ...) screened against the same persons' OFAC records, with ONLY the OFAC list loaded, so
# that a hit can come from the romanisation alone. Prints found / total per script at the default
# threshold (0.80) and at 0.5 (diagnosis), then the negatives: original-script names of UN persons
# OFAC does not list, which must not alert. bench/cross_script.py says how the pairs are made.
#
# usage: bench/cross_script.sh [--misses]
# Environment: BUILD (default build), OUT (default a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=${OUT:-$(mktemp -d)}
[ -x "$BUILD/interdict" ] || bash scripts/build.sh "$BUILD" -DINTERDICT_TESTS=OFF >/dev/null
bin="$BUILD/interdict"
db="$OUT/cross_script.db"
rm -f "$db"
python3 bench/cross_script.py pairs data/lists/un-sc/un-sc-2026-02.xml tests/fixtures/ofac-sdn-2021 \
  "$OUT/queries.jsonl" "$OUT/negatives.jsonl"
"$bin" --db "$db" import --source us-ofac-sdn tests/fixtures/ofac-sdn-2021 >/dev/null
for set in queries negatives; do
  "$bin" --db "$db" screen --jsonl --threshold 0.5 --limit 10 < "$OUT/$set.jsonl" \
    > "$OUT/$set.results.jsonl"
done
echo "== paired original-script names, found (OFAC only loaded)"
python3 bench/cross_script.py score "$OUT/queries.jsonl" "$OUT/queries.results.jsonl" \
  --threshold 0.80 "$@"
python3 bench/cross_script.py score "$OUT/queries.jsonl" "$OUT/queries.results.jsonl" --threshold 0.5
echo "== unpaired original-script names (persons OFAC does not list), not alerting"
python3 bench/cross_script.py score "$OUT/negatives.jsonl" "$OUT/negatives.results.jsonl" \
  --threshold 0.80 "$@"
echo "files: $OUT"
