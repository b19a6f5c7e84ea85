#!/usr/bin/env python3
"""Learns hierarchical word clusters (bit strings, Brown-cluster style) from unlabelled, openly
licensed text, for the NER tagger's cluster-prefix features. Deterministic: no randomness, words
and contexts in sorted order, so the same text gives the same file.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install numpy
    /tmp/v/bin/python crates/factx-core/data/ner/build_clusters.py ../shared/data \
        > crates/factx-core/data/ner/clusters.tsv

Text (only the words; never the evaluation splits): VOA stories (`voa/voa.jsonl`, public
domain), GUM `conllu/train` (CC-BY / CC-BY-SA), UD English EWT train (CC-BY-SA 4.0), WikiGold,
WNUT-17 train and BTC train (`ner-open/`, CC-BY 4.0).

Method: every word seen at least MIN_COUNT times (lower-cased, curly quotes folded as the
tagger folds them) is described by the counts of its left and right neighbours among the
CONTEXTS most frequent words (square-rooted and length-normalized: Hellinger distance), reduced
to DIMS dimensions by PCA. The words are then split in two recursively, DEPTH times: each split
starts from the sign of the node's first principal component and is refined by a few rounds of
2-means; a word's cluster is its path of left (0) / right (1) turns. Like Brown clusters, a
prefix of the path is a coarser cluster, which is what the tagger's 4/6/10-bit features read.
"""
import json
import os
import re
import sys
from collections import Counter

import numpy as np

MIN_COUNT = 3
CONTEXTS = 1000
DIMS = 64
DEPTH = 10
ROUNDS = 6
# Nodes smaller than this are not split further.
MIN_NODE = 4

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u201c": '"',
                      "\u201d": '"', "\u2013": "-", "\u2014": "-"})
TOKEN = re.compile(r"\w+(?:[-'.’]\w+)*\.?|[^\w\s]")


def norm(w):
    return w.translate(FOLD).lower()


def conllu_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    sent.append(cols[1])
    if sent:
        yield sent


def iob_sentences(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
            elif not line.startswith("# "):
                sent.append(line.split("\t")[0])
    if sent:
        yield sent


def voa_sentences(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            story = json.loads(line)
            for text in (story.get("title", ""), story.get("body", "") or story.get("text", "")):
                for para in text.split("\n"):
                    toks = TOKEN.findall(para)
                    if toks:
                        yield toks


def corpus(root):
    yield from voa_sentences(os.path.join(root, "voa/voa.jsonl"))
    gum = os.path.join(root, "gum/conllu/train")
    for name in sorted(os.listdir(gum)):
        if name.endswith(".conllu"):
            yield from conllu_sentences(os.path.join(gum, name))
    yield from conllu_sentences(os.path.join(root, "ud-en-ewt/en_ewt-ud-train.conllu"))
    for name in ("wikigold.iob2", "wnut17-train.iob2", "btc-train.iob2"):
        yield from iob_sentences(os.path.join(root, "ner-open", name))


def main():
    sents = [[norm(w) for w in s] for s in corpus(sys.argv[1])]
    counts = Counter(w for s in sents for w in s)
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    vocab = sorted(w for w in ranked if counts[w] >= MIN_COUNT)
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(ranked[:CONTEXTS])}
    ctx["<s>"] = len(ctx)
    nctx = len(ctx)
    x = np.zeros((len(vocab), 2 * nctx), dtype=np.float64)
    for s in sents:
        padded = ["<s>"] + s + ["<s>"]
        for k in range(1, len(padded) - 1):
            i = index.get(padded[k])
            if i is None:
                continue
            left, right = ctx.get(padded[k - 1]), ctx.get(padded[k + 1])
            if left is not None:
                x[i, left] += 1
            if right is not None:
                x[i, nctx + right] += 1
    x = np.sqrt(x)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    x -= x.mean(axis=0)
    _, vecs = np.linalg.eigh(x.T @ x)
    proj = x @ vecs[:, ::-1][:, :DIMS]
    proj /= np.maximum(np.linalg.norm(proj, axis=1, keepdims=True), 1e-12)

    paths = [""] * len(vocab)
    stack = [(np.arange(len(vocab)), "")]
    while stack:
        members, path = stack.pop()
        if len(path) == DEPTH or len(members) < MIN_NODE:
            for m in members:
                paths[m] = path
            continue
        left, right = split(proj[members])
        if len(left) == 0 or len(right) == 0:
            for m in members:
                paths[m] = path
            continue
        stack.append((members[left], path + "0"))
        stack.append((members[right], path + "1"))

    print("# Hierarchical word clusters (lower-cased words → bit-string path), a feature of the NER tagger.")
    print("# Part of the NER tagger's feature vocabulary: models/ner.bin was trained with exactly this list,")
    print("# so editing it changes the tagger's input (retrain and re-measure).")
    print("# source: learned from VOA stories (public domain), GUM train (CC-BY 4.0 / CC-BY-SA 3.0 texts),")
    print("#   UD English EWT train (CC-BY-SA 4.0), WikiGold, WNUT-17 train and BTC train (CC-BY 4.0)")
    print("# license: CC-BY-SA 4.0")
    print("# generated by: data/ner/build_clusters.py")
    print(f"# {len(vocab)} words seen at least {MIN_COUNT} times in {sum(counts.values())} tokens")
    print("# columns: word<TAB>path")
    for w, p in zip(vocab, paths):
        if p and "\t" not in w and w.strip() == w and w:
            print(f"{w}\t{p}")


def split(v):
    """Two groups of rows of `v` (unit vectors): the sign of the first principal component,
    then a few rounds of 2-means by cosine. Deterministic (the component's sign is fixed so its
    largest coordinate is positive)."""
    c = v - v.mean(axis=0)
    _, _, vt = np.linalg.svd(c, full_matrices=False)
    pc = vt[0]
    if pc[np.argmax(np.abs(pc))] < 0:
        pc = -pc
    side = c @ pc > 0
    for _ in range(ROUNDS):
        if side.all() or (~side).all():
            break
        a, b = v[~side].mean(axis=0), v[side].mean(axis=0)
        new = v @ b > v @ a
        if (new == side).all():
            break
        side = new
    return np.nonzero(~side)[0], np.nonzero(side)[0]


if __name__ == "__main__":
    main()
