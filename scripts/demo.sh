#!/usr/bin/env bash
# README command 1: build Interdict and run the main job on the bundled lists.
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
echo "== list versions"
"$bin" lists
echo "== one record"
"$bin" show us-ofac-sdn:24586
