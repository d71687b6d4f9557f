#!/usr/bin/env bash
# End to end: a list version, a customer book, `monitor` (the first run screens the whole book),
# a newer list version (one party delisted, one newly listed), `monitor` again (only the change is
# screened), and the alerts that result; then a monitoring run killed mid-way and run again.
source "$(dirname "$0")/lib.sh"

# pyv EXPR: EXPR (Python) evaluated with `d` = the last stdout as JSON.
pyv() { python3 -c "import json; d = json.load(open('$TMP/out')); print($1)"; }

sdn_version "$TMP/v1" '$1 == 36 || $1 == 2676 || $1 == 4107 || $1 == 6366 || $1 == 12606'
sdn_version "$TMP/v2" '$1 == 36 || $1 == 2676 || $1 == 4107 || $1 == 6366 || $1 == 2681'

cat >"$TMP/book.csv" <<'CSV'
id,name,type,dob,country
C-ZAW,Ayman al-Zawahiri,person,,
C-QAD,Muammar Qadhafi,person,1942,
C-HAW,Nayif Hawatma,person,,
C-INN,Margaret Thatcherson,person,1950,GB
CSV

run import --source us-ofac-sdn "$TMP/v1"
expect_rc 0 "import v1"
run customers import "$TMP/book.csv"
expect_rc 0 "customers import"

run monitor --json --user ops
expect_rc 0 "first monitor run"
if [ "$(pyv 'd["full"] and d["customers_screened"] == 4 and d["raised"] == 2')" = True ]; then ok; else
  fail "first run: the whole book, two alerts"; fi

run monitor
expect_rc 0 "monitor with nothing new"
expect_out "up to date" "nothing new to screen"

run import --source us-ofac-sdn --allow-shrink "$TMP/v2"
expect_rc 0 "import v2"
run monitor --json
expect_rc 0 "second monitor run"
if [ "$(pyv 'not d["full"] and d["records_screened"] == 1 and d["customers_screened"] == 0 and d["raised"] == 1 and d["delisted"] == 1')" = True ]; then ok; else
  fail "second run: one added record screened, one raised, one delisted"; fi

run alerts list --json
expect_rc 0 "alerts list"
# pair CUSTOMER: "status list_version" of the customer's alert ("none" when it has none).
pair() { pyv "next((a['status'] + ' ' + str(a['list_version']) for a in d if a['customer'] == '$1'), 'none')"; }
[ "$(pair C-ZAW)" = "open 1" ] && ok || fail "listed in both versions: open, raised by version 1"
[ "$(pair C-QAD)" = "delisted 1" ] && ok || fail "delisted party: delisted"
[ "$(pair C-HAW)" = "open 2" ] && ok || fail "newly listed party: open, raised by version 2"
[ "$(pair C-INN)" = "none" ] && ok || fail "innocent customer: no alert"
if [ "$(pyv "[a['entity'] for a in d if a['customer'] == 'C-HAW'][0]")" = us-ofac-sdn:2681 ]; then ok; else
  fail "the alert names the record as screen does"; fi

# A run killed after its first batch, then run again: the same alerts as without the kill.
export INTERDICT_DB="$TMP/crash.db"
run import --source us-ofac-sdn "$TMP/v1"
run customers import "$TMP/book.csv"
INTERDICT_TEST_CRASH_AFTER_BATCHES=1 run monitor --batch 1
expect_rc 70 "the crash hook ends the run after one batch"
run monitor --json --batch 1
expect_rc 0 "the rerun"
if [ "$(pyv 'd["resumed"] and d["raised"] == 2 and d["customers_screened"] == 4')" = True ]; then ok; else
  fail "the rerun resumes the run and completes it"; fi
run alerts list --json
if [ "$(pyv 'sorted(a["customer"] for a in d)')" = "['C-QAD', 'C-ZAW']" ]; then ok; else
  fail "after the crash and rerun: one alert per listed customer"; fi

finish
