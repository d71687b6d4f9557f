#!/usr/bin/env python3
"""Writes a synthetic customer book for `interdict customers import`, with listed parties planted.

  bench/make_customers.py --count 1000000 --seed 13 --plant 300 \
      --lists data/history/us-ofac-sdn-2021 data/lists/us-ofac-sdn \
      --out book.csv --manifest planted.jsonl

The same arguments give the same bytes. Innocent customers: 90% persons, 10% organisations;
names from bench/data/customer_names.tsv (bench/name_stats.py: real name frequencies plus
per-culture lists), a person's given name, surname and country from one culture; a birth date on
70% of persons; organisations get a legal form from data/legal_forms.tsv. Innocent names are
random, so some resemble listed names, as in a real book.

Planted customers are listed persons and organisations of the OFAC legacy CSV sets in --lists
(oldest first; each DIR holds sdn.csv and optionally alt.csv). Each is `both` (in the first and
the last set), `delisted` (first only) or `new` (last only); with one set, `listed`. Each is
written in one variant: `exact` (as listed), `reorder` ("Given Surname"), `typo` (reorder plus one
edit), `translit` (another romanisation, data/name_variants.tsv) or `dob` (reorder with another
birth year). The manifest has one JSON line per planted customer:
  {"customer", "entity" (as `interdict screen --json` prints it), "listed_name", "name",
   "variant", "status", "dob", "listed_dob"}
"""
import argparse
import bisect
import csv
import itertools
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
HEADER = ["id", "name", "type", "dob", "country", "aliases", "identifiers", "segment",
          "account_opened"]


class Weighted:
    """Draws items with the given weights; bisect on cumulative weights (fast for 1M draws)."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cum = list(itertools.accumulate(weight for _, weight in pairs))

    def draw(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def read_name_table(path):
    cultures, given, surname, orgwords = [], {}, {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, code, value, extra = line.rstrip("\n").split("\t")
            if kind == "culture":
                cultures.append(((code, extra.split(",")), int(value)))
            elif kind in ("given", "surname"):
                (given if kind == "given" else surname).setdefault(code, []).append(
                    (value, int(extra)))
            elif kind == "orgword":
                orgwords.append((value, int(extra)))
    return (Weighted(cultures), {c: Weighted(p) for c, p in given.items()},
            {c: Weighted(p) for c, p in surname.items()}, Weighted(orgwords))


def display_form(variant):
    return variant.upper() if len(variant) <= 4 and " " not in variant else variant.title()


def read_legal_forms(path):
    """Display forms of each legal form: the canonical code and its first two plain variants."""
    forms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            code, variants = line.rstrip("\n").split("\t")
            plain = [v.lstrip("^$") for v in variants.split("|")][:2]
            forms.extend(display_form(v) for v in [code] + plain)
    return sorted(set(forms))


def read_variant_groups(path):
    """Latin spellings of one name part, by each spelling (lower case)."""
    groups = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            canonical, variants = line.rstrip("\n").split("\t")
            group = [s for s in [canonical] + variants.split("|") if s.isascii() and s.isalpha()]
            for s in group:
                groups[s] = [o for o in group if o != s]
    return groups


def parse_dob(remarks):
    m = re.search(r"DOB (?:circa )?(?:(\d{2}) ([A-Z][a-z]{2}) )?(\d{4})", remarks)
    if not m:
        return ""
    if m.group(1) and m.group(2) in MONTHS and "circa" not in m.group(0):
        return "%s-%02d-%s" % (m.group(3), MONTHS[m.group(2)], m.group(1))
    return m.group(3)


def parse_country(remarks):
    m = re.search(r"(?:nationality|citizen) ([A-Za-z ,]+?)(?:;|\.|$)", remarks)
    return m.group(1).strip() if m else ""


def read_sdn(directory):
    """Listed persons and organisations of an OFAC sdn.csv: {ent_num: (name, type, dob, country)}."""
    records = {}
    with open(os.path.join(directory, "sdn.csv"), encoding="latin-1", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 12:
                continue
            kind = row[2].strip()
            if kind not in ("individual", "-0-"):
                continue
            remarks = row[11].strip()
            records[row[0].strip()] = (
                row[1].strip(), "person" if kind == "individual" else "organization",
                parse_dob(remarks), parse_country(remarks))
    return records


def title_name(listed, kind):
    """A customer file's usual form: 'ACOSTA URUETA, Yaneth' -> 'Yaneth Acosta Urueta',
    'CHELNYVODOKANAL OOO' -> 'Chelnyvodokanal OOO' (short words of a company name stay)."""
    if kind == "person" and ", " in listed:
        surname, given = listed.split(", ", 1)
        listed = given + " " + surname
    keep = 3 if kind == "organization" else 0
    return " ".join(w.capitalize() if w.isupper() and len(w) > keep and "." not in w else w
                    for w in listed.split())


def typo(name, rng):
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return None
    i = rng.choice(long_words)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    if rng.random() < 0.5:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swap two letters
    else:
        w = w[:j] + w[j + 1:]  # drop a letter
    words[i] = w
    return " ".join(words)


def translit(name, groups, rng):
    words = name.split()
    options = [i for i, w in enumerate(words) if groups.get(w.lower())]
    if not options:
        return None
    i = rng.choice(options)
    words[i] = rng.choice(groups[words[i].lower()]).capitalize()
    return " ".join(words)


def plant_variant(record, groups, rng):
    """(variant, name, dob) for a planted customer."""
    listed, kind, dob, _ = record
    reordered = title_name(listed, kind)
    choices = ["exact", "reorder", "typo", "translit"] + (["dob"] if dob else [])
    rng.shuffle(choices)
    for variant in choices:
        if variant == "exact":
            return variant, listed, dob
        if variant == "reorder" and kind == "person" and ", " in listed:
            return variant, reordered, dob
        if variant == "typo":
            name = typo(reordered, rng)
            if name:
                return variant, name, dob
        if variant == "translit":
            name = translit(reordered, groups, rng)
            if name:
                return variant, name, dob
        if variant == "dob":
            shifted = str(int(dob[:4]) + rng.choice([-9, -7, 6, 11])) + dob[4:].replace(
                "-02-29", "-02-28")  # the shifted year may not be a leap year
            return variant, reordered, shifted
    return "exact", listed, dob


def choose_planted(lists, count, rng):
    """[(ent_num, record, status)]: `count` parties spread over the statuses that occur."""
    first, last = lists[0], lists[-1]
    if len(lists) == 1:
        pools = {"listed": sorted(first, key=int)}
    else:
        pools = {
            "both": sorted((k for k in first if k in last), key=int),
            "delisted": sorted((k for k in first if k not in last), key=int),
            "new": sorted((k for k in last if k not in first), key=int),
        }
    pools = {s: p for s, p in pools.items() if p}
    chosen = []
    for n, status in enumerate(sorted(pools)):
        share = count // len(pools) + (1 if n < count % len(pools) else 0)
        source = last if status in ("both", "new", "listed") else first
        for ent in rng.sample(pools[status], min(share, len(pools[status]))):
            chosen.append((ent, source[ent], status))
    return chosen


def random_date(rng, first_year, last_year):
    return "%04d-%02d-%02d" % (rng.randint(first_year, last_year), rng.randint(1, 12),
                               rng.randint(1, 28))


class Book:
    def __init__(self, args, rng):
        self.rng = rng
        self.cultures, self.given, self.surname, self.orgwords = read_name_table(args.names)
        self.legal_forms = read_legal_forms(args.legal_forms)

    def person(self):
        rng = self.rng
        (code, countries) = self.cultures.draw(rng)
        given, surname = self.given[code].draw(rng), self.surname[code].draw(rng)
        if code == "es" and rng.random() < 0.5:
            surname += " " + self.surname[code].draw(rng)
        elif rng.random() < 0.15:
            second = self.given[code].draw(rng)
            if second != given:
                given += " " + second
        name = given + " " + surname
        alias = ""
        if rng.random() < 0.04:  # a former surname
            alias = given.split()[0] + " " + self.surname[code].draw(rng)
        country = countries[0] if rng.random() < 0.6 else rng.choice(countries)
        dob = random_date(rng, 1935, 2007) if rng.random() < 0.7 else ""
        return name, "person", dob, country, alias, rng.choice(["retail"] * 8 + ["private"])

    def organisation(self):
        rng = self.rng
        (code, countries) = self.cultures.draw(rng)
        words = [self.orgwords.draw(rng) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            words.insert(0, self.surname[code].draw(rng))
        name = " ".join(words) + " " + rng.choice(self.legal_forms)
        return name, "organization", "", rng.choice(countries), "", rng.choice(
            ["sme", "sme", "corporate"])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", type=int, required=True, help="rows, planted ones included")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--plant", type=int, default=0, help="listed parties to plant")
    p.add_argument("--lists", nargs="*", default=[], help="OFAC legacy CSV folders, oldest first")
    p.add_argument("--source", default="us-ofac-sdn", help="source name of --lists in the store")
    p.add_argument("--out", required=True)
    p.add_argument("--manifest", help="JSON lines, one per planted customer")
    p.add_argument("--names", default=os.path.join(HERE, "data", "customer_names.tsv"))
    p.add_argument("--legal-forms", default=os.path.join(ROOT, "data", "legal_forms.tsv"))
    p.add_argument("--variants", default=os.path.join(ROOT, "data", "name_variants.tsv"))
    args = p.parse_args()
    if args.plant and not args.lists:
        p.error("--plant needs --lists")
    if args.plant > args.count:
        p.error("--plant is larger than --count")

    rng = random.Random(args.seed)
    book = Book(args, rng)
    lists = [read_sdn(d) for d in args.lists]
    planted = choose_planted(lists, args.plant, rng) if args.plant else []
    groups = read_variant_groups(args.variants)
    slots = dict(zip(sorted(rng.sample(range(args.count), len(planted))), planted))

    width = len(str(args.count))
    manifest = open(args.manifest, "w", encoding="utf-8") if args.manifest else None
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(args.count):
            cid = "C%0*d" % (width, i + 1)
            opened = random_date(rng, 1995, 2025)
            if i in slots:
                ent, record, status = slots[i]
                variant, name, dob = plant_variant(record, groups, rng)
                segment = "retail" if record[1] == "person" else "corporate"
                w.writerow([cid, name, record[1], dob, record[3], "", "", segment, opened])
                if manifest:
                    manifest.write(json.dumps({
                        "customer": cid, "entity": "%s:%s" % (args.source, ent),
                        "listed_name": record[0], "name": name, "variant": variant,
                        "status": status, "dob": dob, "listed_dob": record[2]}) + "\n")
                continue
            row = book.person() if rng.random() < 0.9 else book.organisation()
            name, kind, dob, country, alias, segment = row
            identifiers = "%s%09d" % (country, rng.randrange(10**9)) if rng.random() < 0.1 else ""
            w.writerow([cid, name, kind, dob, country, alias, identifiers, segment, opened])
    if manifest:
        manifest.close()
    print("%s: %d customers, %d planted" % (args.out, args.count, len(planted)), file=sys.stderr)


if __name__ == "__main__":
    main()
