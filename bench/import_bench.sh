#!/usr/bin/env bash
# Import time and peak RSS of `interdict import` for each bundled/fixture list, and for a synthetic
# ~100 MB UN XML file (the real UN list's records repeated 50 times under renamed reference
# numbers), to show that parsing streams.
# usage: bench/import_bench.sh      (BUILD=build by default)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -x "$BUILD/interdict" ] || bash scripts/build.sh "$BUILD" -DINTERDICT_TESTS=OFF >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/un-100mb.xml" <<'PY'
import re, sys
src = open("data/lists/un-sc/un-sc-2026-02.xml", encoding="utf-8").read()
head, rest = src.split("<INDIVIDUALS>", 1)
individuals, rest = rest.split("</INDIVIDUALS>", 1)
mid, rest = rest.split("<ENTITIES>", 1)
entities, tail = rest.split("</ENTITIES>", 1)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(head + "<INDIVIDUALS>")
    for i in range(50):
        out.write(re.sub(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>",
                         lambda m: "<REFERENCE_NUMBER>%s.r%d</REFERENCE_NUMBER>" % (m.group(1), i), individuals))
    out.write("</INDIVIDUALS>" + mid + "<ENTITIES>")
    for i in range(50):
        out.write(re.sub(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>",
                         lambda m: "<REFERENCE_NUMBER>%s.r%d</REFERENCE_NUMBER>" % (m.group(1), i), entities))
    out.write("</ENTITIES>" + tail)
PY
printf '%-44s %9s %8s %12s\n' "input" "MB" "seconds" "peak RSS MB"
run() {  # source path
  local size; size=$(du -cb "$2" | tail -1 | cut -f1)
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$BUILD/interdict" --db "$tmp/bench.db" import --source "$1" "$2" \
    >/dev/null 2>&1
  read -r secs kb < "$tmp/time"
  printf '%-44s %9.1f %8s %12.1f\n' "$1 $(basename "$2")" "$(echo "$size" | awk '{print $1/1e6}')" "$secs" \
    "$(echo "$kb" | awk '{print $1/1024}')"
}
run us-ofac-sdn tests/fixtures/ofac-sdn-2021
run us-ofac-sdn data/lists/us-ofac-sdn
run us-ofac-cons data/lists/us-ofac-cons
run un-sc data/lists/un-sc
run ftm tests/fixtures/ftm
run un-sc "$tmp/un-100mb.xml"
