#!/usr/bin/env python3
"""Candidate registry triggers from PETRARCH2 for the PLOVER categories factx rarely codes, and their
hits in unannotated news, for review by eye (precision first).

Candidates (types MOBILIZE THREATEN CONCEDE COOPERATE AID SANCTION, or --types):
- object-conditioned verbs: the verb patterns of CAMEO.2.0.txt (data/facts/petrarch/verb_patterns.tsv)
  that give the type with an object head, grouped by verb and particle:
  `deploy` + troops|police|... -> MOBILIZE, `issue` + warning|ultimatum -> THREATEN;
- verbs coded alone or by agreeing patterns (verbs.tsv) and nominal triggers (nouns.tsv), as
  scripts/data/registry_from_petrarch.py reads them.
Phrasings the hand-written family files list are left out.

Hits are read from CoNLL-U: factx's own parse of the VOA stories that are NOT in eval/gold
(`factx parse`), and GUM train/dev news documents that are not in eval/gold (gold parses). The gold
articles (dev and test) are never read.

  target/release/factx parse ../shared/data/voa/voa.jsonl > /tmp/voa.conllu   # gold ids skipped here
  python3 scripts/data/registry_review.py --conllu /tmp/voa.conllu \
      --conllu ../shared/data/gum/conllu/train --conllu ../shared/data/gum/conllu/dev > /tmp/hits.txt

prints, per candidate with hits, each hit sentence with the trigger marked. The decisions read from
it are recorded by hand in data/facts/registry/petrarch_reviewed.tsv (keep or drop, hits, right
hits, the reason), which registry_from_petrarch.py turns into trigger rows.
"""
import argparse
import collections
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registry_from_petrarch as rfp  # noqa: E402

TYPES = ["MOBILIZE", "THREATEN", "CONCEDE", "COOPERATE", "AID", "SANCTION"]


def singular(w):
    """The lemma a plural object head has in the parse (`troops` -> `troop`)."""
    w = w.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def object_candidates(types):
    """(type, lemma, particle) -> (object head lemmas, CAMEO code, PLOVER mode)."""
    rows = rfp.read_tsv(os.path.join(rfp.PET, "verb_patterns.tsv"))
    heads = collections.defaultdict(set)
    codes = collections.defaultdict(collections.Counter)
    for r in rows:
        if r["fact_type"] not in types or not r["object_head"] or "unstructured" in r["note"]:
            continue
        lemma = r["lemma"].split()[0]
        particle = r["particle"] or " ".join(r["lemma"].split()[1:])
        key = (r["fact_type"], lemma, particle)
        for h in r["object_head"].split(";")[0].split("|"):
            h = h.strip().replace("_", " ")
            if h and " " not in h and h.isalpha():
                heads[key].add(singular(h))
        codes[key][(r["cameo"], r["plover_mode"])] += 1
    return {k: (v, codes[k].most_common(1)[0][0]) for k, v in heads.items() if v}


def all_candidates(types):
    """Candidate rows: (pos, words, type, mode, cameo, obj-set or None)."""
    _, hand = rfp.registry_types()
    out = []
    for (t, lemma, particle), (heads, (cameo, mode)) in sorted(object_candidates(types).items()):
        words = " ".join(w for w in (lemma, particle) if w)
        out.append(("verb", words, t, mode, cameo, frozenset(heads)))
    for pos, words, t, mode, cameo, _basis in rfp.candidates():
        if t in types and (pos, words) not in hand:
            out.append((pos, words, t, mode, cameo.split("|")[0].lstrip(":"), None))
    return out


def read_conllu(path, skip):
    """Sentences (lists of token dicts) of a CoNLL-U file or directory, skipping documents in skip."""
    paths = [os.path.join(path, p) for p in sorted(os.listdir(path))] if os.path.isdir(path) else [path]
    for p in paths:
        doc = os.path.basename(p).rsplit(".", 1)[0]
        sent = []
        for line in open(p, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# newdoc id"):
                doc = line.split("=", 1)[1].strip()
            if not line:
                if sent and doc not in skip:
                    yield doc, sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            f = line.split("\t")
            if "-" in f[0] or "." in f[0]:
                continue
            sent.append({"id": int(f[0]), "form": f[1], "lemma": f[2].lower(), "upos": f[3],
                         "head": int(f[6]) if f[6].isdigit() else 0, "deprel": f[7]})
        if sent and doc not in skip:
            yield doc, sent


def hits(cand, sent):
    """Token indexes where a candidate fires, by its lemma, particle or preposition, and object."""
    pos, words, _t, _m, _c, objs = cand
    ws = words.split()
    kids = collections.defaultdict(list)
    for t in sent:
        kids[t["head"]].append(t)
    out = []
    for t in sent:
        if t["lemma"] != ws[0]:
            continue
        if pos == "noun" and t["upos"] != "NOUN":
            continue
        if pos == "verb" and t["upos"] != "VERB":
            continue
        ks = kids[t["id"]]
        ok = True
        for w in ws[1:]:
            prt = any(k["deprel"] == "compound:prt" and k["lemma"] == w for k in ks)
            prep = any(g["lemma"] == w and g["deprel"] in ("case", "mark")
                       for k in ks for g in kids[k["id"]])
            if not (prt or prep):
                ok = False
        if ok and objs is not None:
            passive = any(k["deprel"] in ("aux:pass", "nsubj:pass") for k in ks)
            rel = ("nsubj:pass",) if passive else ("obj",)
            ok = any(k["deprel"] in rel and k["lemma"] in objs for k in ks)
        if ok:
            out.append(t["id"])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--conllu", action="append", required=True)
    ap.add_argument("--types", default=",".join(TYPES))
    ap.add_argument("--max", type=int, default=8, help="hit sentences shown per candidate")
    args = ap.parse_args()
    gold = {json.loads(l)["id"] for l in open(os.path.join(rfp.REPO, "eval", "gold", "articles.jsonl"))}
    cands = all_candidates(set(args.types.split(",")))
    sents = [s for p in args.conllu for s in read_conllu(p, gold)]
    found = collections.defaultdict(list)
    for doc, s in sents:
        for c in cands:
            for i in hits(c, s):
                found[c].append((doc, " ".join(("[[" + t["form"] + "]]") if t["id"] == i else t["form"]
                                               for t in s)))
    print(f"# {len(cands)} candidates; {len(found)} with hits in {len(sents)} sentences")
    for c in sorted(found, key=lambda c: (c[2], -len(found[c]))):
        pos, words, t, mode, cameo, objs = c
        cond = "obj=" + "|".join(sorted(objs)) if objs else ""
        print(f"\n== {t}\t{pos}\t{words}\t{mode}\t{cameo}\t{cond}\t{len(found[c])} hits")
        for doc, text in found[c][: args.max]:
            print(f"  {doc}: {text}")


if __name__ == "__main__":
    main()
