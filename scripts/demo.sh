#!/usr/bin/env bash
# README command 1: build Interdict, import the bundled lists, and run the main jobs on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh build -DINTERDICT_TESTS=OFF -DINTERDICT_BENCH=OFF
bin=build/interdict
export INTERDICT_DB=${INTERDICT_DB:-demo.db}
echo "== importing the bundled lists into $INTERDICT_DB"
"$bin" import --source us-ofac-sdn data/lists/us-ofac-sdn
"$bin" import --source us-ofac-cons data/lists/us-ofac-cons
"$bin" import --source un-sc data/lists/un-sc
echo
echo "== list versions"
"$bin" lists
echo
echo "== screening names: a typo, another script, a respelling, an unlisted person"
"$bin" screen --name "Evin Prision"
"$bin" screen --name "أيمن الظواهري" --type person --limit 3
"$bin" screen --name "Махмуд Ахмадинежад" --type person --dob 1956
"$bin" screen --name "Elizabeth Stickney" --type person
echo
echo "== the example article, scanned for listed parties and sanctioned places"
"$bin" scan data/examples/news-2022-us-iran-russia-sanctions.txt
