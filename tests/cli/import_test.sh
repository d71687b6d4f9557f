#!/usr/bin/env bash
# interdict import / lists / lists diff / show, end to end on real list files.
source "$(dirname "$0")/lib.sh"
SDN2021="$SRC/tests/fixtures/ofac-sdn-2021"

run import --source us-ofac-sdn "$SDN2021"
expect_rc 0 "import of the 2021 SDN set"
expect_out "us-ofac-sdn: version 1, 8976 records" "record count"
expect_out "person 4620" "persons counted"

run import --source us-ofac-sdn "$SDN2021"
expect_rc 0 "re-import of identical content"
expect_out "unchanged, still version 1" "identical content creates no version"

run import --source un-sc "$SRC/data/lists/un-sc"
expect_rc 0 "import of the UN list"
expect_out "un-sc: version 2, 1003 records" "UN record count"
expect_out "published 2026-02-27" "UN publication date"

run lists
expect_rc 0 "lists"
expect_out "^1 +us-ofac-sdn" "lists shows the SDN version"
expect_out "^2 +un-sc" "lists shows the UN version"

run show us-ofac-sdn:24586
expect_rc 0 "show"
expect_out "EVIN PRISON" "show prints the name"
expect_out "IRAN-HR" "show prints the program"

run show us-ofac-sdn:24586 --json
expect_rc 0 "show --json"
expect_out '"id": "us-ofac-sdn:24586"' "show --json has the id"

run show us-ofac-sdn:999999999
expect_rc 1 "show of an unknown id fails"
expect_err "us-ofac-sdn:999999999" "the error names the id"

# A malformed file fails the import, names file and line, and leaves the store as it was.
mkdir -p "$TMP/bad"
cp "$SDN2021"/*.csv "$TMP/bad/"
printf '99999999,"BROKEN ROW\r\n' >> "$TMP/bad/sdn.csv"
run import --source us-ofac-sdn "$TMP/bad"
expect_rc 1 "malformed import fails"
expect_err "sdn.csv:[0-9]+" "the error names file and line"
run lists
expect_no_out "^3 " "no version was added by the failed import"

# A changed list gives a new version, and diff names what changed.
mkdir -p "$TMP/next"
cp "$SDN2021"/*.csv "$TMP/next/"
grep -v '^36,' "$SDN2021/sdn.csv" > "$TMP/next/sdn.csv"  # remove AEROCARIBBEAN AIRLINES
sed -i 's/"ZIMONDI, Paradzai","individual","ZIMBABWE"/"ZIMONDI, Paradzai","individual","ZIMBABWE] [SDGT"/' "$TMP/next/sdn.csv"
run import --source us-ofac-sdn "$TMP/next"
expect_rc 0 "import of a changed list"
expect_out "version 3" "a new version"
run lists diff --source us-ofac-sdn
expect_rc 0 "lists diff"
expect_out "0 added, 1 removed, 1 changed" "diff summary"
expect_out "^- us-ofac-sdn:36$" "removed record"
expect_out "^~ us-ofac-sdn:7555 +\(programs\)" "changed record with its field"
run lists diff 1 2
expect_rc 1 "diff across sources fails"

# Two identical imports started together make one version (the second finds it unchanged).
export INTERDICT_DB="$TMP/race.db"
"$BIN" import --source us-ofac-sdn "$SDN2021" >"$TMP/race1" 2>&1 &
"$BIN" import --source us-ofac-sdn "$SDN2021" >"$TMP/race2" 2>&1 &
wait
OUT=$(cat "$TMP/race1" "$TMP/race2")
ERR=""
expect_out "version 1, 8976 records" "one import made version 1"
expect_out "unchanged, still version 1" "the other found it unchanged"
run lists
expect_no_out "^2 " "no second version"

# ----- Lists cut short (issue 16 item 3), each in a store of its own -----------------------------
export INTERDICT_DB="$TMP/shrink.db"
SDN2024="$SRC/data/lists/us-ofac-sdn/sdn.csv"
run import --source us-ofac-sdn "$SDN2024"
expect_rc 0 "import of the bundled 2024 sdn.csv"
expect_out "version 1, 14965 records" "all 14,965 records"
# Its first 3,000 lines, cut at a line boundary: every line is well-formed.
mkdir -p "$TMP/cut"
head -n 3000 "$SDN2024" >"$TMP/cut/sdn.csv"
run import --source us-ofac-sdn "$TMP/cut"
expect_rc 1 "a cut sdn.csv is refused"
expect_err "sdn.csv: no end-of-file byte 0x1A after the last line \(line 3000\): the file is cut short" \
  "the error says the file is cut"
# The same cut with the end byte put back looks complete: the shrink guard refuses it.
printf '\x1a' >>"$TMP/cut/sdn.csv"
run import --source us-ofac-sdn "$TMP/cut"
expect_rc 1 "a shrunk list is refused"
expect_err "it has 3000 records where version 1 has 14965: 11965 fewer \(80.0%\), more than the 10.0% --max-shrink allows" \
  "the error gives both counts, the share lost and the limit"
expect_err "import it with --allow-shrink" "the error says how to override"
run import --source us-ofac-sdn --max-shrink 85 "$TMP/cut"
expect_rc 0 "--max-shrink raises the limit"
expect_out "version 2, 3000 records" "the smaller version"
run lists --source us-ofac-sdn
expect_out "^1 +us-ofac-sdn .* 14965 " "the refused imports left version 1 as it was"
# A cut file without the byte imports only with --allow-shrink.
head -n 2000 "$SDN2024" >"$TMP/cut/sdn.csv"
run import --source us-ofac-sdn --allow-shrink "$TMP/cut"
expect_rc 0 "--allow-shrink takes a cut file"
expect_out "version 3, 2000 records" "the cut version"

# A companion file that the previous version had is missing.
export INTERDICT_DB="$TMP/companion.db"
run import --source us-ofac-sdn "$SDN2021"
expect_rc 0 "import of the 2021 set"
run import --source us-ofac-sdn "$SDN2021/sdn.csv" "$SDN2021/add.csv"
expect_rc 1 "a set without alt.csv and sdn_comments.csv is refused"
expect_err "read from 2 file\(s\) where version 1 was read from 4 \(missing: alt.csv, sdn_comments.csv\)" \
  "the error names the missing files"
run lists
expect_no_out "^2 " "no version was added"

# UN: a short but well-formed file (its first 100 individuals, no entities).
export INTERDICT_DB="$TMP/un.db"
UN="$SRC/data/lists/un-sc/un-sc-2026-02.xml"
run import --source un-sc "$UN"
expect_rc 0 "import of the UN list"
awk '/<\/INDIVIDUAL>/ { n++ } { print } n == 100 { exit }' "$UN" >"$TMP/un-short.xml"
printf '  </INDIVIDUALS>\n  <ENTITIES/>\n</CONSOLIDATED_LIST>\n' >>"$TMP/un-short.xml"
run import --source un-sc "$TMP/un-short.xml"
expect_rc 1 "a short UN file is refused"
expect_err "it has 100 records where version 1 has 1003" "the UN counts"
run import --source un-sc --allow-shrink "$TMP/un-short.xml"
expect_rc 0 "a short UN file with --allow-shrink"
expect_out "version 2, 100 records" "100 UN records"
# Cut mid-file, the XML is not well-formed: refused whatever the flags.
head -c 1000000 "$UN" >"$TMP/un-cut.xml"
run import --source un-sc --allow-shrink "$TMP/un-cut.xml"
expect_rc 1 "a UN file cut mid-file fails"
expect_err "un-cut.xml" "the error names the file"

# FtM: the first 9 lines of a file (7 of its 17 parties). FtM has no end mark: only the guard.
export INTERDICT_DB="$TMP/ftm.db"
ZALA="$SRC/tests/fixtures/ftm/zala.entities.ftm.json"
run import --source ftm "$ZALA"
expect_rc 0 "import of the FtM fixture"
expect_out "version 1, 17 records" "17 parties"
head -n 9 "$ZALA" >"$TMP/zala.entities.ftm.json"
run import --source ftm "$TMP/zala.entities.ftm.json"
expect_rc 1 "a cut FtM file is refused"
expect_err "it has 7 records where version 1 has 17" "the FtM counts"
run import --source ftm --allow-shrink "$TMP/zala.entities.ftm.json"
expect_rc 0 "a cut FtM file with --allow-shrink"
export INTERDICT_DB="$TMP/test.db"

# OFAC XML: the format is found from the content; --format forces it; a cut file is refused
# with where, and the store keeps what it had.
export INTERDICT_DB="$TMP/ofac-xml.db"
FIX="$SRC/tests/fixtures"
run import --source us-ofac-cons "$FIX/ofac-cons-classic-xml-2024-05/consolidated.xml"
expect_rc 0 "import of the classic XML"
expect_out "us-ofac-cons: version 1, 443 records" "classic XML record count"
expect_out "published 2024-05-06; format ofac-classic-xml" "classic XML detected"
run import --source us-ofac-cons "$FIX/ofac-cons-enhanced-xml-2025-01"
expect_rc 0 "import of the enhanced XML (a folder holding it)"
expect_out "version 2, 443 records.*format ofac-enhanced-xml" "enhanced XML detected"
run show us-ofac-cons:17013
expect_out "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО" "original-script name kept"
run import --source us-ofac-cons --format ofac-advanced-xml "$FIX/ofac-cons-advanced-xml-2020-03"
expect_rc 1 "the 2020 advanced file is 15% smaller: the shrink guard holds it"
run import --source us-ofac-cons --allow-shrink "$FIX/ofac-cons-advanced-xml-2020-03"
expect_rc 0 "import of the advanced XML"
expect_out "version 3, 375 records.*format ofac-advanced-xml" "advanced XML detected"
head -c 2000000 "$FIX/ofac-cons-enhanced-xml-2025-01/CONS_ENHANCED.XML" >"$TMP/CONS_ENHANCED.XML"
run import --source us-ofac-cons --allow-shrink "$TMP/CONS_ENHANCED.XML"
expect_rc 1 "a cut enhanced XML fails"
expect_err "CONS_ENHANCED.XML:[0-9]+: truncated file: it ends inside <sanctionsData><entities>" \
  "the error names file, line and the open elements"
run lists
expect_no_out "^4 " "no version was added by the failed import"
run import --source us-ofac-cons --format ofac-classic-xml "$FIX/ofac-cons-enhanced-xml-2025-01"
expect_rc 1 "a forced format that is not the file's fails"
expect_err "root element is <sanctionsData>, expected <sdnList>" "says which root it found"
run import --source un-sc "$FIX/ofac-cons-classic-xml-2024-05/consolidated.xml"
expect_rc 1 "an OFAC file imported as the UN list fails"
expect_err "content is ofac-classic-xml \(root <sdnList>\), not a format of --source un-sc" \
  "says what the content is"
run import --source un-sc --format ofac-classic-xml "$UN"
expect_rc 2 "a format the source is not published in is a usage error"
expect_err "--format 'ofac-classic-xml' is not a format of --source un-sc" "names the flag"
export INTERDICT_DB="$TMP/test.db"

# Usage errors.
run import --source nonsense "$SDN2021"
expect_rc 2 "unknown source"
expect_err "unknown --source" "names the flag"
run import --source un-sc "$TMP/does-not-exist"
expect_rc 1 "missing path"
expect_err "does-not-exist" "names the path"
run frobnicate
expect_rc 2 "unknown command"

finish
