#!/usr/bin/env python3
"""How much of the dev gold's event triggers the PETRARCH2-derived trigger lists cover, per fact type.

Reads crates/factx-core/data/facts/petrarch/{verbs,nouns,verb_patterns}.tsv and the events layer of
the development gold (eval/gold/events/<id>.json) of the articles whose `split` is `dev` in
eval/gold/articles.jsonl -- test articles are never opened. The gold is read from git refs (the
annotators' branches, default gold-events-a and gold-events-b) or from a folder (--gold-dir).

Usage: python3 scripts/data/petrarch_coverage.py [--ref REF ...] [--gold-dir DIR] [--lists N] [--json]

A gold trigger is lemmatized word by word (the dictionary's irregular forms, then undoing regular
inflection against the lists' own lemmas). It is covered when its whole lemma ("call for", "take
office") is a verbs.tsv lemma (+ particle, + prep) or a nouns.tsv noun, else when one of its words
is ("cutting ties" -> cut, tie). Per gold type it prints:
  mentions, distinct trigger lemmas; lemmas covered by some entry (any type); covered with the
  entry's proposed fact_type equal to the gold type; covered with the gold type among the entry's
  possible types (verb alone, any pattern, any noun reading); and the same over mentions.
Per proposed fact type of the lists: distinct lemmas, those never a dev trigger (of any type), those
a dev trigger of that type.
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from petrarch_to_factx import lemma_candidates  # noqa: E402  (one inflection undoer for both)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(REPO, "crates", "factx-core", "data", "facts", "petrarch")
EVENTS = "eval/gold/events"


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))




class Lexicon:
    def __init__(self, data):
        self.verbs = read_tsv(os.path.join(data, "verbs.tsv"))
        self.nouns = read_tsv(os.path.join(data, "nouns.tsv"))
        patterns = read_tsv(os.path.join(data, "verb_patterns.tsv"))
        # entry key -> {"types": proposed fact types, "possible": every type it can give}
        self.entries = collections.defaultdict(lambda: {"types": set(), "possible": set(), "src": set()})
        self.irregular = {}
        for v in self.verbs:
            key = " ".join(x for x in (v["lemma"], v["particle"], v["prep"]) if x)
            e = self.entries[key]
            if v["fact_type"]:
                e["types"].add(v["fact_type"])
            e["possible"] |= {t.split(":")[0] for t in v["types"].split()} | ({v["fact_type"]} - {""})
            e["src"].add("verbs")
            for f in v["forms"].split(" | "):
                f = f.strip()
                if f:
                    self.irregular.setdefault(f, v["lemma"])
                    self.irregular.setdefault(f.split()[0], v["lemma"].split()[0])
        for p in patterns:
            if p["scope"] == "verb" and p["fact_type"]:
                self.entries[p["lemma"]]["possible"].add(p["fact_type"])
        for n in self.nouns:
            e = self.entries[n["noun"]]
            e["types"].add(n["fact_type"])
            e["possible"] |= {t.split(":")[0] for t in n["types"].split()} | {n["fact_type"]}
            e["src"].add("nouns")
            for f in n["forms"].split("|"):
                if f and f != n["noun"]:
                    self.irregular.setdefault(f, n["noun"])
        self.words = set()
        for k in self.entries:
            self.words.update(k.split())

    def lemma(self, w):
        w = w.lower()
        if w in self.irregular:
            return self.irregular[w]
        cands = lemma_candidates(w)
        for c in cands:  # a one-word entry first, then a word of a multiword entry
            if c in self.entries:
                return c
        for c in cands:
            if c in self.words:
                return c
        return w

    def lookup(self, trigger):
        """(matched key or None, how) for a gold trigger text."""
        toks = [t for t in re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", trigger.lower())]
        if not toks:
            return None, "", ""
        lem = " ".join(self.lemma(t) for t in toks)
        if lem in self.entries:
            return lem, "whole", lem
        joined = lem.replace(" ", "-")
        if joined in self.entries:
            return joined, "whole", lem
        for t in toks:
            l = self.lemma(t)
            if l in self.entries:
                return l, "word", lem
        return None, "", lem


def git_lines(repo, *args):
    out = subprocess.run(["git", "-C", repo] + list(args), capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return out.stdout


def load_dev_gold(repo, articles, refs, gold_dir):
    dev = []
    with open(articles, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                if d.get("split") == "dev":
                    dev.append(d["id"])
    gold, where = {}, {}
    for aid in dev:
        if gold_dir:
            p = os.path.join(gold_dir, f"{aid}.json")
            if os.path.isfile(p):
                gold[aid] = json.load(open(p, encoding="utf-8"))
                where[aid] = gold_dir
            continue
        for ref in refs:
            text = git_lines(repo, "show", f"{ref}:{EVENTS}/{aid}.json")
            if text is not None:
                gold[aid] = json.loads(text)
                where[aid] = ref
                break
    return dev, gold, where


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", action="append", help="git ref holding eval/gold/events (repeatable;"
                    " default gold-events-a and gold-events-b)")
    ap.add_argument("--gold-dir", help="read <id>.json from this folder instead of git refs")
    ap.add_argument("--repo", default=REPO)
    ap.add_argument("--articles", default=os.path.join(REPO, "eval", "gold", "articles.jsonl"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--lists", type=int, default=8, help="uncovered / never-seen lemmas listed per type")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    refs = a.ref or ["gold-events-a", "gold-events-b"]
    lex = Lexicon(a.data)
    dev, gold, where = load_dev_gold(a.repo, a.articles, refs, a.gold_dir)

    per_type = collections.defaultdict(lambda: {"mentions": 0, "m_cov": 0, "m_type": 0, "m_possible": 0,
                                                "lemmas": collections.Counter(), "cov": set(), "type": set(),
                                                "possible": set(), "uncovered": collections.Counter(),
                                                "wrong": collections.Counter()})
    trig_types = collections.defaultdict(set)  # matched entry key -> gold types it triggers
    for aid in sorted(gold):
        for e in gold[aid].get("events", []):
            t = e.get("type", "")
            trig = e.get("trigger", {}).get("text", "")
            key, how, lem = lex.lookup(trig)
            d = per_type[t]
            d["mentions"] += 1
            d["lemmas"][lem] += 1
            if key is None:
                d["uncovered"][lem] += 1
                continue
            trig_types[key].add(t)
            ent = lex.entries[key]
            d["m_cov"] += 1
            d["cov"].add(lem)
            if t in ent["types"]:
                d["m_type"] += 1
                d["type"].add(lem)
            else:
                d["wrong"][f"{lem}->{'/'.join(sorted(ent['types'])) or 'none'}"] += 1
            if t in ent["possible"] or t in ent["types"]:
                d["m_possible"] += 1
                d["possible"].add(lem)

    # dictionary side: per proposed type, lemmas never a dev trigger
    dict_side = collections.defaultdict(lambda: {"lemmas": set(), "seen_any": set(), "seen_type": set()})
    for key, ent in lex.entries.items():
        for t in ent["types"]:
            ds = dict_side[t]
            ds["lemmas"].add(key)
            if key in trig_types:
                ds["seen_any"].add(key)
                if t in trig_types[key]:
                    ds["seen_type"].add(key)

    n_ev = sum(d["mentions"] for d in per_type.values())
    res = {"dev_articles": len(dev), "with_events": len(gold), "sources": dict(collections.Counter(where.values())),
           "mentions": n_ev, "per_type": {}, "dictionary": {}}
    for t, d in sorted(per_type.items(), key=lambda kv: -kv[1]["mentions"]):
        res["per_type"][t] = {
            "mentions": d["mentions"], "lemmas": len(d["lemmas"]), "lemmas_covered": len(d["cov"]),
            "lemmas_type": len(d["type"]), "lemmas_possible": len(d["possible"]),
            "mentions_covered": d["m_cov"], "mentions_type": d["m_type"], "mentions_possible": d["m_possible"],
            "uncovered": [f"{l}:{c}" for l, c in d["uncovered"].most_common(a.lists)],
            "wrong_type": [f"{l}:{c}" for l, c in d["wrong"].most_common(a.lists)],
        }
    for t, ds in sorted(dict_side.items()):
        never = sorted(ds["lemmas"] - ds["seen_any"])
        res["dictionary"][t] = {"lemmas": len(ds["lemmas"]), "never_trigger": len(never),
                                "trigger_any_type": len(ds["seen_any"]), "trigger_this_type": len(ds["seen_type"]),
                                "seen_this_type": sorted(ds["seen_type"])[: a.lists]}
    if a.json:
        json.dump(res, sys.stdout, indent=1)
        print()
        return
    tot = collections.Counter()
    print(f"dev gold: {len(gold)} of {len(dev)} dev articles have an events file "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(res['sources'].items()))}); {n_ev} event mentions")
    print("lists: verbs.tsv", len(lex.verbs), "rows, nouns.tsv", len(lex.nouns), "rows")
    print()
    print("Gold side: trigger lemmas (L) and mentions (M) per gold type; cov = some entry matches;"
          " type = its proposed fact_type is the gold type; poss = the gold type is among its possible types")
    print(f"{'type':16} {'M':>4} {'L':>4} | {'L cov':>5} {'L type':>6} {'L poss':>6} | {'M cov':>5} {'M type':>6}"
          f" {'M poss':>6} | uncovered lemmas; covered with another type")
    for t, r in res["per_type"].items():
        for k in ("mentions", "lemmas", "lemmas_covered", "lemmas_type", "lemmas_possible", "mentions_covered",
                  "mentions_type", "mentions_possible"):
            tot[k] += r[k]
        print(f"{t:16} {r['mentions']:4} {r['lemmas']:4} | {r['lemmas_covered']:5} {r['lemmas_type']:6}"
              f" {r['lemmas_possible']:6} | {r['mentions_covered']:5} {r['mentions_type']:6} {r['mentions_possible']:6}"
              f" | {' '.join(r['uncovered'])} ; {' '.join(r['wrong_type'])}")
    print(f"{'all':16} {tot['mentions']:4} {tot['lemmas']:4} | {tot['lemmas_covered']:5} {tot['lemmas_type']:6}"
          f" {tot['lemmas_possible']:6} | {tot['mentions_covered']:5} {tot['mentions_type']:6}"
          f" {tot['mentions_possible']:6}   (L summed over types)")
    print()
    print("Dictionary side: distinct lemmas per proposed fact type (verbs.tsv + nouns.tsv), never a dev gold"
          " trigger, a trigger of any type, a trigger of this type")
    print(f"{'type':16} {'lemmas':>6} {'never':>6} {'any':>5} {'this':>5} | seen as this type")
    dt = collections.Counter()
    for t, r in res["dictionary"].items():
        for k in ("lemmas", "never_trigger", "trigger_any_type", "trigger_this_type"):
            dt[k] += r[k]
        print(f"{t:16} {r['lemmas']:6} {r['never_trigger']:6} {r['trigger_any_type']:5} {r['trigger_this_type']:5}"
              f" | {' '.join(r['seen_this_type'])}")
    print(f"{'all':16} {dt['lemmas']:6} {dt['never_trigger']:6} {dt['trigger_any_type']:5} {dt['trigger_this_type']:5}")


if __name__ == "__main__":
    main()
