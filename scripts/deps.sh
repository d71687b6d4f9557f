#!/usr/bin/env bash
# Installs the Debian 12 packages Interdict builds and tests with, when any is missing.
# Run as root on a fresh machine; a no-op when everything is present.
set -euo pipefail
PACKAGES=(cmake ninja-build g++ pkg-config libicu-dev libxml2-dev libsimdjson-dev nlohmann-json3-dev
  libboost-dev libsqlite3-dev libfmt-dev libcli11-dev libssl-dev libgtest-dev libgmock-dev
  libbenchmark-dev sqlite3 python3 libcurl4-openssl-dev
  curl wrk clang libclang-rt-14-dev  # serve: end-to-end test, load test, fuzzer
  libpq-dev postgresql  # the store's PostgreSQL backend; its tests' throwaway server
  chromium)  # the review web UI's browser tests (tests/ui)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The OpenAPI linter runs on Node.js (npm ci, scripts/test.sh); any nodejs that brings npm will do.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
