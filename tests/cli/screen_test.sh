#!/usr/bin/env bash
# interdict screen / compare, end to end: the readable table, --json, the JSON-lines contract
# (one output line per input line, in order, ids echoed, an error on every bad line), thread count
# independence, and compare without any list store.
source "$(dirname "$0")/lib.sh"

# pycheck NAME PYTHON: runs PYTHON with the last stdout as `out` (str) and `lines` (list); the
# check passes when it prints nothing, and fails with what it printed.
pycheck() {
  local msg
  msg=$(TMP_DIR="$TMP" python3 -c "
import json, os, sys
tmp = os.environ['TMP_DIR']
out = open(tmp + '/out', encoding='utf-8').read()
lines = out.split('\n')
if lines and lines[-1] == '': lines.pop()
$2" 2>&1) || true
  if [ -z "$msg" ]; then ok; else fail "$1: $msg"; fi
}

# A store with the UN list and five real records of the 2021 SDN set.
run_import_sdn_subset
expect_rc 0 "import of the SDN subset"
expect_out "us-ofac-sdn: version 1, 5 records" "five SDN records"
run import --source un-sc "$SRC/data/lists/un-sc"
expect_rc 0 "import of the UN list"

# ----- screen --name: the table ------------------------------------------------------------------
run screen --name "AEROCARIBBEAN AIRLINES"
expect_rc 0 "screen an exact name"
expect_out "^score +entity +type +matched name" "table header"
expect_out "^1\.00 +us-ofac-sdn:36 +entity +AEROCARIBBEAN AIRLINES$" "table row of the exact match"
expect_out "^- Matched the name 'AEROCARIBBEAN AIRLINES' of us-ofac-sdn:36 \(score 1\.00\)" \
  "one sentence per match"

run screen --name "أيمن الظواهري" --type person
expect_rc 0 "screen an Arabic-script name"
expect_out "un-sc:QDi\.006 +person" "the UN record from Arabic script"
expect_out "us-ofac-sdn:2676 +person +AL ZAWAHIRI, Dr\. Ayman" "the Latin-only SDN record"

run screen --name "Jonathan Quentin Wimbledon"
expect_rc 0 "no match is no error"
expect_out "^No match at or above 0\.80 for 'Jonathan Quentin Wimbledon'\.$" \
  "says there is no match"

run screen --name "AEROCARIBBEAN AIRLINES" --country Atlantis
expect_rc 0 "an unknown country is no error"
expect_err "warning: country 'Atlantis' is not one Interdict knows" "but a warning"
expect_out "us-ofac-sdn:36" "and the name is still screened"

# ----- screen --json ------------------------------------------------------------------------------
run screen --name "Aiman Zawahri" --dob 1951-06-19 --country Egypt --id 1084010 --limit 1 --json
expect_rc 0 "screen --json with attributes"
pycheck "screen --json" '
j = json.loads(out)
assert j["query"] == {"name": "Aiman Zawahri", "birth_date": "1951-06-19", "country": "Egypt",
                      "identifiers": ["1084010"]}, j["query"]
sources = sorted(v["source"] for v in j["list_versions"])
assert sources == ["un-sc", "us-ofac-sdn"], j["list_versions"]
assert len(j["matches"]) == 1, len(j["matches"])
m = j["matches"][0]
assert m["entity"] == "un-sc:QDi.006", m["entity"]
assert m["score"] == 1.0 and m["schema"] == "person" and m["source"] == "un-sc", m
x = m["explanation"]
attrs = {a["attribute"]: a["effect"] for a in x["attributes"]}
assert attrs == {"birth_date": 0.08, "country": 0.03, "identifier": 0.35}, attrs
kinds = {t["query"]: t["evidence"] for t in x["tokens"]}
assert kinds.get("Zawahri") == "typo", kinds
assert x["sentence"].startswith("Matched the "), x["sentence"]
assert "1084010" in x["sentence"], x["sentence"]
'

run screen --name "The Chess Player" --json
expect_rc 0 "a weak alias"
pycheck "weak alias" '
m = json.loads(out)["matches"]
assert [x["entity"] for x in m] == ["us-ofac-sdn:4107"], m
assert m[0]["score"] == 0.9 and m[0]["explanation"]["name_kind"] == "weak_alias", m[0]
'

run screen --name "Al Qaida" --threshold 0.5 --limit 2 --json
expect_rc 0 "threshold and limit"
pycheck "threshold and limit" '
m = json.loads(out)["matches"]
assert len(m) == 2, len(m)
assert m[0]["score"] >= m[1]["score"] >= 0.5, m
'

# ----- screen --jsonl -----------------------------------------------------------------------------
# Good and bad lines; each bad line names its problem on its own line.
cat >"$TMP/mix.jsonl" <<'EOF'
{"id": 1, "name": "AEROCARIBBEAN AIRLINES"}
{"id": "two", "name": "Ayman al-Zawahiri", "type": "person", "birth_date": ["1951"], "country": ["EG"], "identifiers": [{"type": "passport", "value": "1084010"}], "nickname": "ignored"}
{"id": 3, "name":
{"id": 4}

{"id": 6, "name": 42}
["not", "an", "object"]
{"id": 8, "name": "Jonathan Quentin Wimbledon"}
{"id": 9, "name": "---"}
{"id": 10, "name": "AEROCARIBBEAN AIRLINES", "country": "Atlantis"}
{"id": 11, "name": "x", "type": "robot"}
{"id": 12, "name": "x", "birth_date": "1970-13"}
{"id": 13, "name": "x", "identifiers": "P1"}
{"id": {"ref": [1, 2]}, "name": "QADHAFI, Muammar"}
{"id": 15, "name": ""}
EOF
run screen --jsonl --threads 1 <"$TMP/mix.jsonl"
expect_rc 0 "screen --jsonl with bad lines"
cp "$TMP/out" "$TMP/mix.1"
pycheck "jsonl contract" '
ins = open(tmp + "/mix.jsonl", encoding="utf-8").read().split("\n")[:-1]
assert len(lines) == len(ins) == 15, (len(lines), len(ins))
rows = [json.loads(l) for l in lines]
ids = [r["id"] for r in rows]
assert ids == [1, "two", None, 4, None, 6, None, 8, 9, 10, 11, 12, 13, {"ref": [1, 2]}, 15], ids
for i, r in enumerate(rows):
    assert ("error" in r) != ("matches" in r), (i, r)
good = {1, 2, 8, 10, 12, 14}
for i, r in enumerate(rows):
    assert ("matches" in r) == (i + 1 in good), (i, r)
assert rows[0]["matches"][0]["entity"] == "us-ofac-sdn:36", rows[0]
z = {m["entity"]: m for m in rows[1]["matches"]}
assert "un-sc:QDi.006" in z and "us-ofac-sdn:2676" in z, list(z)
assert any(a["attribute"] == "identifier" for a in z["un-sc:QDi.006"]["explanation"]["attributes"])
scores = [m["score"] for m in rows[1]["matches"]]
assert scores == sorted(scores, reverse=True) and min(scores) >= 0.8, scores
assert "malformed JSON" in rows[2]["error"], rows[2]
assert rows[3]["error"] == "\x27name\x27 is missing", rows[3]
assert rows[4]["error"], rows[4]
assert rows[5]["error"] == "\x27name\x27 must be a string", rows[5]
assert rows[6]["error"] == "a query must be a JSON object", rows[6]
assert rows[7]["matches"] == [], rows[7]
assert "no letters" in rows[8]["error"], rows[8]
assert "Atlantis" in rows[9]["warnings"][0] and rows[9]["matches"], rows[9]
assert "type" in rows[10]["error"], rows[10]
assert "1970-13" in rows[11]["warnings"][0], rows[11]  # left out, never a refused query
assert "identifiers" in rows[12]["error"], rows[12]
assert "us-ofac-sdn:12606" in [m["entity"] for m in rows[13]["matches"]], rows[13]
assert "empty" in rows[14]["error"], rows[14]
'

# The same queries many times over (several chunks of work per thread): two threads write exactly
# what one thread writes.
for _ in $(seq 40); do cat "$TMP/mix.jsonl"; done >"$TMP/many.jsonl"
run screen --jsonl --threads 1 <"$TMP/many.jsonl"
expect_rc 0 "screen --jsonl --threads 1"
cp "$TMP/out" "$TMP/many.1"
run screen --jsonl --threads 2 <"$TMP/many.jsonl"
expect_rc 0 "screen --jsonl --threads 2"
if cmp -s "$TMP/out" "$TMP/many.1"; then ok; else fail "--threads 2 differs from --threads 1"; fi
if [ "$(wc -l <"$TMP/out")" = 600 ]; then ok; else fail "600 lines in, $(wc -l <"$TMP/out") out"; fi
if [ "$(head -15 "$TMP/out")" = "$(cat "$TMP/mix.1")" ]; then ok; else fail "repeat differs"; fi

# An input without a final newline still gets its answer; empty input gives empty output.
printf '{"id": 1, "name": "AEROCARIBBEAN AIRLINES"}' >"$TMP/nonl.jsonl"
run screen --jsonl --threads 2 <"$TMP/nonl.jsonl"
expect_rc 0 "last line without newline"
expect_out '^\{"id":1,"matches":\[\{"entity":"us-ofac-sdn:36"' "answered"
run screen --jsonl </dev/null
expect_rc 0 "empty input"
if [ -z "$OUT" ]; then ok; else fail "empty input gives output"; fi

# One thread answers a line before the next one comes: a caller may feed it one query at a time
# (output is gathered only while more input is already waiting).
coproc SCREENER { "$BIN" screen --jsonl --threads 1 2>"$TMP/coproc.err"; }
for name in "AEROCARIBBEAN AIRLINES" "Jonathan Quentin Wimbledon"; do
  echo "{\"id\": \"$name\", \"name\": \"$name\"}" >&"${SCREENER[1]}"
  OUT=""
  read -r -t 60 OUT <&"${SCREENER[0]}" || true
  if [[ "$OUT" == "{\"id\":\"$name\",\"matches\":"* ]]; then ok; else fail "no answer to '$name' before the next line"; fi
done
exec {SCREENER[1]}>&-
wait "$SCREENER_PID" || true

# ----- screen usage errors ------------------------------------------------------------------------
run screen
expect_rc 2 "screen without --name or --jsonl"
expect_err "give one of --name, --jsonl" "names the choice"
run screen --name x --jsonl
expect_rc 2 "screen with both --name and --jsonl"
run screen --name x --threshold 1.5
expect_rc 2 "threshold out of range"
expect_err "threshold" "names the flag"
run screen --name "AEROCARIBBEAN AIRLINES" --dob 1970-13
expect_rc 0 "a date that is no date is left out, not a reason to refuse the query"
expect_err "warning: birth_date '1970-13' is not a date" "warns about the date"
expect_out "AEROCARIBBEAN AIRLINES" "and the name is still screened"
run screen --name x --type robot
expect_rc 2 "bad type"
expect_err "type" "names the flag"
run screen --name "---"
expect_rc 2 "a name without letters"
expect_err "no letters" "says why"
run screen --name x --limit many
expect_rc 2 "non-numeric limit"
run --db "$TMP/absent.db" screen --name x
expect_rc 1 "screen without a store"
expect_err "absent\.db" "names the store"
if [ ! -e "$TMP/absent.db" ]; then ok; else fail "screen created a store"; fi

# ----- limits (docs/matching.md): an over-long name is an error, at once, on every surface ------
LONG=$(head -c 4000 /dev/zero | tr '\0' a)
SECONDS=0
run screen --name "$LONG"
expect_rc 2 "screen an over-long name"
expect_err "name is 4000 characters; the limit is 500" "names the length and the limit"
printf '{"id": 1, "name": "%s"}\n{"id": 2, "name": "AEROCARIBBEAN AIRLINES"}\n' "$LONG" \
  >"$TMP/long.jsonl"
run screen --jsonl --threads 1 <"$TMP/long.jsonl"
expect_rc 0 "screen --jsonl with an over-long name"
pycheck "over-long jsonl line" '
rows = [json.loads(l) for l in lines]
assert len(rows) == 2, rows
assert rows[0] == {"id": 1, "error": "name is 4000 characters; the limit is 500"}, rows[0]
assert rows[1]["matches"][0]["entity"] == "us-ofac-sdn:36", rows[1]
'
# --deadline: a query not done in time is an error (exit 1, or its error line), never "no match".
run screen --name "AEROCARIBBEAN AIRLINES" --deadline 0.000001
expect_rc 1 "screen past its deadline"
expect_err "did not finish in time" "says the deadline passed"
expect_no_out "No match" "no 'no match' on a deadline"
printf '{"id": 1, "name": "AEROCARIBBEAN AIRLINES"}\n' >"$TMP/one.jsonl"
run screen --jsonl --threads 1 --deadline 0.000001 <"$TMP/one.jsonl"
expect_rc 0 "screen --jsonl past the deadline"
expect_out '^\{"error":"screening did not finish in time[^"]*","id":1\}$' "an error line"
run screen --name "AEROCARIBBEAN AIRLINES" --deadline 60
expect_rc 0 "screen within its deadline"
expect_out "^1\.00 +us-ofac-sdn:36" "the match, as without a deadline"
run screen --name x --deadline -1
expect_rc 2 "a negative deadline"
# A 4,000-letter name took over a minute before the limits.
if [ "$SECONDS" -lt 30 ]; then ok; else fail "over-long names took $SECONDS s"; fi

# ----- compare ------------------------------------------------------------------------------------
# No store at all: compare needs only data/.
export INTERDICT_DB="$TMP/no-store.db"
run compare "Mohammed Yousef" "MUHAMMAD, Yusuf"
expect_rc 0 "compare"
expect_out "^0\.9[0-9] match$" "score and verdict"
expect_out "'Mohammed' ~ 'MUHAMMAD' \(romanisation variant\)" "explains the pair"
run compare "Vladimir Putin" "Ayman Zawahiri"
expect_rc 0 "compare unrelated names"
expect_out "^0\.00 no match$" "no match"
run compare "Zawahri" "ZAWAHIRI" --json
expect_rc 0 "compare --json"
pycheck "compare --json" '
j = json.loads(out)
assert j["match"] is True and 0.8 <= j["score"] < 1, j
t = j["explanation"]["tokens"]
assert t == [{"query": "Zawahri", "list": "ZAWAHIRI", "evidence": "typo", "edits": 1,
              "similarity": 0.875}], t
'
run compare "AL QAIDA" "ALQAIDA" --type organization --json
expect_rc 0 "compare a join"
pycheck "compare join" '
t = json.loads(out)["explanation"]["tokens"]
assert len(t) == 1 and t[0]["joined"] is True and t[0]["query"] == "AL QAIDA", t
'
if [ ! -e "$TMP/no-store.db" ]; then ok; else fail "compare created a store"; fi

cat >"$TMP/pairs.jsonl" <<'EOF'
{"id": "a", "name1": "Mohammed", "name2": "Muhammad"}
{"id": "b", "name1": "Vladimir Putin", "name2": "Ayman Zawahiri", "type": "person"}
{"id": "c", "name1": "x"}
{"id": "d", "name1": 5, "name2": "x"}
nope

{"id": "g", "name1": "a", "name2": "b", "type": "robot"}
{"id": "h", "name1": "a", "name2": "b", "type": 3}
{"id": "i", "name1": "--", "name2": "b"}
{"id": "j", "name1": "Jon Smith", "name2": "John Smith", "extra": true}
EOF
run compare --jsonl <"$TMP/pairs.jsonl"
expect_rc 0 "compare --jsonl"
pycheck "compare --jsonl contract" '
rows = [json.loads(l) for l in lines]
assert len(rows) == 10, len(rows)
assert [r["id"] for r in rows] == ["a", "b", "c", "d", None, None, "g", "h", "i", "j"], rows
for r in rows:
    if "error" not in r:
        assert r["match"] == (r["score"] >= 0.8), r
        assert "explanation" in r, r
assert rows[0]["match"] is True and rows[0]["score"] == 0.95, rows[0]
assert rows[1]["match"] is False and rows[1]["score"] == 0.0, rows[1]
errors = [i for i, r in enumerate(rows) if "error" in r]
assert errors == [2, 3, 4, 5, 6, 7, 8], rows
assert "name2" in rows[2]["error"] and "name1" in rows[3]["error"], rows
assert "robot" in rows[6]["error"] and "type" in rows[7]["error"], rows
assert "no letters" in rows[8]["error"], rows[8]
'

run compare x
expect_rc 2 "compare with one name"
expect_err "two names" "says how many"
run compare a b c
expect_rc 2 "compare with three names"
run compare --jsonl a b
expect_rc 2 "compare --jsonl with names"
run compare --type robot a b
expect_rc 2 "compare with a bad type"
expect_err "robot" "names the type"
run compare "" b
expect_rc 2 "compare an empty name"
expect_err "empty" "says so"
run compare "John Smith" "$LONG"
expect_rc 2 "compare an over-long name"
expect_err "name2: name is 4000 characters; the limit is 500" "names which name"

finish
