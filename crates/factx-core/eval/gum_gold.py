#!/usr/bin/env python3
"""Builds scorer-format gold files (entities + coreference) from GUM's Wikinews documents, so the
entity and coreference stages can be scored on news that is not the seed article.

Usage: gum_gold.py GUM_DIR OUT_DIR [--split dev|train] [--pronouns-only]
Writes OUT_DIR/<doc>.txt (the body from gum/text/wikinews.jsonl) and OUT_DIR/<doc>.gold.json.
Named entities = GUM coreference chains with at least one proper-name mention (PROPN words,
optionally with inner of/and and a leading `the`), typed person→PERSON, organization→ORG,
place→GPE, event→EVENT, object→PRODUCT. Coreference items = every mention of those chains up to
8 tokens (names, nominals, pronouns); with --pronouns-only, names and pronouns only."""
import json
import os
import re
import sys

TITLE_WORDS = {"professor", "prof", "dr", "mr", "mrs", "ms", "president", "senator", "sen", "governor",
               "gov", "general", "gen", "minister", "prime", "sir", "judge", "justice", "chancellor", "king",
               "queen", "prince", "princess", "pope", "mayor", "director", "captain", "lieutenant", "colonel"}
TYPES = {"person": "PERSON", "organization": "ORG", "place": "GPE", "event": "EVENT", "object": "PRODUCT"}


def parse(path):
    """Tokens (form, upos, entity brackets, sentence number) and sentence texts."""
    toks, sents = [], []
    for line in open(path, encoding="utf-8"):
        if line.startswith("# text = "):
            sents.append(line[len("# text = "):].rstrip("\n"))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        c = line.rstrip("\n").split("\t")
        if "-" in c[0] or "." in c[0]:
            continue
        ent = re.search(r"Entity=([^|]*)", c[9])
        toks.append((c[1], c[3], ent.group(1) if ent else "", len(sents) - 1))
    return toks, sents


def mentions(toks):
    out, stack = [], {}
    for i, (_, _, ent, _) in enumerate(toks):
        for m in re.finditer(r"\((\d+)-([a-z]+)-[^()]*?(?=\(|\)|$)(\))?|(\d+)\)", ent):
            if m.group(1):
                if m.group(3):
                    out.append((m.group(1), m.group(2), i, i + 1))
                else:
                    stack.setdefault(m.group(1), []).append((m.group(2), i))
            else:
                t, s = stack[m.group(4)].pop()
                out.append((m.group(4), t, s, i + 1))
    return out


def is_name(toks, s, e):
    pos = [toks[k][1] for k in range(s, e)]
    words = [toks[k][0] for k in range(s, e)]
    while pos and (pos[0] == "DET"):
        pos, words = pos[1:], words[1:]
    while pos and (pos[-1] in ("PART", "PUNCT")):
        pos, words = pos[:-1], words[:-1]
    return bool(pos) and pos[0] == "PROPN" and pos[-1] == "PROPN" and all(
        p in ("PROPN", "ADP", "CCONJ", "PUNCT", "DET") for p in pos)


def main():
    gum, out = sys.argv[1], sys.argv[2]
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "dev"
    pron_only = "--pronouns-only" in sys.argv
    os.makedirs(out, exist_ok=True)
    arts = {}
    for l in open(os.path.join(gum, "text", "wikinews.jsonl"), encoding="utf-8"):
        a = json.loads(l)
        if a.get("split") == split:
            arts[a["id"]] = a
    for doc_id, art in sorted(arts.items()):
        body = art["body"]
        toks, sents = parse(os.path.join(gum, "conllu", split, doc_id + ".conllu"))
        # Sentences are found in the body in order (the headline may be missing from it).
        sent_at, pos = [], 0
        for st in sents:
            k = body.find(st, pos)
            sent_at.append(k)
            if k >= 0:
                pos = k + len(st)
        offs, cur, pos = [], -1, 0
        for w, _, _, si in toks:
            if si != cur:
                cur, pos = si, sent_at[si]
            k = body.find(w, pos) if pos >= 0 else -1
            if k < 0 or pos < 0:
                offs.append(None)
                continue
            offs.append((k, k + len(w)))
            pos = k + len(w)
        ms = mentions(toks)
        named = {}
        ms = [m for m in ms if all(offs[k] is not None for k in range(m[2], m[3]))]
        for cid, t, s, e in ms:
            if t in TYPES and is_name(toks, s, e):
                text = body[offs[s][0]:offs[e - 1][1]]
                text = re.sub(r"^(the|The) ", "", text)
                text = re.sub(r"('s|’s)$", "", text)
                named.setdefault(cid, (TYPES[t], set()))[1].add(text)
                # GUM includes titles in names (`Professor Cres Eastman`); CoNLL does not.
                w = text.split(" ")
                if len(w) > 1 and w[0].lower().rstrip(".") in TITLE_WORDS:
                    named[cid][1].add(" ".join(w[1:]))
        ents = [{"key": "g" + c, "type": t, "names": sorted(n)} for c, (t, n) in named.items()]
        coref = []
        for cid, t, s, e in ms:
            if cid not in named or e - s > 8:
                continue
            is_pron = e - s == 1 and toks[s][1] == "PRON"
            if pron_only and not (is_pron or is_name(toks, s, e)):
                continue
            a, b = offs[s][0], offs[e - 1][1]
            text = body[a:b]
            occ = [m.start() for m in re.finditer(re.escape(text), body)]
            if a not in occ:
                continue
            coref.append({"entity": "g" + cid, "mention": text, "occurrence": occ.index(a)})
        gold = {"article": {"body": body}, "entities": ents, "coreference": coref, "facts": {}, "times": []}
        with open(os.path.join(out, doc_id + ".gold.json"), "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
        with open(os.path.join(out, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(body)
        print(doc_id, len(ents), "entities", len(coref), "coref items")


main()
