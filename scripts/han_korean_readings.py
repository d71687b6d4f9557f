#!/usr/bin/env python3
"""Writes data/han_korean_readings.tsv: the Sino-Korean reading of each Han character that has one
in Unihan (kHangul), for the characters flagged as used in names or education (N, E), and the same
reading for the character's simplified form (kSimplifiedVariant) where that form has none of its
own. The reading kept is the one flagged for names (N) if any, else the first listed, which is
the reading without the South Korean initial-sound rule (李: 리, not 이), as the DPRK writes it.

usage: scripts/han_korean_readings.py [UNIHAN_DIR] > data/han_korean_readings.tsv
  UNIHAN_DIR  default /usr/share/unicode (Debian package unicode-data)
"""
import bz2
import os
import sys

# Korean surnames written in Hanja (the most frequent, about 97% of the population), traditional
# forms; their simplified forms are added below.
SURNAMES = ("金李朴崔鄭姜趙尹張林韓吳徐申權黃安宋柳全洪高文梁孫裵白曺許劉南沈盧河丁成車具郭禹"
            "朱任羅辛閔兪陳池嚴元蔡千方孔玄咸卞楊廉邊呂秋魯都蘇愼石宣薛馬吉周延房魏表明奇潘王琴"
            "玉陸印孟諸卓秦太桂鞠魚殷片余龍庾程")


def lines(path):
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                yield line.rstrip("\n").split("\t")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    def find(name):
        for p in (os.path.join(src, name), os.path.join(src, name + ".bz2")):
            if os.path.exists(p):
                return p
        sys.exit("han_korean_readings: %s not found in %s" % (name, src))

    reading = {}
    for cp, field, value in lines(find("Unihan_Readings.txt")):
        if field != "kHangul":
            continue
        entries = [v.split(":") for v in value.split()]
        kept = [(r, flags) for r, flags in entries if "N" in flags or "E" in flags]
        if not kept:
            continue
        named = [r for r, flags in kept if "N" in flags]
        reading[chr(int(cp[2:], 16))] = named[0] if named else kept[0][0]
    simplified = {}
    for cp, field, value in lines(find("Unihan_Variants.txt")):
        if field != "kSimplifiedVariant":
            continue
        trad = chr(int(cp[2:], 16))
        for v in value.split():
            simplified.setdefault(trad, []).append(chr(int(v.split("<")[0][2:], 16)))
    out = dict(reading)
    surnames = set(SURNAMES)
    for trad, simps in simplified.items():
        for s in simps:
            if trad in reading and s not in out:
                out[s] = reading[trad]
            if trad in surnames:
                surnames.add(s)
    print("# Sino-Korean readings of Han characters, for Korean names written in Han (Hanja).")
    print("# Source: Unicode Unihan database 15.0 (kHangul, kSimplifiedVariant), Debian package")
    print("# unicode-data; written by scripts/han_korean_readings.py (see there for the choice).")
    print("# Format: one character a line, tab-separated: the Han character, its reading as one")
    print("# Hangul syllable, and 'surname' when it is one of the common Korean surnames.")
    for ch in sorted(out):
        print("%s\t%s%s" % (ch, out[ch], "\tsurname" if ch in surnames else ""))


if __name__ == "__main__":
    main()
