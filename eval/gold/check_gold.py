#!/usr/bin/env python3
"""Checks every annotation file of the gold: known article, spans in range, text == body[start:end]."""
import json, pathlib, sys

here = pathlib.Path(__file__).resolve().parent
bodies = {}
for line in open(here / "articles.jsonl", encoding="utf-8"):
    a = json.loads(line)
    bodies[a["id"]] = a["body"]

def spans(obj):
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)

errors = files = n = 0
for layer in ("events", "attribution", "coref", "times"):
    for f in sorted((here / layer).glob("*.json")):
        files += 1
        doc = json.load(open(f, encoding="utf-8"))
        body = bodies.get(doc.get("article_id"))
        if body is None or f.stem != doc.get("article_id"):
            print(f"{f}: unknown or mismatched article_id {doc.get('article_id')!r}"); errors += 1; continue
        for s in spans(doc):
            n += 1
            if not (0 <= s["start"] <= s["end"] <= len(body)) or body[s["start"]:s["end"]] != s["text"]:
                errors += 1
                print(f"{f}: span {s['start']}..{s['end']} is {body[s['start']:s['end']]!r}, not {s['text']!r}")
print(f"{files} files, {n} spans, {errors} errors")
sys.exit(1 if errors else 0)
