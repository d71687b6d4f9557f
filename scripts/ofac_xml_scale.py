#!/usr/bin/env python3
"""Makes a large OFAC XML file from a real sample, to measure the parsers' memory at the size of
OFAC's real files (sdn_advanced.xml is about 120 MB): the sample's records are repeated COPIES
times, each copy's party ids offset by 10,000,000 x copy so every record stays distinct.

usage: scripts/ofac_xml_scale.py advanced|enhanced SAMPLE COPIES OUT
Measured with: /usr/bin/time -v build/interdict --db /tmp/x.db import --source us-ofac-cons OUT
(docs/ingestion.md, "Memory").
"""
import re
import sys

kind, sample, copies, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
text = open(sample, encoding="utf-8").read()

if kind == "advanced":
    # Party-level ids: a copy's profiles, identities and their references move together.
    ids = re.compile(r'((?:FixedRef|Profile ID|ProfileID|Identity ID|IdentityID|From-ProfileID|'
                     r'To-ProfileID)=")(\d+)"')
    sections = ["DistinctParties", "IDRegDocuments", "ProfileRelationships", "SanctionsEntries"]
elif kind == "enhanced":
    ids = re.compile(r'((?:<entity id|entityId)=")(\d+)"')
    sections = ["entities"]
else:
    sys.exit("kind must be advanced or enhanced")

for section in sections:
    start = text.index("<%s>" % section) + len("<%s>" % section)
    end = text.index("</%s>" % section)
    body = text[start:end]
    copied = [body]
    for k in range(1, copies):
        offset = 10_000_000 * k
        copied.append(ids.sub(lambda m: '%s%d"' % (m.group(1), int(m.group(2)) + offset), body))
    text = text[:start] + "".join(copied) + text[end:]

with open(out, "w", encoding="utf-8") as f:
    f.write(text)
