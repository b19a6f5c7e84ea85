#!/usr/bin/env python3
"""Regenerates given_names.tsv and common_words.txt from the openly licensed corpora in
../shared/data (GAP: Apache-2.0; GUM: CC-BY 4.0 annotations). Run from this folder:
python3 build_words.py /work/shared/data

given_names.tsv: first names of people that GAP links to a he/she pronoun (gender by vote, kept when
consistent), plus a few GUM persons' first names when their pronoun is gendered is not attempted.
common_words.txt: words that GUM writes lowercase more often than capitalized in mid-sentence, so
a capitalized occurrence at the start of a sentence is probably not a name."""
import collections
import csv
import glob
import os
import sys

data = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
HERE = os.path.dirname(os.path.abspath(__file__))

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
votes = collections.defaultdict(lambda: [0, 0])
for path in glob.glob(os.path.join(data, "gap", "*.tsv")):
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            p = row["Pronoun"].lower()
            g = 0 if p in MALE else 1 if p in FEMALE else None
            if g is None:
                continue
            for name, coref in ((row["A"], row["A-coref"]), (row["B"], row["B-coref"])):
                parts = name.split()
                if coref == "TRUE" and len(parts) >= 2 and parts[0].isalpha() and parts[0][0].isupper():
                    votes[parts[0]][g] += 1
names = []
for n, (m, f) in votes.items():
    if m + f >= 1 and (m == 0 or f == 0) and len(n) > 1:
        names.append((n, "M" if m else "F"))

common = collections.Counter()
capital = collections.Counter()
def sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > 4 and "-" not in cols[0] and "." not in cols[0]:
                sent.append((cols[1], cols[3]))
    if sent:
        yield sent


for path in glob.glob(os.path.join(data, "gum", "conllu", "*", "*.conllu")):
    for sent in sentences(path):
        alpha = [w for w, _ in sent if w.isalpha()]
        # Headings and titles are in title case: their capitals say nothing about names.
        if alpha and sum(w[0].isupper() for w in alpha) * 2 > len(alpha):
            continue
        for k, (w, upos) in enumerate(sent):
            if not w.isalpha():
                continue
            if w.islower():
                common[w] += 1
            elif k > 0 and w[0].isupper() and w[1:].islower() and upos != "PROPN":
                pass  # capitalized common word mid-sentence (rare); not evidence of a name
            elif k > 0 and w[0].isupper():
                capital[w.lower()] += 1
words = sorted(w for w, c in common.items() if c > capital[w] and len(w) > 1)
names_set = {n.lower() for n, _ in names}
with open(os.path.join(HERE, "given_names.tsv"), "w", encoding="utf-8") as f:
    f.write("# given name\tgender (M/F)  -- derived from GAP coreference (Apache-2.0)\n")
    for n, g in sorted(names):
        if n.lower() not in common or common[n.lower()] < 3:
            f.write(f"{n}\t{g}\n")
with open(os.path.join(HERE, "common_words.txt"), "w", encoding="utf-8") as f:
    f.write("# lowercase-dominant words of GUM (CC-BY 4.0); one per line\n")
    f.write("\n".join(words) + "\n")
print(len(names), "names,", len(words), "common words")
