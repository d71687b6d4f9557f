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
echo
echo "== the review web UI: a store with the customer book monitored, users ann (analyst) and sam (supervisor)"
bash scripts/review_demo.sh "$bin" demo-review.db demo-keys
echo "Start the server with this demo (one command), then open http://127.0.0.1:8080/ :"
echo "  $bin --db demo-review.db serve --api-keys demo-keys/keys.txt"
echo "Log in with ann's key (demo-keys/ann.key): $(cat demo-keys/ann.key)"
echo "and, for four-eyes approval, sam's (demo-keys/sam.key): $(cat demo-keys/sam.key)"
