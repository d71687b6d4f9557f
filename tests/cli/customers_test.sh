#!/usr/bin/env bash
# End to end: `interdict customers import|list|show` (the customer book monitoring screens).
source "$(dirname "$0")/lib.sh"

# pyv EXPR: EXPR (Python) evaluated with `d` = the last stdout as JSON.
pyv() { python3 -c "import json; d = json.load(open('$TMP/out')); print($1)"; }

cat >"$TMP/book.csv" <<'CSV'
id,name,type,dob,country,aliases,segment
C-1,Ali Khamenei,person,1939-04-19,Iran,Sayyid Ali,retail
C-2,Jane Smith,person,1980,GB,,retail
C-3,Acme Trading GmbH,organization,,DE,,corporate
CSV
run customers import "$TMP/book.csv" --user alice
expect_rc 0 "import"
expect_out "added 3, updated 0, deleted 0, unchanged 0; book revision 1" "import counts"

run customers import "$TMP/book.csv"
expect_rc 0 "re-import"
expect_out "added 0, updated 0, deleted 0, unchanged 3; book revision 1" "re-import is a no-op"

run customers list --json
expect_rc 0 "list"
if [ "$(pyv 'len(d)')" = 3 ] && [ "$(pyv 'd[0]["countries"][0]')" = IR ]; then ok; else
  fail "list --json: three customers, countries as codes"; fi

# A bad file: every bad row named with its line, and the store unchanged.
cat >"$TMP/bad.csv" <<'CSV'
id,name,type,dob,country
C-1,Ali Khamenei,person,1939-04-19,Iran
C-2,,person,,
C-9,Someone,person,1975-13-40,
C-1,Twice,person,,
CSV
run customers import "$TMP/bad.csv"
expect_rc 1 "bad file"
expect_err "bad.csv:3: id C-2: 'name' is missing" "missing name with its line"
expect_err "bad.csv:4: id C-9: 'dob': '1975-13-40'" "bad date with its line"
expect_err "bad.csv:5: id C-1: the id appears on an earlier row too" "duplicate id"
expect_err "nothing was imported" "says nothing was imported"
run customers list --json
if [ "$(pyv 'len(d)')" = 3 ]; then ok; else fail "the bad import changed the book"; fi

# --partial adds and updates; a full import deletes the absent ones.
printf 'ref,full_name,aliases\nC-2,Jane Smith,Jane Doe\n' >"$TMP/upd.csv"
run customers import --partial --map ref=id --map full_name=name "$TMP/upd.csv"
expect_rc 0 "partial import with --map"
expect_out "added 0, updated 1, deleted 0, unchanged 0; book revision 2" "partial counts"
run customers import "$TMP/upd.csv" --map ref=id --map full_name=name
expect_out "added 0, updated 0, deleted 2, unchanged 1; book revision 3" "full import deletes"

run customers show C-1 --json --user bob
expect_rc 0 "show"
if [ "$(pyv '",".join(h["change"] for h in d["history"])')" = "added,deleted" ] &&
  [ "$(pyv 'd["history"][0]["who"]')" = alice ] && [ "$(pyv '"deleted_at" in d')" = True ]; then ok; else
  fail "show C-1: history added then deleted, by alice"; fi
run customers show NOPE
expect_rc 1 "unknown customer"
expect_err "no customer NOPE" "unknown customer named"

# JSON lines with the same fields.
printf '{"id": "J-1", "name": "Li Wei", "type": "person", "country": ["CN"], "branch": "HK"}\n' >"$TMP/book.jsonl"
run customers import "$TMP/book.jsonl" --partial
expect_out "added 1" "json lines import"
run customers show J-1 --json
if [ "$(pyv 'd["attributes"]["branch"]')" = HK ]; then ok; else fail "json lines attribute kept"; fi

finish
