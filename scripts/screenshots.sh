#!/usr/bin/env bash
# Regenerates docs/ui/*.png, the review web UI's main screens (queue, alert detail, decide dialog,
# screening, free text, lists, audit) with real data: the browser tests (tests/ui) run against the
# demo store (scripts/review_demo.sh) and save each screen as they reach it.
# usage: scripts/screenshots.sh      (BUILD=build; needs npm ci --prefix tests/ui and chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
mkdir -p docs/ui
UI_SCREENSHOTS=$PWD/docs/ui bash tests/ui/run.sh "$BUILD/interdict" "$PWD"
ls -l docs/ui/*.png
