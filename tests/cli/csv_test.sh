#!/usr/bin/env bash
# interdict screen --csv, end to end: a customer file with a header, quoted fields and a line
# break inside quotes, --map, bad rows (error rows and exit 1, never a skipped row), input order
# kept on several threads, RFC 4180 output that a CSV parser reads back, standard input, and a
# progress line only on a terminal.
source "$(dirname "$0")/lib.sh"

# The UN list and five real records of the 2021 SDN set, as screen_test.sh builds them.
run_import_sdn_subset
expect_rc 0 "import of the SDN subset"
run import --source un-sc "$SRC/data/lists/un-sc"
expect_rc 0 "import of the UN list"

# pycheck NAME PYTHON: runs PYTHON with the last stdout parsed as CSV (`rows`, a list of dicts);
# passes when it prints nothing.
pycheck() {
  local msg
  msg=$(TMP_DIR="$TMP" python3 -c "
import csv, io, os
raw = open(os.environ['TMP_DIR'] + '/out', encoding='utf-8', newline='').read()
rows = list(csv.DictReader(io.StringIO(raw, newline='')))
$2" 2>&1) || true
  if [ -z "$msg" ]; then ok; else fail "$1: $msg"; fi
}

# A bank's file: a column Interdict does not know (branch), a quoted name with a comma, a name
# over two lines, a lenient date, a bad type, a row with a missing field, an empty name, an
# unknown country, and a blank line (no row).
printf '%s\r\n' \
  'id,name,type,dob,country,branch' \
  'c1,AEROCARIBBEAN AIRLINES,organization,,,North' \
  'c2,"QADHAFI, Muammar",person,1942-6-7,Libya,South' \
  'c3,Jonathan Quentin Wimbledon-Fairweather,person,1975-13-40,,East' \
  'c4,Evin,robot,,,West' \
  'c5,AEROCARIBBEAN AIRLINES,organization,' \
  '' \
  'c6,,person,,,North' \
  'c7,"AEROCARIBBEAN' 'AIRLINES",,,Atlantis,"a ""quoted"" branch"' >"$TMP/customers.csv"

run screen --csv "$TMP/customers.csv" --threads 1
expect_rc 1 "bad rows make a non-zero exit"
expect_err "3 of 7 rows could not be screened" "counts the bad rows"
cp "$TMP/out" "$TMP/out.1"
pycheck "csv contract" '
assert raw.startswith("line,id,name,result,score,matched_name,list,record_id,explanation,warnings,error\r\n"), raw[:100]
ids = []
for r in rows:
    if not ids or ids[-1] != r["id"]: ids.append(r["id"])
assert ids == ["c1", "c2", "c3", "c4", "c5", "c6", "c7"], ids
by = {}
for r in rows: by.setdefault(r["id"], []).append(r)
c1 = by["c1"][0]
assert c1["line"] == "2" and c1["result"] == "match" and c1["record_id"] == "us-ofac-sdn:36", c1
assert c1["list"] == "us-ofac-sdn" and c1["matched_name"] == "AEROCARIBBEAN AIRLINES", c1
assert float(c1["score"]) == 1.0 and c1["explanation"].startswith("Matched the name"), c1
assert by["c2"][0]["name"] == "QADHAFI, Muammar" and by["c2"][0]["result"] == "match", by["c2"]
assert all(float(r["score"]) >= 0.8 for r in rows if r["result"] == "match"), rows
scores = [float(r["score"]) for r in by["c2"]]
assert scores == sorted(scores, reverse=True), scores
c3 = by["c3"]
assert len(c3) == 1 and c3[0]["result"] == "no match" and "1975-13-40" in c3[0]["warnings"], c3
assert by["c4"][0]["result"] == "error" and "type" in by["c4"][0]["error"], by["c4"]
assert by["c5"][0]["result"] == "error" and "4 fields" in by["c5"][0]["error"], by["c5"]
assert by["c6"][0]["result"] == "error" and "empty" in by["c6"][0]["error"], by["c6"]
c7 = by["c7"][0]
assert c7["line"] == "9" and c7["name"] == "AEROCARIBBEAN\nAIRLINES", c7
assert c7["result"] == "match" and "Atlantis" in c7["warnings"], c7
'

# --map names the columns of a file whose header says something else; stdin with "-".
printf '%s\n' 'customer_no,full_name,born' 'k1,AEROCARIBBEAN AIRLINES,' >"$TMP/mapped.csv"
run screen --csv - --map customer_no=id --map full_name=name --map born=dob <"$TMP/mapped.csv"
expect_rc 0 "--map and standard input"
expect_out '^2,k1,AEROCARIBBEAN AIRLINES,match,1.000,' "the mapped row is screened"
run screen --csv "$TMP/mapped.csv"
expect_rc 1 "no name column"
expect_err "no 'name' column" "says what is missing"
if [ -z "$OUT" ]; then ok; else fail "a file with no name column gives no output"; fi
run screen --csv "$TMP/mapped.csv" --map full_name=nome
expect_rc 1 "a --map to no field"
expect_err "the field must be" "says what is wrong"
run screen --csv "$TMP/nothing-here.csv"
expect_rc 1 "a missing file"
expect_err "cannot open" "says so"
run screen --name x --map a=name
expect_rc 2 "--map without --csv"
run screen --name x --csv "$TMP/mapped.csv"
expect_rc 2 "--name and --csv"

# A malformed line gets an error row naming it, and the rows after it are screened.
printf '%s\n' 'id,name' 'm1,AEROCARIBBEAN AIRLINES' 'm2,bad"quote' 'm3,AEROCARIBBEAN AIRLINES' \
  >"$TMP/malformed.csv"
run screen --csv "$TMP/malformed.csv"
expect_rc 1 "a malformed line"
pycheck "malformed line" '
assert [r["result"] for r in rows] == ["match", "error", "match"], rows
assert "malformed.csv:3: quote inside unquoted field 2" in rows[1]["error"], rows[1]
assert rows[2]["id"] == "m3", rows[2]
'

# Many rows over several chunks: two threads write exactly what one writes, in input order, and
# the threshold and limit apply.
{
  echo 'id,name,country'
  for i in $(seq 1500); do
    case $((i % 3)) in
      0) echo "r$i,AEROCARIBBEAN AIRLINES," ;;
      1) echo "r$i,\"QADHAFI, Muammar\",Libya" ;;
      2) echo "r$i,Jonathan Quentin Wimbledon," ;;
    esac
  done
} >"$TMP/many.csv"
run screen --csv "$TMP/many.csv" --threads 1 --limit 2
expect_rc 0 "1500 rows, one thread"
cp "$TMP/out" "$TMP/many.1"
run screen --csv "$TMP/many.csv" --threads 2 --limit 2
expect_rc 0 "1500 rows, two threads"
if cmp -s "$TMP/out" "$TMP/many.1"; then ok; else fail "--threads 2 differs from --threads 1"; fi
pycheck "order, limit" '
ids = []
for r in rows:
    if not ids or ids[-1] != r["id"]: ids.append(r["id"])
assert ids == ["r%d" % i for i in range(1, 1501)], ids[:5]
per = {}
for r in rows: per[r["id"]] = per.get(r["id"], 0) + 1
assert max(per.values()) <= 2, max(per.values())
'
if grep -q "rows/s" "$TMP/err"; then fail "a progress line on a stderr that is no terminal"; else ok; fi

# On a terminal, a progress line with the rate and, for a file, the share done and time left.
if command -v script >/dev/null; then
  script -qec "'$BIN' screen --csv '$TMP/many.csv' >'$TMP/tty.out'" /dev/null >"$TMP/tty.err" || true
  if grep -q "1500 rows, [0-9]* rows/s, 100%, ETA" "$TMP/tty.err"; then ok; else
    fail "no progress line on a terminal: $(tr '\r' '\n' <"$TMP/tty.err" | tail -3)"
  fi
fi

finish
