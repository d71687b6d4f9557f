#!/usr/bin/env python3
"""Cross-script check built from the lists themselves (Python 3 stdlib only).

The UN consolidated list gives many individuals' names in their original script
(NAME_ORIGINAL_SCRIPT); the OFAC SDN list writes the same persons in Latin only. This pairs each UN
individual with the OFAC individual who is the same person, and writes the original-script names as
screening queries whose expected hit is that OFAC record.

  cross_script.py pairs UN_XML OFAC_DIR QUERIES.jsonl NEGATIVES.jsonl
      Writes the paired queries (one per original-script name) and the negatives: original-script
      names of UN individuals with no OFAC individual of the same date of birth or Latin name.
  cross_script.py score QUERIES.jsonl RESULTS.jsonl [--threshold T] [--misses]
      Found / total per script at threshold T (a query is found when its OFAC record is among the
      matches at or above T). For negatives (no "expect"), counts the queries that alert.

A pair must agree on a full date of birth (day, month and year; a year-only date never pairs) AND
on the Latin name: the OFAC surname's words must all be among the UN record's name words, and the two
names must share at least two words (particles and "al-" prefixes aside). Each UN individual and each
OFAC record take part in at most one pair; ambiguous candidates are dropped, not guessed.
"""
import csv
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "ben", "ould", "wuld", "ag", "ad",
             "ud", "ur", "ul", "as", "ash", "az", "an", "at", "ar", "ad", "ath", "adh", "de",
             "van", "von", "da", "di", "mr", "haji", "hajji", "mullah", "mawlawi", "maulavi"}


def words(name):
    """Latin name words, folded: lower case, accents and apostrophes gone, al- split off."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['`\u2019\u02bc\u02bf\u02be]", "", s)
    out = set()
    for w in re.split(r"[^a-z]+", s):
        if w and w not in PARTICLES:
            out.add(w)
    return out


def script_of(name):
    """The Unicode script of the name's letters (ARABIC, CJK, CYRILLIC, ...), by majority."""
    counts = {}
    for c in name:
        if c.isalpha():
            try:
                first = unicodedata.name(c).split()[0]
            except ValueError:
                continue
            if first == "CJK":
                first = "HAN"
            counts[first] = counts.get(first, 0) + 1
    return max(counts, key=counts.get) if counts else "UNKNOWN"


def un_individuals(path):
    root = ET.parse(path).getroot()
    for ind in root.iter("INDIVIDUAL"):
        get = lambda tag: (ind.findtext(tag) or "").strip()
        latin = " ".join(get(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))
        names = [latin] + [(a.findtext("ALIAS_NAME") or "").strip()
                           for a in ind.iter("INDIVIDUAL_ALIAS")]
        dobs = set()
        for d in ind.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            date = (d.findtext("DATE") or "").strip()
            if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
                dobs.add(date)
        original = (ind.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        yield {"ref": get("REFERENCE_NUMBER"), "dataid": get("DATAID"), "latin": latin,
               "names": [n for n in names if n], "dobs": dobs, "original": original}


def ofac_individuals(folder):
    people = {}
    with open(f"{folder}/sdn.csv", encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 12 or row[2].strip() != "individual":
                continue
            dobs = set()
            for day, mon, year in re.findall(r"DOB (\d\d) ([A-Z][a-z]{2}) (\d{4})", row[11]):
                if mon.lower() in MONTHS:
                    dobs.add(f"{year}-{MONTHS[mon.lower()]:02d}-{day}")
            surname = row[1].split(",")[0]
            people[row[0]] = {"id": row[0], "name": row[1], "surname": surname,
                              "names": [row[1]], "dobs": dobs}
    with open(f"{folder}/alt.csv", encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 4 and row[0] in people:
                people[row[0]]["names"].append(row[3])
    return people


def same_name(un, ofac):
    un_words = set().union(*(words(n) for n in un["names"]))
    surname = words(ofac["surname"])
    if not surname or not surname <= un_words:
        return False
    ofac_words = set().union(*(words(n) for n in ofac["names"]))
    return len(un_words & ofac_words) >= 2


def pairs(un_xml, ofac_dir, queries_path, negatives_path):
    un = list(un_individuals(un_xml))
    ofac = ofac_individuals(ofac_dir)
    by_dob = {}
    for p in ofac.values():
        for d in p["dobs"]:
            by_dob.setdefault(d, []).append(p)
    matched = {}
    for u in un:
        cands = {p["id"]: p for d in u["dobs"] for p in by_dob.get(d, []) if same_name(u, p)}
        if len(cands) == 1:
            matched[u["ref"]] = next(iter(cands.values()))
    counts = {}
    for p in matched.values():
        counts[p["id"]] = counts.get(p["id"], 0) + 1
    matched = {r: p for r, p in matched.items() if counts[p["id"]] == 1}
    n_q = n_neg = 0
    with open(queries_path, "w", encoding="utf-8") as q, \
            open(negatives_path, "w", encoding="utf-8") as neg:
        for u in un:
            if not u["original"]:
                continue
            script = script_of(u["original"])
            if u["ref"] in matched:
                p = matched[u["ref"]]
                q.write(json.dumps({"id": u["ref"], "name": u["original"], "type": "person",
                                    "expect": [f"us-ofac-sdn:{p['id']}"], "script": script,
                                    "un_latin": u["latin"], "ofac_name": p["name"]},
                                   ensure_ascii=False) + "\n")
                n_q += 1
                continue
            # A negative shares no date of birth with any OFAC individual and has no OFAC
            # individual of the same Latin name: a UN person OFAC also lists under an unpaired
            # spelling would be a true hit.
            if any(u["dobs"] & p["dobs"] or same_name(u, p) for p in ofac.values()):
                continue
            neg.write(json.dumps({"id": u["ref"], "name": u["original"], "type": "person",
                                  "script": script, "un_latin": u["latin"]},
                                 ensure_ascii=False) + "\n")
            n_neg += 1
    print(f"UN individuals: {len(un)}, with an original-script name: "
          f"{sum(1 for u in un if u['original'])}; OFAC individuals: {len(ofac)}; "
          f"pairs: {len(matched)}; queries: {n_q}; negatives: {n_neg}", file=sys.stderr)


def score(queries_path, results_path, threshold, show_misses):
    queries = [json.loads(l) for l in open(queries_path, encoding="utf-8")]
    results = {}
    for line in open(results_path, encoding="utf-8"):
        r = json.loads(line)
        results[r["id"]] = r
    per = {}
    for q in queries:
        r = results.get(q["id"], {})
        if "error" in r:
            print(f"ERROR {q['id']} {q['name']}: {r['error']}")
        hits = [m for m in r.get("matches", []) if m["score"] >= threshold - 1e-9]
        if "expect" in q:
            ok = any(m["entity"] in q["expect"] for m in hits)
        else:
            ok = not hits  # a negative is "right" when nothing alerts
        s = per.setdefault(q["script"], [0, 0])
        s[0] += ok
        s[1] += 1
        if show_misses and not ok:
            top = [(m["name"], round(m["score"], 3)) for m in r.get("matches", [])[:3]]
            print(f"  {'MISS' if 'expect' in q else 'ALERT'} {q['id']} {q['name']} | "
                  f"{q.get('ofac_name', q.get('un_latin'))} | top {top}")
    label = "found" if queries and "expect" in queries[0] else "no alert"
    total = [sum(v[0] for v in per.values()), sum(v[1] for v in per.values())]
    for script, (ok, n) in sorted(per.items(), key=lambda kv: -kv[1][1]) + [("ALL", total)]:
        print(f"{script:10s} {label} {ok:4d} / {n:4d}  {100.0 * ok / max(n, 1):5.1f}%  "
              f"(threshold {threshold})")


def main(argv):
    if len(argv) == 6 and argv[1] == "pairs":
        pairs(*argv[2:])
    elif len(argv) >= 4 and argv[1] == "score":
        threshold = float(argv[argv.index("--threshold") + 1]) if "--threshold" in argv else 0.80
        score(argv[2], argv[3], threshold, "--misses" in argv)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
