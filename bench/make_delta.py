#!/usr/bin/env python3
"""Makes the next version of an OFAC legacy CSV set: some records removed, added and changed.

  bench/make_delta.py --in data/lists/us-ofac-sdn --out /tmp/next --removed 20 --added 15 \
      --changed 15 [--seed 13] [--prefer planted.jsonl] [--manifest delta.jsonl]

Reads DIR/sdn.csv (and alt.csv, add.csv, sdn_comments.csv where present) and writes the same
files to --out, byte for byte except for the delta, in OFAC's own layout (CRLF, quoted text,
`-0- ` for empty fields, the closing 0x1A byte where the input has one), so that
`interdict import` reads it like a real publication:
  removed  records dropped from every file;
  added    new persons and organisations, ent_num above the highest, names drawn from
           bench/data/customer_names.tsv, with a DOB and nationality for persons;
  changed  half get an alias (an alt.csv row, or `a.k.a. 'NAME'` in Remarks without alt.csv),
           the other half (persons only; organisations get an alias) another DOB, or a first one.
--prefer takes a bench/make_customers.py manifest: up to half of the removed and of the changed
records are planted customers' list records (of this source), so that the delta touches alerts.
--manifest writes one JSON line per touched record: {"entity", "change", "name"}.
The same arguments give the same bytes.
"""
import argparse
import csv
import json
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in bench/ from importing make_customers
sys.path.insert(0, HERE)
import make_customers  # noqa: E402  (the name table reader)

EMPTY = "-0- "
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
PROGRAMS = ["RUSSIA-EO14024", "SDGT", "IRAN-EO13846", "ILLICIT-DRUGS-EO14059", "GLOMAG"]


def read_rows(path):
    """(rows, trailer): rows are [fields, line] with the line's bytes kept, so that untouched
    rows are written back unchanged; trailer is the closing 0x1A byte if the file has it."""
    with open(path, "rb") as f:
        data = f.read()
    trailer = b""
    if data.endswith(b"\x1a"):
        data, trailer = data[:-1], b"\x1a"
    rows = []
    for line in data.split(b"\r\n"):
        if line:
            rows.append([next(csv.reader([line.decode("latin-1")])), line])
    return rows, trailer


def format_row(fields, numeric):
    """OFAC's layout: the first `numeric` fields (ent_num, alt_num) and `-0- ` unquoted."""
    return ",".join(v if v == EMPTY or i < numeric else '"%s"' % v
                    for i, v in enumerate(fields)).encode("latin-1")


def write_rows(path, rows, trailer):
    with open(path, "wb") as f:
        for _, line in rows:
            f.write(line + b"\r\n")
        f.write(trailer)


def ofac_date(rng):
    return "%02d %s %d" % (rng.randint(1, 28), rng.choice(MONTHS), rng.randint(1940, 2000))


def new_record(ent, names, rng, person=None):
    """(sdn.csv fields, name) of a new listed party; a person 60% of the time unless `person`."""
    cultures, given, surname, orgwords = names
    code, countries = cultures.draw(rng)
    if person if person is not None else rng.random() < 0.6:
        name = "%s, %s" % (surname[code].draw(rng).upper(), given[code].draw(rng))
        remarks = "DOB %s; nationality %s." % (ofac_date(rng), rng.choice(countries))
        kind = "individual"
    else:
        # A surname and two different words: generic names ("CONSULTING OOO") would match
        # every company of the book built from the same word table.
        words = [surname[code].draw(rng), orgwords.draw(rng)]
        while len(words) < 3:
            word = orgwords.draw(rng)
            if word not in words:
                words.append(word)
        name = (" ".join(words) + " " + rng.choice(["LLC", "LIMITED", "OOO", "FZE"])).upper()
        remarks = EMPTY
        kind = EMPTY
    # OFAC's files are ASCII: accents dropped, as OFAC writes them.
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    row = [str(ent), name, kind, rng.choice(PROGRAMS)] + [EMPTY] * 7 + [remarks]
    return row, name


def prepend_fact(row, fact):
    """Adds a fact at the front of Remarks (at the end it could join a `Linked To:` fact)."""
    row[11] = fact + "." if row[11] == EMPTY else fact + "; " + row[11]


def change_dob(row, rng):
    dob = ofac_date(rng)
    if re.search(r"DOB [^;]*", row[11]):
        row[11] = re.sub(r"DOB [^;.]*", "DOB " + dob, row[11], count=1)
    else:
        prepend_fact(row, "DOB " + dob)
    return "dob " + dob


def pick(pool, preferred, count, rng):
    """`count` ids from pool, up to half of them from preferred."""
    preferred = sorted(set(preferred) & set(pool), key=int)
    first = rng.sample(preferred, min(len(preferred), count // 2))
    rest = sorted(set(pool) - set(first), key=int)
    return first + rng.sample(rest, count - len(first))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--in", dest="src", required=True, help="OFAC legacy CSV folder")
    p.add_argument("--out", required=True, help="folder to write the next version to")
    p.add_argument("--removed", type=int, default=20)
    p.add_argument("--added", type=int, default=15)
    p.add_argument("--changed", type=int, default=15)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--source", default="us-ofac-sdn", help="source name in manifests")
    p.add_argument("--prefer", help="make_customers.py manifest: touch its records first")
    p.add_argument("--manifest", help="JSON lines, one per touched record")
    p.add_argument("--names", default=os.path.join(HERE, "data", "customer_names.tsv"))
    args = p.parse_args()

    rng = random.Random(args.seed)
    sdn, sdn_trailer = read_rows(os.path.join(args.src, "sdn.csv"))
    by_ent = {fields[0]: entry for entry in sdn for fields in [entry[0]]}
    ids = sorted((f[0] for f, _ in sdn if f[2] in ("individual", EMPTY)), key=int)
    preferred = []
    if args.prefer:
        prefix = args.source + ":"
        with open(args.prefer, encoding="utf-8") as f:
            entities = [json.loads(line)["entity"] for line in f]
        preferred = [e[len(prefix):] for e in entities if e.startswith(prefix)]
    if args.removed + args.changed > len(ids):
        p.error("the list has only %d persons and organisations" % len(ids))
    removed = pick(ids, preferred, args.removed, rng)
    changed = pick(sorted(set(ids) - set(removed), key=int), preferred, args.changed, rng)

    others = {}
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        if os.path.exists(os.path.join(args.src, name)):
            others[name] = read_rows(os.path.join(args.src, name))
    names = make_customers.read_name_table(args.names)
    touched = [{"entity": args.source + ":" + ent, "change": "removed", "name": by_ent[ent][0][1]}
               for ent in removed]
    for n, ent in enumerate(changed):
        entry = by_ent[ent]
        row = entry[0]
        if n % 2 == 0 or row[2] != "individual":
            alias = new_record(0, names, rng, person=row[2] == "individual")[1]
            what = "alias " + alias
            if "alt.csv" in others:
                alt_rows = others["alt.csv"][0]
                alt_num = max(int(f[1]) for f, _ in alt_rows if f[1].isdigit()) + 1
                fields = [ent, str(alt_num), "aka", alias, EMPTY]
                alt_rows.append([fields, format_row(fields, 2)])
            else:
                prepend_fact(row, "a.k.a. '%s'" % alias)
        else:
            what = change_dob(row, rng)
        entry[1] = format_row(row, 1)
        touched.append({"entity": args.source + ":" + ent, "change": "changed", "name": row[1],
                        "what": what})
    gone = set(removed)
    sdn = [entry for entry in sdn if entry[0][0] not in gone]
    next_ent = max(int(f[0]) for f, _ in sdn) + 1
    for i in range(args.added):
        fields, name = new_record(next_ent + i, names, rng)
        sdn.append([fields, format_row(fields, 1)])
        touched.append({"entity": "%s:%d" % (args.source, next_ent + i), "change": "added",
                        "name": name})

    os.makedirs(args.out, exist_ok=True)
    write_rows(os.path.join(args.out, "sdn.csv"), sdn, sdn_trailer)
    for name, (rows, trailer) in others.items():
        write_rows(os.path.join(args.out, name), [r for r in rows if r[0][0] not in gone],
                   trailer)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as f:
            for t in touched:
                f.write(json.dumps(t) + "\n")
    print("%s: %d removed, %d added, %d changed" % (args.out, len(removed), args.added,
                                                     len(changed)), file=sys.stderr)


if __name__ == "__main__":
    main()
