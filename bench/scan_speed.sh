#!/usr/bin/env bash
# Free-text scanning speed (docs/performance.md, "Scanning"): imports the bundled lists into a
# temporary store, builds two corpora and runs bench/scan_bench on them, single-threaded.
#
#   - English prose: the 14 distinct licence texts of /usr/share/common-licenses (Debian's
#     base-files: Apache-2.0, Artistic, BSD, CC0-1.0, GFDL-1.2/1.3, GPL-1/2/3, LGPL-2/2.1/3,
#     MPL-1.1/2.0; 237 KB), repeated 40 times (9.5 MB);
#   - a hit-dense worst case: the example news article (25 hits in 3 KB) repeated 3000 times;
#   - payment messages: the MT messages of the payment dev set (tests/fixtures/scan/payments,
#     most of them with hits) repeated 40 times, and its 8 clean MT messages repeated 130 times
#     (messages per second, parsed and screened).
#
# usage: bench/scan_speed.sh [BUILD]   (BUILD default: build; needs -DINTERDICT_BENCH=ON)
# Environment: REPEAT (best of N runs, default 5), PLANT (names planted for recall, default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
for b in interdict scan_bench; do
  [ -x "$BUILD/$b" ] || { echo "missing $BUILD/$b (configure with -DINTERDICT_BENCH=ON)" >&2; exit 2; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for s in us-ofac-sdn us-ofac-cons un-sc; do
  "$BUILD/interdict" --db "$TMP/lists.db" import --source "$s" "data/lists/$s" >/dev/null 2>&1
done
L=/usr/share/common-licenses
cat $L/Apache-2.0 $L/Artistic $L/BSD $L/CC0-1.0 $L/GFDL-1.2 $L/GFDL-1.3 $L/GPL-1 $L/GPL-2 \
  $L/GPL-3 $L/LGPL-2 $L/LGPL-2.1 $L/LGPL-3 $L/MPL-1.1 $L/MPL-2.0 >"$TMP/licenses.txt"
for _ in $(seq 40); do cat "$TMP/licenses.txt"; done >"$TMP/english-prose.txt"
for _ in $(seq 3000); do
  cat tests/fixtures/scan/news-2022-us-iran-russia-sanctions.txt
  echo
done >"$TMP/hit-dense-article.txt"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD/scan_bench" "$TMP/lists.db" "$TMP/english-prose.txt" "$TMP/hit-dense-article.txt" \
  --repeat "${REPEAT:-5}" --plant "${PLANT:-300}"
P=tests/fixtures/scan/payments
for _ in $(seq 40); do cat "$P"/*.fin; done >"$TMP/mt-dev-set.fin"
for _ in $(seq 130); do cat "$P"/mt103-01-*.fin "$P"/mt103-02-*.fin "$P"/mt103-03-*.fin \
  "$P"/mt103-15-*.fin "$P"/mt103-16-*.fin "$P"/mt103-22-*.fin "$P"/mt202cov-01-*.fin \
  "$P"/mt202cov-06-*.fin; done \
  >"$TMP/mt-clean.fin"
for f in mt-dev-set mt-clean; do
  "$BUILD/scan_bench" "$TMP/lists.db" --repeat "${REPEAT:-5}" --messages mt "$TMP/$f.fin" | tail -3
done
