#!/usr/bin/env bash
# Three interdict processes on one store at once (issue 13): two deciders moving alerts, over
# distinct and overlapping alerts, always with --rev so that a lost update shows as a refused
# move (a conflict), never as a silent overwrite; and one importer alternating two list versions
# and running `monitor` after each. Afterwards: every move that succeeded is in its alert's
# history and in the audit chain, the chain verifies, no (customer, entity) pair has two alerts,
# no alert was raised twice, and every alert's revision counts its events (none lost).
#
#   concurrency_test.sh BINARY SOURCE_DIR            on a SQLite store file
#   concurrency_test.sh BINARY SOURCE_DIR postgres   on the PostgreSQL server in
#                                                    $INTERDICT_TEST_PG_URL (ctest: cli.concurrency_test.pg)
source "$(dirname "$0")/lib.sh"
if [ "${3:-}" = postgres ]; then
  if [ -z "${INTERDICT_TEST_PG_URL:-}" ]; then
    echo "FAIL: INTERDICT_TEST_PG_URL is not set (run under scripts/pg_throwaway.sh)"
    exit 1
  fi
  schema="concurrency_$$_$RANDOM"
  psql -q -v ON_ERROR_STOP=1 "$INTERDICT_TEST_PG_URL" -c "CREATE SCHEMA $schema" >/dev/null
  export INTERDICT_DB="$INTERDICT_TEST_PG_URL&options=-csearch_path%3D$schema"
fi

# Twelve individuals named "LAST, First"; the book holds a customer named after each.
# (awk splits at the name's own comma: $2 is "LAST, $3 is " First".)
ids=$(awk -F, '$4 == "\"individual\"" && $2 ~ /^"[A-Z]+$/ && $3 ~ /^ [A-Za-z]+"$/ && ++n <= 12 {
  print $1 }' "$SRC/tests/fixtures/ofac-sdn-2021/sdn.csv")
cond=$(sed 's/^/$1 == /' <<<"$ids" | paste -sd'|' | sed 's/|/ || /g')
sdn_version "$TMP/v1" "$cond"
sdn_version "$TMP/v2" "($cond) && NR > 3"  # three records delisted
{
  echo "id,name,type"
  grep -E '^[0-9]+,"[A-Z]+, [A-Za-z]+",' "$TMP/v1/sdn.csv" |
    sed -E 's/^([0-9]+),"([A-Z]+), ([A-Za-z]+)".*/C-\1,\3 \2,person/'
} >"$TMP/book.csv"

run import --source us-ofac-sdn "$TMP/v1"
expect_rc 0 "import v1"
run customers import "$TMP/book.csv"
expect_rc 0 "customers import"
run users add ada --role admin
expect_rc 0 "bootstrap admin"
for u in sue sam; do
  run --user ada users add $u --role supervisor
  expect_rc 0 "add $u"
done
run monitor --json
expect_rc 0 "first monitor run"
run alerts list --json
n=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$OUT")
if [ "$n" -ge 10 ]; then ok; else fail "the first run raises an alert per customer ($n)"; fi

# decider USER IDS...: two rounds over the alerts, each a read of the alert's revision and a move
# to the next status with --rev. Logs "id to rev_after" for each move that succeeded.
decider() {
  local user=$1 round id state to out
  shift
  for round in 1 2; do
    for id in "$@"; do
      state=$("$BIN" alerts show "$id" --json | python3 -c '
import json, sys; a = json.load(sys.stdin); print(a["status"], a["rev"])')
      read -r status rev <<<"$state"
      case $status in
        open) to=in_review ;;
        in_review) to=escalated ;;
        escalated) to=open ;;
        *) continue ;;
      esac
      if out=$("$BIN" --user "$user" alerts move "$id" --to $to --rev "$rev" --reason "r$round" 2>&1); then
        sed -nE "s/^alert $id: ([a-z_]+) \(rev ([0-9]+)\).*/$id \1 \2/p" <<<"$out" >>"$TMP/moves.$user"
      elif grep -q "is at rev" <<<"$out"; then
        echo "$id" >>"$TMP/conflicts.$user"
      else
        echo "$id $to: $out" >>"$TMP/errors.$user"  # anything but a conflict is a failure
      fi
    done
  done
}
importer() {
  local round
  for round in 1 2 3; do
    "$BIN" import --source us-ofac-sdn --allow-shrink "$TMP/v2" >/dev/null 2>>"$TMP/errors.import" &&
      "$BIN" monitor >/dev/null 2>>"$TMP/errors.import" &&
      "$BIN" import --source us-ofac-sdn --allow-shrink "$TMP/v1" >/dev/null 2>>"$TMP/errors.import" &&
      "$BIN" monitor >/dev/null 2>>"$TMP/errors.import" || echo "round $round failed" >>"$TMP/errors.import"
  done
}
all=$(seq 1 "$n")
decider sue $(head -n $((n * 2 / 3)) <<<"$all") &
d1=$!
decider sam $(tail -n $((n * 2 / 3)) <<<"$all" | tac) &
d2=$!
importer &
imp=$!
wait $d1 $d2 $imp
touch "$TMP/moves.sue" "$TMP/moves.sam" "$TMP/errors.sue" "$TMP/errors.sam" "$TMP/errors.import"
OUT=$(cat "$TMP"/errors.*)
ERR=
if [ -z "$OUT" ]; then ok; else fail "no process failed except by a conflict"; fi
moved=$(cat "$TMP/moves.sue" "$TMP/moves.sam" | wc -l)
echo "moves that succeeded: $moved; refused as conflicts: $(cat "$TMP"/conflicts.* 2>/dev/null | wc -l)"
if [ "$moved" -ge 10 ]; then ok; else fail "the deciders moved alerts ($moved moves)"; fi

run audit verify
expect_rc 0 "audit verify after the concurrent run"
run audit export --kind alert
expect_rc 0 "audit export"
cp "$TMP/out" "$TMP/audit.jsonl"
run alerts list --json
expect_rc 0 "alerts list"
cp "$TMP/out" "$TMP/alerts.json"
for id in $all; do "$BIN" alerts show "$id" --json >"$TMP/show.$id.json"; done
OUT=
if python3 - "$TMP" <<'PY'
import json, sys, collections
tmp = sys.argv[1]
alerts = json.load(open(f"{tmp}/alerts.json"))
pairs = collections.Counter((a["customer"], a["entity"]) for a in alerts)
assert max(pairs.values()) == 1, [p for p, c in pairs.items() if c > 1]
shows = {a["id"]: a for a in (json.load(open(f"{tmp}/show.{i}.json")) for i in range(1, len(alerts) + 1))}
audit = [json.loads(l) for l in open(f"{tmp}/audit.jsonl") if l.strip()]
moves_in_audit = {(e["who"], e["detail"]["rev"], e["detail"]["to"]) for e in audit
                  if e["kind"] == "alert.transition"}
for a in shows.values():
  kinds = [e["kind"] for e in a["history"]]
  assert kinds.count("raised") == 1, (a["id"], kinds)
  # Each change to an alert is one event and one revision: a lost event shows here.
  assert a["rev"] == len(a["history"]), (a["id"], a["rev"], kinds)
for user in ("sue", "sam"):
  for line in open(f"{tmp}/moves.{user}"):
    i, to, rev = line.split()
    events = [e for e in shows[int(i)]["history"] if e["kind"] == "moved" and e["who"] == user
              and e["to_status"] == to]
    assert events, (user, line)
    assert (user, int(rev), to) in moves_in_audit, (user, line)
PY
then ok; else fail "every successful move is in the history and the audit chain; no pair twice"; fi
finish
