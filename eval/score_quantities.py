#!/usr/bin/env python3
"""Scores the quantity stage against the QUANTITY arguments of the events gold, dev split only.

Usage:
  python3 eval/score_quantities.py [--gold eval/gold] [--pred PRED.jsonl] [--list]
  python3 eval/score_quantities.py --self-test

Without --pred, the dev articles of `articles.jsonl` are written to a temporary file and run
through `cargo run --release -p factx-core --example quantities` (test articles never are).
PRED.jsonl: one line per article, `{"id", "quantities": [{"start", "end", "text", ...}]}`, offsets
in code points (the example's output).

Measured over the distinct gold QUANTITY spans of the dev articles (an argument shared by two
events counts once):
- exact recall: a predicted quantity has exactly the gold span;
- overlap recall: a predicted quantity overlaps the gold span;
- boundary precision: of the predicted quantities that overlap a gold span, those with its span;
- share of predictions on a gold span: predicted quantities with a gold span over all predicted
  quantities of the dev articles. Gold marks only the magnitudes of annotated events, so this is
  a lower bound of precision, not precision; `--list` prints the other predictions to audit.
Dev only: the test third of the gold is never read here.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent


def dev_articles(gold):
    out = []
    with open(gold / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                if a.get("split") == "dev":
                    out.append(a)
    return out


def gold_spans(gold, ids):
    """{(article, start, end): (text, roles)} for the QUANTITY arguments of the dev articles."""
    spans = {}
    for aid in ids:
        path = gold / "events" / f"{aid}.json"
        if not path.exists() or not path.read_text(encoding="utf-8").strip():
            continue
        for ev in json.loads(path.read_text(encoding="utf-8"))["events"]:
            for arg in ev["arguments"]:
                if arg["kind"] == "QUANTITY":
                    key = (aid, arg["start"], arg["end"])
                    text, roles = spans.get(key, (arg["text"], set()))
                    roles.add(f'{ev["type"]}/{arg["role"]}')
                    spans[key] = (text, roles)
    return spans


def run_stage(articles):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
        path = f.name
    cmd = ["cargo", "run", "--release", "-q", "-p", "factx-core", "--example", "quantities", "--", path]
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    pathlib.Path(path).unlink()
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def score(gold, preds):
    """gold: {(aid, s, e): (text, roles)}; preds: {aid: [quantity dicts]}."""
    by_article = {}
    for (aid, s, e) in gold:
        by_article.setdefault(aid, []).append((s, e))
    exact = overlap = 0
    missed, near = [], []
    for (aid, s, e), (text, roles) in sorted(gold.items()):
        ps = preds.get(aid, [])
        if any(p["start"] == s and p["end"] == e for p in ps):
            exact += 1
            continue
        hit = [p for p in ps if p["start"] < e and s < p["end"]]
        if hit:
            overlap += 1
            near.append((aid, text, [p["text"] for p in hit], roles))
        else:
            missed.append((aid, text, roles))
    on_gold = touching = n_pred = 0
    others = []
    for aid, ps in preds.items():
        spans = by_article.get(aid, [])
        for p in ps:
            n_pred += 1
            if (p["start"], p["end"]) in spans:
                on_gold += 1
                touching += 1
            elif any(p["start"] < e and s < p["end"] for s, e in spans):
                touching += 1
            else:
                others.append((aid, p))
    n = len(gold)
    return {
        "gold": n,
        "exact": exact,
        "overlap": exact + overlap,
        "predicted": n_pred,
        "on_gold": on_gold,
        "touching": touching,
        "missed": missed,
        "near": near,
        "others": others,
    }


def report(r, list_others):
    ratio = lambda a, b: f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"
    print(f"gold QUANTITY spans (dev): {r['gold']}")
    print(f"exact recall:       {ratio(r['exact'], r['gold'])}")
    print(f"overlap recall:     {ratio(r['overlap'], r['gold'])}")
    print(f"boundary precision: {ratio(r['on_gold'], r['touching'])}")
    print(f"predictions on a gold span: {ratio(r['on_gold'], r['predicted'])} (lower bound of precision)")
    for aid, text, roles in r["missed"]:
        print(f"  missed  {aid}  {text!r}  {sorted(roles)}")
    for aid, text, got, roles in r["near"]:
        print(f"  bounds  {aid}  gold {text!r}  predicted {got}  {sorted(roles)}")
    if list_others:
        for aid, p in r["others"]:
            print(f"  other   {aid}  {p['text']!r}  {p['unit']} {p['qualifier']} noun={p['noun']}")


def self_test():
    gold = {("a", 0, 11): ("at least 12", {"ASSAULT/dead"}), ("a", 20, 27): ("dozens", {"PROTEST/size"}),
            ("a", 40, 43): ("238", {"ACCIDENT/injured"})}
    preds = {"a": [{"start": 0, "end": 11, "text": "at least 12"}, {"start": 20, "end": 26, "text": "dozen"},
                   {"start": 50, "end": 52, "text": "12"}]}
    r = score(gold, preds)
    assert (r["gold"], r["exact"], r["overlap"], r["predicted"], r["on_gold"], r["touching"]) == (3, 1, 2, 3, 1, 2), r
    assert [m[1] for m in r["missed"]] == ["238"]
    print("self-test ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(REPO / "eval" / "gold"))
    ap.add_argument("--pred")
    ap.add_argument("--list", action="store_true", help="print the predictions on no gold span")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if args.self_test:
        self_test()
        return
    gold_dir = pathlib.Path(args.gold)
    articles = dev_articles(gold_dir)
    ids = [a["id"] for a in articles]
    gold = gold_spans(gold_dir, ids)
    if args.pred:
        with open(args.pred, encoding="utf-8") as f:
            records = [json.loads(l) for l in f if l.strip()]
    else:
        records = run_stage(articles)
    dev = set(ids)
    preds = {r["id"]: r["quantities"] for r in records if r["id"] in dev}
    report(score(gold, preds), args.list)


if __name__ == "__main__":
    sys.exit(main())
