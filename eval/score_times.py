#!/usr/bin/env python3
"""Scores factx time expressions against the project's time gold (eval/gold/times/).

    factx extract eval/gold/articles.jsonl --offset-unit code-point > PRED.jsonl
    python3 eval/score_times.py --gold eval/gold --pred PRED.jsonl [--split dev|test|all] [--json]
    python3 eval/score_times.py --self-test

Measures, as in TempEval-3 (UzZaman et al. 2013), over the gold TIMEX3 of every article that has
a `times/<id>.json` file:
- relaxed span P/R/F1: a predicted time matches a gold time when their spans overlap (one-to-one);
- strict span P/R/F1: the spans are identical (one-to-one);
- value accuracy: share of relaxed matches whose value is equal; value F1: P/R/F1 where a true
  positive is a relaxed match with an equal value (TempEval-3's "value F1");
- type accuracy (DATE/TIME/DURATION/SET) over relaxed matches, and type F1 likewise.
Values are compared as strings after trimming; the gold's optional `mod` is not scored.
`--errors` lists misses, false alarms and value/type mismatches (use it on dev only: the test
split is never inspected while tuning).
"""
import argparse, json, pathlib, sys, tempfile

from factset_io import load_articles, load_pred

SPLITS = ("dev", "test", "all")


def span_of(obj):
    """(start, end) of a proto3-JSON object with `span` (zero fields omitted) or flat start/end."""
    s = obj.get("span", obj)
    return int(s.get("start", 0)), int(s.get("end", 0))


def norm_type(t):
    t = (t or "").upper()
    return t[len("TIME_TYPE_"):] if t.startswith("TIME_TYPE_") else t


def pred_times(fs):
    out = []
    for t in (fs or {}).get("times", []):
        s, e = span_of(t)
        out.append({"start": s, "end": e, "text": t.get("text", ""),
                    "value": (t.get("value") or "").strip(), "type": norm_type(t.get("type"))})
    return out


def overlap(a, b):
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(gold, pred, strict):
    """One-to-one matching: candidate pairs sorted by (exact span, overlap length), taken greedily."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if strict:
                ok = g["start"] == p["start"] and g["end"] == p["end"]
            else:
                ok = overlap(g, p) > 0 or (g["start"] == p["start"] and g["end"] == p["end"])
            if ok:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                cands.append((not exact, -overlap(g, p), i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i); used_p.add(j); pairs.append((i, j))
    return pairs


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold_dir, pred, split="all", errors=None):
    """Returns the figures for one split; `errors`, if a list, receives readable error lines."""
    gold_dir = pathlib.Path(gold_dir)
    c = dict(articles=0, gold=0, pred=0, relaxed=0, strict=0, value=0, type=0)
    by_type = {}
    for a in load_articles(gold_dir):
        if split != "all" and a.get("split") != split:
            continue
        f = gold_dir / "times" / f"{a['id']}.json"
        if not f.exists():
            continue
        g = json.load(open(f, encoding="utf-8"))["times"]
        p = pred_times(pred.get(a["id"]))
        c["articles"] += 1
        c["gold"] += len(g)
        c["pred"] += len(p)
        c["strict"] += len(match(g, p, strict=True))
        pairs = match(g, p, strict=False)
        c["relaxed"] += len(pairs)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, gt in enumerate(g):
            bt = by_type.setdefault(gt["type"], dict(gold=0, relaxed=0, value=0))
            bt["gold"] += 1
        for i, j in pairs:
            gt, pt = g[i], p[j]
            vok = gt["value"].strip() == pt["value"]
            tok = gt["type"] == pt["type"]
            c["value"] += vok
            c["type"] += tok
            by_type[gt["type"]]["relaxed"] += 1
            by_type[gt["type"]]["value"] += vok
            if errors is not None and not (vok and tok):
                errors.append(f"{a['id']}\tMISMATCH\tgold {gt['text']!r} {gt['type']} {gt['value']}"
                              f"\tpred {pt['text']!r} {pt['type']} {pt['value']}")
        if errors is not None:
            for i, gt in enumerate(g):
                if i not in matched_g:
                    errors.append(f"{a['id']}\tMISSED\tgold {gt['text']!r} {gt['type']} {gt['value']}")
            for j, pt in enumerate(p):
                if j not in matched_p:
                    errors.append(f"{a['id']}\tSPURIOUS\tpred {pt['text']!r} {pt['type']} {pt['value']}")
    rp, rr, rf = prf(c["relaxed"], c["pred"], c["gold"])
    sp, sr, sf = prf(c["strict"], c["pred"], c["gold"])
    vp, vr, vf = prf(c["value"], c["pred"], c["gold"])
    tp_, tr, tf = prf(c["type"], c["pred"], c["gold"])
    return {
        "split": split, "articles": c["articles"], "gold": c["gold"], "pred": c["pred"],
        "relaxed": {"tp": c["relaxed"], "p": rp, "r": rr, "f1": rf},
        "strict": {"tp": c["strict"], "p": sp, "r": sr, "f1": sf},
        "value": {"tp": c["value"], "accuracy": c["value"] / c["relaxed"] if c["relaxed"] else 0.0,
                  "p": vp, "r": vr, "f1": vf},
        "type": {"tp": c["type"], "accuracy": c["type"] / c["relaxed"] if c["relaxed"] else 0.0,
                 "p": tp_, "r": tr, "f1": tf},
        "by_gold_type": {k: dict(v, relaxed_recall=v["relaxed"] / v["gold"] if v["gold"] else 0.0,
                                 value_recall=v["value"] / v["gold"] if v["gold"] else 0.0)
                         for k, v in sorted(by_type.items())},
    }


def table(results):
    lines = ["split  arts gold pred | relaxed P   R    F1  | strict F1 | value acc  F1  | type acc"]
    for r in results:
        lines.append(
            f"{r['split']:<5} {r['articles']:>4} {r['gold']:>4} {r['pred']:>4} |"
            f" {r['relaxed']['p']:.3f} {r['relaxed']['r']:.3f} {r['relaxed']['f1']:.3f} |"
            f"   {r['strict']['f1']:.3f}   |"
            f" {r['value']['accuracy']:.3f} {r['value']['f1']:.3f} |"
            f" {r['type']['accuracy']:.3f}")
    for r in results:
        parts = [f"{k} {v['gold']} (span {v['relaxed_recall']:.2f}, value {v['value_recall']:.2f})"
                 for k, v in r["by_gold_type"].items()]
        lines.append(f"{r['split']}: recall by gold type: " + "; ".join(parts))
    return "\n".join(lines)


def self_test():
    body = "On Friday the envoy said talks would last two weeks, starting early next month, every day."
    def sp(text, k=0):
        i = -1
        for _ in range(k + 1):
            i = body.index(text, i + 1)
        return i, i + len(text)
    with tempfile.TemporaryDirectory() as d:
        d = pathlib.Path(d)
        (d / "times").mkdir()
        arts = [{"id": "a1", "split": "dev", "body": body}, {"id": "a2", "split": "test", "body": body},
                {"id": "a3", "split": "dev", "body": body}]  # a3 has no times file: not scored
        (d / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in arts) + "\n", encoding="utf-8")
        def g(text, typ, val):
            s, e = sp(text)
            return {"start": s, "end": e, "text": text, "type": typ, "value": val}
        gold = [g("Friday", "DATE", "2025-03-14"), g("two weeks", "DURATION", "P2W"),
                g("early next month", "DATE", "2025-04"), g("every day", "SET", "P1D")]
        for aid in ("a1", "a2"):
            (d / "times" / f"{aid}.json").write_text(json.dumps(
                {"article_id": aid, "dct": "2025-03-14", "times": gold}), encoding="utf-8")
        def p(text, typ, val):
            s, e = sp(text)
            span = {"end": e} if s == 0 else {"start": s, "end": e}
            return {"span": span, "text": text, "value": val, "type": "TIME_TYPE_" + typ}
        # a1: exact+right; exact span, wrong type and value; partial span ("next month"), right
        # value; "every day" missed; one false alarm ("On").
        pred = {"a1": {"articleId": "a1", "times": [
            p("Friday", "DATE", "2025-03-14"), p("two weeks", "DATE", "2025-03-28"),
            p("next month", "DATE", "2025-04"), p("On", "DATE", "XXXX")]}}
        # a2 not in the predictions at all: 4 misses.
        r = score(d, pred, "dev")
        assert (r["articles"], r["gold"], r["pred"]) == (1, 4, 4), r
        assert r["relaxed"]["tp"] == 3 and r["strict"]["tp"] == 2, r
        assert abs(r["relaxed"]["f1"] - 0.75) < 1e-9, r
        assert abs(r["strict"]["f1"] - 0.5) < 1e-9, r
        assert r["value"]["tp"] == 2 and abs(r["value"]["accuracy"] - 2 / 3) < 1e-9, r
        assert abs(r["value"]["f1"] - 0.5) < 1e-9, r
        assert r["type"]["tp"] == 2 and abs(r["type"]["accuracy"] - 2 / 3) < 1e-9, r
        assert r["by_gold_type"]["SET"] == {"gold": 1, "relaxed": 0, "value": 0,
                                            "relaxed_recall": 0.0, "value_recall": 0.0}, r
        r = score(d, pred, "test")
        assert (r["gold"], r["pred"], r["relaxed"]["tp"], r["relaxed"]["f1"]) == (4, 0, 0, 0.0), r
        r = score(d, pred, "all")
        assert (r["articles"], r["gold"], r["relaxed"]["tp"]) == (2, 8, 3), r
        assert abs(r["relaxed"]["r"] - 3 / 8) < 1e-9 and abs(r["relaxed"]["p"] - 3 / 4) < 1e-9, r
        # one-to-one: two predictions overlapping one gold time give one match, one false alarm
        pred2 = {"a1": {"articleId": "a1", "times": [p("two", "DURATION", "P2W"),
                                                     p("two weeks", "DURATION", "P2W")]}}
        r = score(d, pred2, "dev")
        assert r["relaxed"]["tp"] == 1 and r["strict"]["tp"] == 1 and r["value"]["tp"] == 1, r
        errs = []
        score(d, pred, "dev", errs)
        kinds = sorted(e.split("\t")[1] for e in errs)
        assert kinds == ["MISMATCH", "MISSED", "SPURIOUS"], errs
    print("score_times self-test: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(pathlib.Path(__file__).resolve().parent / "gold"))
    ap.add_argument("--pred")
    ap.add_argument("--split", choices=SPLITS, help="one split (default: dev, test and all)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", action="store_true", help="list errors (dev only, please)")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        self_test()
        return
    if not a.pred:
        ap.error("--pred is required (or --self-test)")
    pred = load_pred(a.pred)
    splits = [a.split] if a.split else list(SPLITS)
    results = [score(a.gold, pred, s) for s in splits]
    if a.json:
        print(json.dumps(results if len(results) > 1 else results[0], indent=1))
    else:
        print(table(results))
    if a.errors:
        errs = []
        score(a.gold, pred, a.split or "dev", errs)
        print("\n".join(errs))


if __name__ == "__main__":
    main()
