#!/usr/bin/env python3
"""Detection and false-positive rate of one results file at several thresholds.

usage: bench/threshold_sweep.py SCORER DECK RESULTS [T ...]
Runs the deck's scorer (score.py --json) at each threshold and prints one line per threshold:
overall detection, the weakest positive class, and the false-positive rate on negatives.
"""
import json
import subprocess
import sys

scorer, deck, results = sys.argv[1:4]
thresholds = sys.argv[4:] or ["0.70", "0.75", "0.78", "0.80", "0.82", "0.85", "0.90"]
print(f"{'threshold':>9} {'detect':>7} {'weakest class':>22} {'fpr':>6}")
for t in thresholds:
    out = subprocess.run([sys.executable, scorer, deck, results, "--threshold", t, "--json"],
                         check=True, capture_output=True, text=True).stdout
    d = json.loads(out)
    classes = d["classes"]
    pos = {k: v["detect"] for k, v in classes.items() if "detect" in v}
    weakest = min(pos, key=pos.get)
    totals = d["overall"]
    det = totals.get("positives", {}).get("detect") if isinstance(totals.get("positives"), dict) else None
    fpr = totals.get("negatives", {}).get("fpr") if isinstance(totals.get("negatives"), dict) else None
    print(f"{t:>9} {det if det is None else round(det, 3):>7} {weakest + ' ' + format(pos[weakest], '.3f'):>22} "
          f"{fpr if fpr is None else round(fpr, 3):>6}")
