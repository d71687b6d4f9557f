#!/usr/bin/env python3
"""A typo check on names the deck does not use: one- and two-typo variants of OFAC person names.

usage: bench/typo_check.py SDN_CSV DECK OUT_JSONL [--count N] [--seed S]

Takes person records (sdn.csv type "individual") whose ids the deck does not use, and writes
N queries of class typo1 (one typo, names of 8+ letters) and N of class typo2 (two typos, names of
12+ letters), as the deck's README describes those classes: insert, delete, substitute, keyboard
neighbour or transpose, at a random letter. Score the results with the deck's score.py.
"""
import argparse
import csv
import json
import random

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbour(c, rng):
    for row in KEYBOARD:
        i = row.find(c.lower())
        if i >= 0:
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            n = rng.choice(options)
            return n.upper() if c.isupper() else n
    return c


def typo(name, rng):
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters)
    kind = rng.choice(["insert", "delete", "substitute", "neighbour", "transpose"])
    c = name[i]
    if kind == "insert":
        return name[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz").upper() + name[i:]
    if kind == "delete":
        return name[:i] + name[i + 1:]
    if kind == "substitute":
        return name[:i] + rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + name[i + 1:]
    if kind == "neighbour":
        return name[:i] + neighbour(c, rng) + name[i + 1:]
    if i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + c + name[i + 2:]
    return name[:i] + name[i + 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sdn")
    ap.add_argument("deck")
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20)
    args = ap.parse_args()
    used = set()
    for line in open(args.deck, encoding="utf-8"):
        used.update(json.loads(line)["expect"])
    persons = []
    with open(args.sdn, encoding="latin-1") as f:
        for row in csv.reader(f):
            if len(row) > 2 and row[2].strip() == "individual":
                if "us-ofac-sdn:" + row[0] not in used:
                    persons.append((row[0], row[1]))
    rng = random.Random(args.seed)
    rng.shuffle(persons)
    out = open(args.out, "w", encoding="utf-8")
    n = 0
    for cls, edits, min_letters in (("typo1", 1, 8), ("typo2", 2, 12)):
        made = 0
        for ent, name in persons:
            if made == args.count:
                break
            if sum(c.isalpha() for c in name) < min_letters:
                continue
            q = name
            for _ in range(edits):
                q = typo(q, rng)
            if q == name:
                continue
            n += 1
            made += 1
            out.write(json.dumps({"id": f"t{n:06d}", "name": q, "type": "person",
                                  "expect": [f"us-ofac-sdn:{ent}"], "class": cls}) + "\n")
        persons = persons[made * 2:] + persons[:made * 2]  # typo2 draws other records first


if __name__ == "__main__":
    main()
