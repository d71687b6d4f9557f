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
