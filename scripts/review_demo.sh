#!/usr/bin/env bash
# Makes a store to work alerts in with the review web UI (docs/ui.md): the bundled customer book
# monitored against the 2021 OFAC SDN list and then the current bundled lists (so there are open
# and delisted alerts, as bench/monitor_demo.sh), two users, ann (analyst) and sam (supervisor),
# and an API key for each.
# usage: scripts/review_demo.sh BINARY STORE OUTDIR
#   writes STORE (replaced if it exists), OUTDIR/keys.txt (the key entries, for serve --api-keys)
#   and OUTDIR/ann.key, OUTDIR/sam.key (the keys themselves, to log in with).
set -euo pipefail
bin=$1
db=$2
out=$3
src=$(cd "$(dirname "$0")/.." && pwd)
rm -f "$db" "$db-wal" "$db-shm"
mkdir -p "$out"
cli=("$bin" --db "$db")
{
  "${cli[@]}" import --source us-ofac-sdn "$src/data/history/us-ofac-sdn-2021"
  "${cli[@]}" customers import "$src/data/examples/customers.csv"
  "${cli[@]}" --user system:demo monitor
  "${cli[@]}" import --source us-ofac-sdn --allow-shrink "$src/data/lists/us-ofac-sdn"
  "${cli[@]}" import --source us-ofac-cons "$src/data/lists/us-ofac-cons"
  "${cli[@]}" import --source un-sc "$src/data/lists/un-sc"
  "${cli[@]}" --user system:demo monitor
  "${cli[@]}" users add ada --role admin
  "${cli[@]}" --user ada users add ann --role analyst
  "${cli[@]}" --user ada users add sam --role supervisor
} >"$out/setup.log" 2>&1 || { cat "$out/setup.log" >&2; exit 1; }
: >"$out/keys.txt"
for user in ann sam; do
  "$bin" serve --new-key "$user" >"$out/new-key.txt"
  sed -n 2p "$out/new-key.txt" >"$out/$user.key"
  sed -n 4p "$out/new-key.txt" >>"$out/keys.txt"
done
rm -f "$out/new-key.txt"
chmod 600 "$out"/*.key
