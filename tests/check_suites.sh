#!/usr/bin/env bash
# Fails when the gtest binary $1 holds a test suite that is not among the suite names $2...: the
# suites CMake registered with ctest by reading the test sources (CMakeLists.txt,
# interdict_add_gtest_suites). A suite missing there would never run.
set -euo pipefail
binary=$1
shift
declare -A known=()
for s in "$@"; do known[$s]=1; done
missing=0
while IFS= read -r line; do
  [[ $line =~ ^([A-Za-z0-9_/]+)\. ]] || continue  # suite lines; tests are indented
  suite=${BASH_REMATCH[1]}
  [[ $suite =~ ^(.*)/[0-9]+$ ]] && suite=${BASH_REMATCH[1]}  # "Suite/0.": a typed suite
  suite=${suite##*/}  # "Prefix/Suite.": a value-parameterised suite
  if [ -z "${known[$suite]:-}" ]; then
    echo "test suite $suite in $(basename "$binary") is not registered with ctest" >&2
    missing=1
  fi
done < <("$binary" --gtest_list_tests)
exit $missing
