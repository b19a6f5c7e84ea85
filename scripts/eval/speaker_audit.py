#!/usr/bin/env python3
"""Speaker audit on text outside the gold (issue 14): lists every STATEMENT whose speaker is a NAMED
entity (speaker, its mentions in the cue's sentence, cue, extractor rule, sentence, content head),
for judging by eye; with --before, lists only the statements whose speaker changed between two runs.

The outside text: the VOA stories and GUM Wikinews documents (train/dev only) that are not in
eval/gold, written by --write-articles:

  python3 scripts/eval/speaker_audit.py --write-articles /tmp/outside.jsonl
  factx extract /tmp/outside.jsonl --offset-unit code-point > /tmp/after.jsonl
  python3 scripts/eval/speaker_audit.py --articles /tmp/outside.jsonl --pred /tmp/after.jsonl
  python3 scripts/eval/speaker_audit.py --articles /tmp/outside.jsonl --pred /tmp/after.jsonl \\
      --before /tmp/before.jsonl

Offsets must be code points (the --offset-unit above). Never run it on the gold's test articles.
"""
import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
# ../shared/data next to the checkout (a worktree may sit one level deeper).
SHARED = next((p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")
SOURCES = [SHARED / "voa" / "voa.jsonl", SHARED / "gum" / "text" / "wikinews.jsonl"]


def write_articles(path):
    gold = {json.loads(l)["id"] for l in open(ROOT / "eval" / "gold" / "articles.jsonl")}
    n = 0
    with open(path, "w") as out:
        for src in SOURCES:
            for line in open(src):
                art = json.loads(line)
                if art["id"] in gold or art.get("split") == "test":
                    continue
                art.pop("split", None)
                out.write(json.dumps(art) + "\n")
                n += 1
    print(f"{n} articles written to {path}")


def statements(pred):
    """(article id, trigger start) -> statement record."""
    out = {}
    for line in open(pred):
        fs = json.loads(line)
        ents = {e["id"]: e for e in fs.get("entities", [])}
        sents = [(s.get("start", 0), s["end"]) for s in fs.get("sentences", [])]
        for f in fs.get("facts", []):
            if f.get("type") != "FACT_TYPE_STATEMENT":
                continue
            spk = next((ents.get(a["entityId"]) for a in f.get("arguments", [])
                        if a.get("role") == "speaker" and a.get("entityId")), None)
            start = f["trigger"].get("start", 0)
            sent = next(((a, b) for a, b in sents if a <= start < b), (start, f["trigger"]["end"]))
            content = next((a.get("text", "") for a in f.get("arguments", []) if a.get("role") == "content"), "")
            out[(fs["articleId"], start)] = {
                "speaker": spk["canonicalName"] if spk else None,
                "named": bool(spk) and any(m.get("kind") == "MENTION_KIND_NAME" for m in spk["mentions"]),
                "mentions": [f"{m['text']}:{m['kind'][13:16]}" for m in (spk or {}).get("mentions", [])
                             if sent[0] <= m["span"].get("start", 0) < sent[1]],
                "cue": (start, f["trigger"]["end"]),
                "rule": f.get("extractor", "")[15:],
                "sentence": sent,
                "content": content[:90],
            }
    return out


def show(n, key, s, body):
    a, b = s["cue"]
    print(f"#{n} {key[0]} [{s['speaker']}] {{{' | '.join(s['mentions'])}}} cue={body[a:b]!r} rule={s['rule']}")
    print(f"   S: {body[s['sentence'][0]:s['sentence'][1]]}")
    print(f"   C: {s['content']!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-articles")
    ap.add_argument("--articles")
    ap.add_argument("--pred")
    ap.add_argument("--before")
    args = ap.parse_args()
    if args.write_articles:
        write_articles(args.write_articles)
        return
    bodies = {json.loads(l)["id"]: json.loads(l)["body"] for l in open(args.articles)}
    after = statements(args.pred)
    if not args.before:
        named = [(k, s) for k, s in sorted(after.items()) if s["named"]]
        for n, (k, s) in enumerate(named, 1):
            show(n, k, s, bodies[k[0]])
        print(f"{len(named)} statements with a named speaker")
        return
    before = statements(args.before)
    n = 0
    for k in sorted(set(before) | set(after)):
        x, y = before.get(k), after.get(k)
        sx = x and (x["speaker"], x["named"])
        sy = y and (y["speaker"], y["named"])
        if sx == sy or not ((x and x["named"]) or (y and y["named"])):
            continue
        n += 1
        print(f"== {k[0]} at {k[1]}: before [{x and x['speaker']}] after [{y and y['speaker']}]")
        show(n, k, y or x, bodies[k[0]])
    print(f"{n} statements whose named speaker changed")


if __name__ == "__main__":
    main()
