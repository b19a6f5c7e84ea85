#!/usr/bin/env python3
"""Scores factx's pronoun and nominal attachment against GUM's coreference chains: a check that
a coreference rule tuned on our own dev gold carries to other text (issue 18).

    python3 eval/score_gum_coref.py --write-articles ARTS.jsonl [--gum DIR] [--split train]
    factx extract ARTS.jsonl --offset-unit code-point > PRED.jsonl
    python3 eval/score_gum_coref.py --pred PRED.jsonl [--gum DIR] [--split train] [--errors]

Articles are rebuilt from GUM's CoNLL-U (`../shared/data/gum/conllu/<split>/`): tokens joined by
a space unless `SpaceAfter=No`, sentences by a space, paragraphs (`# newpar`) by a newline; the
publication date is `meta::dateCreated`. The GUM documents of our own gold's test split
(`eval/gold/articles.jsonl`) are left out, and GUM's test split is never read.

Scored mentions, from GUM's `Entity=` brackets: third-person pronouns (`he`, `its`, `them`...)
and definite nominals (a mention opening with `the`/`this`/`that`/`these`/`those` with no proper
noun inside), each with an earlier mention of its chain. Its chain is *named* when one of its
mentions is headed by a proper noun. As in `score_coref.py`, a predicted PRONOUN/NOMINAL mention
is matched one-to-one by overlap; it is *attached* when its entity has another mention. An
attached mention of a named chain is *right* when its predicted entity has a NAME mention
overlapping another mention of the chain, else *wrong*. Mentions of unnamed chains (and the
first mention of a chain) are reported apart: attaching them is a wrong link too.
Reported: right / wrong / unattached shares over mentions of named chains, by kind and genre,
and the share of the others that is attached.
"""
import argparse, json, pathlib, re, sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from score_coref import match_mentions, ov, pred_mentions  # noqa: E402  (one matching rule)
THIRD = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
         "they", "them", "their", "theirs", "themselves"}
DEFINITE = {"the", "this", "that", "these", "those"}


def read_conllu(path):
    """(doc id, meta, body, tokens, mentions): tokens as dicts with start/end/upos/head; mentions
    as (entity id, first token, last token)."""
    meta, body, toks, ments = {}, [], [], []
    open_ = {}
    pos = 0
    sent_toks = []
    sent_text = [""]
    newpar = False

    def flush():
        nonlocal pos, sent_toks
        if not sent_toks:
            return
        if body:
            sep = "\n" if sent_toks[0].get("par") else " "
            body.append(sep)
            pos += 1
        base = len(toks)
        # Tokens are found in the sentence's `# text` (GUM does not mark every `'s` as
        # SpaceAfter=No); a token not found there is appended after a space.
        text, cur, out = sent_text[0], 0, []
        for t in sent_toks:
            k = cur
            while k < len(text) and text[k].isspace():
                k += 1
            if text.startswith(t["form"], k):
                out.append(text[cur:k])
                cur = k + len(t["form"])
            elif out:
                out.append(" ")
            t["start"] = pos + sum(map(len, out))
            out.append(t["form"])
            t["end"] = t["start"] + len(t["form"])
            t["head"] = base + t["head"] - 1 if t["head"] > 0 else -1
            toks.append(t)
        piece = "".join(out)
        body.append(piece)
        pos += len(piece)
        sent_toks = []

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# meta::"):
            k, _, v = line[len("# meta::"):].partition(" = ")
            meta[k] = v
        elif line.startswith("# newpar"):
            newpar = True
        elif line.startswith("# text = "):
            sent_text[0] = line[len("# text = "):]
        elif not line:
            flush()
        elif line.startswith("#"):
            continue
        else:
            f = line.split("\t")
            if "-" in f[0] or "." in f[0]:
                continue  # no multi-word tokens in GUM's English; empty nodes are skipped
            misc = f[9]
            t = {"form": f[1], "upos": f[3], "head": int(f[6])}
            if newpar and not sent_toks:
                t["par"] = True
                newpar = False
            idx = len(toks) + len(sent_toks)
            sent_toks.append(t)
            m = re.search(r"(?:^|\|)Entity=([^|]*)", misc)
            if m:
                ent = m.group(1)
                k = 0
                while k < len(ent):
                    if ent[k] == "(":
                        j = k + 1
                        while j < len(ent) and ent[j] not in "()":
                            j += 1
                        eid = ent[k + 1:j].split("-")[0]
                        if j < len(ent) and ent[j] == ")":
                            ments.append((eid, idx, idx))
                            j += 1
                        else:
                            open_.setdefault(eid, []).append(idx)
                        k = j
                    else:
                        j = k
                        while j < len(ent) and ent[j] != ")":
                            j += 1
                        eid = ent[k:j]
                        if open_.get(eid):
                            ments.append((eid, open_[eid].pop(), idx))
                        k = j + 1
    flush()
    return meta, "".join(body), toks, sorted(ments, key=lambda m: (m[1], -m[2]))


def head_of(toks, a, b):
    for t in range(b, a - 1, -1):
        h = toks[t]["head"]
        if not (a <= h <= b):
            return t
    return b


def build(gum, split, exclude):
    docs = []
    for p in sorted((pathlib.Path(gum) / split).glob("*.conllu")):
        did = p.stem
        if did in exclude:
            continue
        meta, body, toks, ments = read_conllu(p)
        docs.append((did, meta, body, toks, ments))
    return docs


def gold_mentions(body, toks, ments):
    """Scored mentions: dicts with start, end, text, kind, named, chain spans (others)."""
    chains = {}
    for eid, a, b in ments:
        chains.setdefault(eid, []).append((a, b))
    named = {e: any(toks[head_of(toks, a, b)]["upos"] == "PROPN" for a, b in ms) for e, ms in chains.items()}
    out = []
    for eid, a, b in ments:
        words = [toks[t]["form"] for t in range(a, b + 1)]
        if a == b and toks[a]["upos"] == "PRON" and words[0].lower() in THIRD:
            kind = "PRONOUN"
        elif (b > a and words[0].lower() in DEFINITE
              and not any(toks[t]["upos"] == "PROPN" for t in range(a, b + 1))
              and toks[head_of(toks, a, b)]["upos"] == "NOUN"):
            kind = "NOMINAL"
        else:
            continue
        s, e = toks[a]["start"], toks[b]["end"]
        earlier = [(x, y) for x, y in chains[eid] if x < a]
        others = [(toks[x]["start"], toks[y]["end"]) for x, y in chains[eid] if (x, y) != (a, b)]
        out.append({"start": s, "end": e, "text": body[s:e], "kind": kind,
                    "named": named[eid] and bool(earlier), "others": others})
    return out


def classify(gms, fs):
    ments, ents = pred_mentions(fs)
    chosen = match_mentions(gms, ments)
    for gi, g in enumerate(gms):
        gs = (g["start"], g["end"])
        pi = chosen.get(gi)
        ei = ments[pi][3] if pi is not None else None
        ent = ents[ei] if ei is not None else None
        if ent is None or not any(ov(sp, gs) <= 0 for sp in ent["spans"]):
            yield g, "unattached", None
            continue
        if not g["named"]:
            yield g, "attached", ent["name"]
            continue
        right = any(e == ei and k == "NAME" and ov((s, t), gs) <= 0
                    and any(ov((s, t), o) > 0 for o in g["others"])
                    for s, t, k, e in ments)
        yield g, "right" if right else "wrong", ent["name"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = next((p / "shared" for p in HERE.parents if (p / "shared" / "data").is_dir()), None)
    ap.add_argument("--gum", default=str(shared / "data" / "gum" / "conllu") if shared else None)
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--write-articles")
    ap.add_argument("--pred")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--genre", help="only this genre (news, interview, bio, ...)")
    a = ap.parse_args()
    exclude = set()
    for line in open(HERE / "gold" / "articles.jsonl", encoding="utf-8"):
        art = json.loads(line)
        if art.get("split") == "test":
            exclude.add(art["id"])
    docs = build(a.gum, a.split, exclude)
    if a.genre:
        docs = [d for d in docs if d[0].split("_")[1] == a.genre]
    if a.write_articles:
        with open(a.write_articles, "w", encoding="utf-8") as f:
            for did, meta, body, _, _ in docs:
                date = meta.get("dateCreated", "2020-01-01")
                f.write(json.dumps({"id": did, "title": meta.get("title", ""), "body": body,
                                    "publishedAt": f"{date}T12:00:00Z"}) + "\n")
        print(f"{len(docs)} articles -> {a.write_articles}", file=sys.stderr)
        return
    if not a.pred:
        ap.error("--pred or --write-articles")
    pred = {}
    for line in open(a.pred, encoding="utf-8"):
        if line.strip():
            fs = json.loads(line)
            pred[fs.get("articleId")] = fs
    keys = ["ALL", "PRONOUN", "NOMINAL"]
    tab = {}
    errs = []
    for did, _, body, toks, ments in docs:
        genre = did.split("_")[1]
        for g, out, pname in classify(gold_mentions(body, toks, ments), pred.get(did)):
            for k in ("ALL", g["kind"], genre):
                d = tab.setdefault((k, g["named"]), {})
                d[out] = d.get(out, 0) + 1
                d["n"] = d.get("n", 0) + 1
            if out in ("wrong", "attached"):
                errs.append(f"{did}\t{out.upper()}\t{g['start']}\t{g['text']!r}\tpred {pname}")
    genres = sorted({k for k, _ in tab if k not in keys})
    print(f"GUM {a.split} ({len(docs)} docs)   named chain: n  right  wrong  unatt. | other: n  attached")
    for k in keys + genres:
        e, z = tab.get((k, True), {}), tab.get((k, False), {})
        n, m = e.get("n", 0), z.get("n", 0)
        sh = lambda d, x, n: d.get(x, 0) / n if n else 0.0
        print(f"{k:<12} {n:>24} {sh(e, 'right', n):.3f}  {sh(e, 'wrong', n):.3f}  {sh(e, 'unattached', n):.3f}"
              f" | {m:>8}  {sh(z, 'attached', m):.3f}")
    if a.errors:
        print("\n".join(errs))


if __name__ == "__main__":
    main()
