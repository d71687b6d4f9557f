#!/usr/bin/env python3
"""Free-text dev set for `interdict scan` (docs/scanning.md, "Free-text dev set").

  prose_dev_set.py make DATA_LISTS OUT.tsv   builds the set from the bundled list files
  prose_dev_set.py score SET.tsv HITS.jsonl  recall and precision of `interdict scan --jsonl`

The set (one text a line: id, kind, expected record ids joined by ',', text) holds
  - remark: OFAC remarks "Linked To: NAME." as the list writes them;
  - news: news-style sentences we write around the same names (title case, as prose has them);
  - narrative: UN narrative comments that cite another listed party by its reference ("listed as
    Al-Qaida in Iraq (QDe.115)");
  - clean: news sentences that name no listed party.
A text's expected records are every record (OFAC SDN, OFAC consolidated, UN) that has a name
folding to the named party's name (lower case, letters and digits only), so the same party on two
lists is expected on both; for a narrative, the cited records and their namesakes. A reported
record is correct when it is expected for its text; recall counts expected parties (texts' names)
found through any of their records.
"""
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict


def fold(s):
    return re.sub(r"[^a-z0-9]", "", s.lower().replace("'", "").replace("\u2019", ""))


def load_names(lists):
    """folded name -> set of record ids; record id -> names."""
    by_name = defaultdict(set)
    names = defaultdict(list)

    def add(rid, name):
        if name and name != "-0-":
            by_name[fold(name)].add(rid)
            names[rid].append(name)

    remarks = {}
    with open(f"{lists}/us-ofac-sdn/sdn.csv", encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) < 12:
                continue
            rid = "us-ofac-sdn:" + row[0].strip()
            add(rid, row[1])
            remarks[rid] = row[11]
            for aka in re.findall(r"a\.k\.a\. '([^']+)'", row[11]):
                add(rid, aka)
    with open(f"{lists}/us-ofac-cons/cons_prim.csv", encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) >= 2:
                add("us-ofac-cons:" + row[0].strip(), row[1])
    with open(f"{lists}/us-ofac-cons/cons_alt.csv", encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) >= 4:
                add("us-ofac-cons:" + row[0].strip(), row[3])
    root = ET.parse(f"{lists}/un-sc/un-sc-2026-02.xml").getroot()
    comments = {}
    for e in root.iter("ENTITY"):
        rid = "un-sc:" + (e.findtext("REFERENCE_NUMBER") or "").strip()
        add(rid, e.findtext("FIRST_NAME"))
        for a in e.iter("ALIAS_NAME"):
            add(rid, a.text)
    for e in list(root.iter("INDIVIDUAL")) + list(root.iter("ENTITY")):
        rid = "un-sc:" + (e.findtext("REFERENCE_NUMBER") or "").strip()
        comments[rid] = e.findtext("COMMENTS1") or ""
    return by_name, names, remarks, comments


NEWS = [
    "Officials said the shipment was arranged by {n}, which denied any wrongdoing.",
    "According to the report, {n} moved funds through several front companies last year.",
    "The ministry confirmed that {n} had signed the contract in March.",
    "Investigators traced the payments to {n}.",
]

CLEAN = [
    "The central bank raised interest rates by half a point on Tuesday.",
    "Shipping costs rose sharply after the storm closed the port for three days.",
    "The Islamic Development Bank approved a loan for a solar project in Morocco.",
    "Golden Star Restaurant opened a second branch near the station.",
    "The United Nations Security Council met to discuss the ceasefire.",
    "Analysts at the State Department said the talks would resume next week.",
    "The Revolutionary War museum reopened after renovation.",
    "A spokesman for the Ministry of Finance declined to comment.",
    "The Alpha release ships next week, and unity is strength.",
    "Maria Hernandez and Daniel Lopez met the governor in Madrid.",
    "The company posted record profits and raised its dividend.",
    "Trading resumed on the exchange after a technical fault.",
    "Police said the suspect was arrested near the border crossing.",
    "The Red Cross delivered food to the flooded villages.",
    "Oil prices fell as inventories rose for a third week.",
    "The court in Geneva heard arguments from both sides.",
    "Farmers protested against new import rules in Brussels.",
    "The national airline ordered twelve new aircraft.",
    "Students from the technical institute won the robotics contest.",
    "The World Bank said growth would slow in the region.",
]


SMALL = {"OF", "AND", "THE", "IN", "FOR", "DE", "AL"}


# Other listed parties the texts name, found by reading them (a narrative about one party names
# its leaders and allies; "Islamic State of Iraq" is a UN name of QDe.115). Reviewed by hand:
# each is named in its text as written on the list (persons with their full name).
ALSO = {
    "news-04": ["un-sc:QDe.115"],
    "narrative-01": ["us-ofac-sdn:12915"],
    "narrative-02": ["us-ofac-sdn:12915"],
    "narrative-05": ["un-sc:CDi.042", "us-ofac-sdn:44602"],
    "narrative-06": ["un-sc:CDi.044", "us-ofac-sdn:46856"],
    "narrative-07": ["us-ofac-sdn:11018"],
    "narrative-09": ["un-sc:CFi.008", "us-ofac-sdn:19128", "us-ofac-sdn:16723"],
    "narrative-11": ["un-sc:CFi.010", "us-ofac-sdn:19930", "us-ofac-sdn:11018"],
    "narrative-12": ["un-sc:CFi.011", "us-ofac-sdn:19929", "us-ofac-sdn:11018"],
    "narrative-13": ["un-sc:HTe.001"],
    "narrative-14": ["un-sc:HTe.002", "us-ofac-sdn:30582"],
    "narrative-18": ["un-sc:SOe.001", "us-ofac-sdn:10761"],
    "narrative-20": ["un-sc:QDe.005"],
    "narrative-23": ["us-ofac-sdn:7262"],
    "narrative-26": ["us-ofac-sdn:10612"],
    "narrative-29": ["us-ofac-sdn:7133", "us-ofac-sdn:7138"],
    "narrative-35": ["us-ofac-sdn:10007"],
    "narrative-36": ["us-ofac-sdn:7473", "us-ofac-sdn:7474"],
    "narrative-37": ["us-ofac-sdn:7474", "us-ofac-sdn:7475"],
    "narrative-38": ["us-ofac-sdn:7473", "us-ofac-sdn:7475"],
    "narrative-39": ["un-sc:QDe.118", "us-ofac-sdn:7140"],
}


def title(name):
    """A listed name as prose writes it: capitalised words, small connectives in lower case."""
    words = name.split(" ")
    out = []
    for i, w in enumerate(words):
        if i > 0 and w in SMALL:
            out.append(w.lower())
        elif w.isupper():
            out.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def make(lists, out):
    by_name, names, remarks, comments = load_names(lists)
    rows = []
    linked = defaultdict(int)
    for text in remarks.values():
        for n in re.findall(r"Linked To: ([^;]+?)\.(?:\s|;|$)", text):
            linked[n.strip()] += 1
    chosen = [n for n, _ in sorted(linked.items(), key=lambda x: (-x[1], x[0])) if fold(n) in by_name]
    for i, n in enumerate(chosen[:40]):
        ids = sorted(by_name[fold(n)])
        rows.append((f"remark-{i + 1:02d}", "remark", ids, f"Linked To: {n}."))
        if i < 40:
            rows.append((f"news-{i + 1:02d}", "news", ids, NEWS[i % len(NEWS)].format(n=title(n))))
    k = 0
    for rid, c in sorted(comments.items()):
        refs = re.findall(r"\((Q[DT][ei]\.\d+|[A-Z]{2}[ei]\.\d+)\)", c)
        if not refs or k >= 40:
            continue
        # The sentence that cites the first reference, and the references it cites.
        sentence = " ".join(c.split())
        start = sentence.rfind(". ", 0, sentence.find(refs[0])) + 1
        end = sentence.find(". ", sentence.find(refs[0]) + len(refs[0]))
        sentence = (sentence[start : end + 1] if end >= 0 else sentence[start:]).strip()
        ids = set()
        for r in re.findall(r"\(([A-Z][A-Za-z][ei]\.\d+)\)", sentence):
            ids.add("un-sc:" + r)
            for n in names.get("un-sc:" + r, []):
                ids |= by_name[fold(n)]
        k += 1
        rows.append((f"narrative-{k:02d}", "narrative", sorted(ids), sentence))
    for i, t in enumerate(CLEAN):
        rows.append((f"clean-{i + 1:02d}", "clean", [], t))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Free-text dev set: id, kind, expected record ids, text. Made by\n")
        f.write("# bench/prose_dev_set.py make data/lists " + out.split("/")[-1] + "\n")
        for rid, kind, ids, text in rows:
            ids = sorted(set(ids) | set(ALSO.get(rid, [])))
            f.write(f"{rid}\t{kind}\t{','.join(ids)}\t{text}\n")


def score(path, hits_path):
    expected = {}
    kinds = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        rid, kind, ids, _ = line.rstrip("\n").split("\t", 3)
        expected[rid] = set(filter(None, ids.split(",")))
        kinds[rid] = kind
    got = {}
    for line in open(hits_path, encoding="utf-8"):
        d = json.loads(line)
        if "error" in d:
            sys.exit(f"{d.get('id')}: {d['error']}")
        got[d["id"]] = {h["entity"] for h in d["hits"] if h.get("kind") == "party"}
    found = wanted = correct = reported = 0
    per = defaultdict(lambda: [0, 0, 0, 0])
    for rid, exp in expected.items():
        g = got.get(rid)
        if g is None:
            sys.exit(f"{rid}: no result (a scan that cannot screen never says 'no hit')")
        hit = 1 if exp and (g & exp) else 0
        p = per[kinds[rid]]
        if exp:
            wanted += 1
            found += hit
            p[0] += 1
            p[1] += hit
        ok = len(g & exp)
        correct += ok
        reported += len(g)
        p[2] += ok
        p[3] += len(g)
        for x in sorted(g - exp):
            print(f"  extra  {rid}: {x}")
        if exp and not hit:
            print(f"  missed {rid}: {sorted(exp)[:3]}")
    for kind, (w, f_, c, r) in sorted(per.items()):
        print(f"  {kind:10s} texts with a party {w:3d}, found {f_:3d}; reported records {r:3d}, correct {c:3d}")
    recall = found / wanted if wanted else 1.0
    precision = correct / reported if reported else 1.0
    print(f"texts: {len(expected)}; recall {found}/{wanted} = {recall:.3f}; "
          f"precision {correct}/{reported} = {precision:.3f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
