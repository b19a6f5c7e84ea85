#!/usr/bin/env python3
"""Inter-annotator agreement: a second annotation of some gold articles against the committed gold.

    python3 scripts/eval/gold_agreement.py --second DIR [--gold eval/gold] [--json]

DIR holds `<layer>/<id>.json` files (layers events, attribution, coref, times) in the gold's own
format (eval/gold/GUIDELINES.md). Only the articles DIR annotates are scored. Each layer is scored
twice with the project's scorers (eval/score_*.py): the committed gold as gold and the second
annotation as prediction ("A: gold vs second"), then the reverse ("B: second vs gold"); F1 is
symmetric, precision and recall swap. An annotation is read as a prediction through these
renderings as FactSets:
- events: `score_events.gold_to_factsets` (argument spans kept);
- attribution: `score_attribution.gold_as_pred` (content from the first piece's start to the last
  piece's end, speaker = the source span with `source_entity` as its name);
- times: each TIMEX3 as a FactSet time (span, value, type);
- coreference: one entity per `entity` value, holding its mentions and every name mention the
  annotation gives as an antecedent of it, and every occurrence in the body of the entity's name;
  a mention with `entity: null` is an entity of its own (unattached). The scorer's "right" then
  means: attached to the entity the gold names (by name or by an antecedent span).
Coreference also gets a symmetric mention-level figure: mention F1 (paired by overlap) and the
share of paired mentions given the same entity (or both null); the disagreeing pairs are listed.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "eval"))
import score_attribution  # noqa: E402
import score_events  # noqa: E402

LAYERS = {"events": "events", "attribution": "attributions", "coref": "mentions", "times": "times"}


def load_layer(root, layer, ids):
    out = {}
    for aid in ids:
        f = pathlib.Path(root) / layer / f"{aid}.json"
        if f.exists():
            out[aid] = json.load(open(f, encoding="utf-8"))[LAYERS[layer]]
    return out


def times_factsets(ann):
    return {aid: {"articleId": aid, "times": [
        {"span": {"start": t["start"], "end": t["end"]}, "text": t["text"], "value": t["value"],
         "type": "TIME_TYPE_" + t["type"]} for t in times]} for aid, times in ann.items()}


def coref_factsets(ann, arts):
    out = {}
    for aid, mentions in ann.items():
        body = arts[aid]["body"]
        clusters, ents = {}, []
        for m in mentions:
            span = {"span": {"start": m["start"], "end": m["end"]}, "text": m["text"],
                    "kind": "MENTION_KIND_" + m["kind"]}
            if m.get("entity") is None:
                ents.append({"id": f"n{len(ents)}", "canonicalName": "", "mentions": [span]})
                continue
            c = clusters.setdefault(m["entity"], {"mentions": [], "names": {}})
            c["mentions"].append(span)
            names = [m["antecedent"]] if m.get("antecedent") else []
            i = body.find(m["entity"])
            while i >= 0:
                names.append({"start": i, "end": i + len(m["entity"]), "text": m["entity"]})
                i = body.find(m["entity"], i + 1)
            for a in names:
                c["names"][(a["start"], a["end"])] = {"span": {"start": a["start"], "end": a["end"]},
                                                      "text": a["text"], "kind": "MENTION_KIND_NAME"}
        for name, c in clusters.items():
            ents.append({"id": f"e{len(ents)}", "canonicalName": name,
                         "mentions": c["mentions"] + list(c["names"].values())})
        out[aid] = {"articleId": aid, "entities": ents}
    return out


def coref_pairs(first, second):
    """Mention-level agreement, symmetric: mentions paired one-to-one by overlap (best intersection
    over union first); a pair agrees when both entities are null, or both are set and name the same
    entity (equal names, case and a leading "the" ignored, or overlapping antecedent spans)."""
    def norm(s):
        s = (s or "").casefold().replace("\u2019", "'")
        return s[4:] if s.startswith("the ") else s
    n1 = n2 = paired = agree = 0
    disagreements = []
    for aid in first:
        g, p = first[aid], second.get(aid, [])
        n1 += len(g)
        n2 += len(p)
        cands = []
        for i, x in enumerate(g):
            for j, y in enumerate(p):
                inter = min(x["end"], y["end"]) - max(x["start"], y["start"])
                if inter > 0:
                    cands.append((-inter / (max(x["end"], y["end"]) - min(x["start"], y["start"])), i, j))
        used_i, used_j = set(), set()
        for _, i, j in sorted(cands):
            if i in used_i or j in used_j:
                continue
            used_i.add(i)
            used_j.add(j)
            x, y = g[i], p[j]
            paired += 1
            same = x.get("entity") is None and y.get("entity") is None
            if x.get("entity") is not None and y.get("entity") is not None:
                a, b = x.get("antecedent"), y.get("antecedent")
                same = norm(x["entity"]) == norm(y["entity"]) or bool(
                    a and b and min(a["end"], b["end"]) > max(a["start"], b["start"]))
            agree += same
            if not same:
                disagreements.append((aid, x["start"], x["text"], x.get("entity"), y.get("entity")))
    p_, r_ = (paired / n2 if n2 else 0.0), (paired / n1 if n1 else 0.0)
    return {"first": n1, "second": n2, "paired": paired,
            "mention_f1": 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0,
            "entity_agreement": agree / paired if paired else 0.0, "disagreements": disagreements}


def write_gold_dir(d, arts, ids, layers):
    """A gold folder holding only `ids`, with the given {layer: {id: items}}."""
    d.mkdir(parents=True)
    with open(d / "articles.jsonl", "w", encoding="utf-8") as f:
        for aid in ids:
            f.write(json.dumps(arts[aid], ensure_ascii=False) + "\n")
    for layer, ann in layers.items():
        (d / layer).mkdir()
        for aid, items in ann.items():
            doc = {"article_id": aid, LAYERS[layer]: items}
            (d / layer / f"{aid}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def run_json(script, *args):
    r = subprocess.run([sys.executable, str(REPO / "eval" / script), *args, "--json"],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def direction(tmp, name, arts, ids, gold_ann, pred_ann):
    gdir = tmp / name
    write_gold_dir(gdir, arts, ids, gold_ann)
    res = {}
    # events
    pred = tmp / f"{name}-events.jsonl"
    pred.write_text(score_events.gold_to_factsets(arts, pred_ann["events"]), encoding="utf-8")
    ev = run_json("score_events.py", "--gold", str(gdir), "--pred", str(pred), "--split", "all")["all"]
    res["events"] = {"trigger_identification": ev["trigger_identification"]["f1"],
                     "trigger_classification": ev["trigger_classification"]["f1"],
                     "arguments": ev["arguments"]["f1"],
                     "modality": ev["modality_agreement"], "polarity": ev["polarity_agreement"],
                     "gold": ev["gold_events"], "pred": ev["pred_events"]}
    # attribution
    pred = tmp / f"{name}-attribution.jsonl"
    fs = score_attribution.gold_as_pred(arts, pred_ann["attribution"])
    pred.write_text("".join(json.dumps(x) + "\n" for x in fs.values()), encoding="utf-8")
    at = run_json("score_attribution.py", "--gold", str(gdir), "--pred", str(pred), "--split", "all")
    res["attribution"] = {"detection": at["detection"]["f1"], "strict": at["strict"]["f1"],
                          "source": at["source_accuracy"], "cue": at["cue_accuracy"],
                          "gold": at["gold"], "pred": at["pred"]}
    # times
    pred = tmp / f"{name}-times.jsonl"
    fs = times_factsets(pred_ann["times"])
    pred.write_text("".join(json.dumps(x) + "\n" for x in fs.values()), encoding="utf-8")
    tm = run_json("score_times.py", "--gold", str(gdir), "--pred", str(pred), "--split", "all")
    res["times"] = {"relaxed": tm["relaxed"]["f1"], "strict": tm["strict"]["f1"], "value": tm["value"]["f1"],
                    "type": tm["type"]["f1"], "gold": tm["gold"], "pred": tm["pred"]}
    # coreference
    pred = tmp / f"{name}-coref.jsonl"
    fs = coref_factsets(pred_ann["coref"], arts)
    pred.write_text("".join(json.dumps(x) + "\n" for x in fs.values()), encoding="utf-8")
    co = run_json("score_coref.py", "--gold", str(gdir), "--pred", str(pred), "--split", "all")
    e, z = co["with_entity"]["ALL"], co["null_entity"]["ALL"]
    res["coref"] = {"with_entity": e["n"], "right": e["right_share"], "wrong": e["wrong_share"],
                    "unattached": e["unattached_share"], "null": z["n"], "null_unattached": z["unattached_share"]}
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--second", required=True, help="folder with <layer>/<id>.json of the second annotation")
    ap.add_argument("--gold", default=str(REPO / "eval" / "gold"))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    arts = {x["id"]: x for x in map(json.loads, open(pathlib.Path(a.gold) / "articles.jsonl", encoding="utf-8"))}
    ids = sorted({f.stem for f in pathlib.Path(a.second).glob("*/*.json")} & arts.keys())
    if not ids:
        ap.error(f"no annotation files of known articles under {a.second}")
    first = {layer: load_layer(a.gold, layer, ids) for layer in LAYERS}
    second = {layer: load_layer(a.second, layer, ids) for layer in LAYERS}
    for layer in LAYERS:
        if set(first[layer]) != set(second[layer]):
            sys.exit(f"{layer}: the two annotations cover different articles")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        out = {"articles": ids,
               "A: gold vs second": direction(tmp, "a", arts, ids, first, second),
               "B: second vs gold": direction(tmp, "b", arts, ids, second, first),
               "coref mentions": coref_pairs(first["coref"], second["coref"])}
    if a.json:
        print(json.dumps(out, indent=1))
        return
    print(f"articles: {', '.join(ids)}")
    for k in ("A: gold vs second", "B: second vs gold"):
        r = out[k]
        e, t, m, c = r["events"], r["attribution"], r["times"], r["coref"]
        print(f"\n{k}")
        print(f"  events: {e['gold']} gold / {e['pred']} predicted; trigger F1 {e['trigger_identification']:.3f}, "
              f"type F1 {e['trigger_classification']:.3f}, argument F1 {e['arguments']:.3f}; "
              f"modality {e['modality']:.3f}, polarity {e['polarity']:.3f} (on matched)")
        print(f"  attribution: {t['gold']} / {t['pred']}; detection F1 {t['detection']:.3f}, strict F1 {t['strict']:.3f}, "
              f"source {t['source']:.3f}, cue {t['cue']:.3f}")
        print(f"  times: {m['gold']} / {m['pred']}; relaxed F1 {m['relaxed']:.3f}, strict F1 {m['strict']:.3f}, "
              f"value F1 {m['value']:.3f}, type F1 {m['type']:.3f}")
        print(f"  coref: {c['with_entity']} gold mentions with an entity: right {c['right']:.3f}, wrong {c['wrong']:.3f}, "
              f"unattached {c['unattached']:.3f}; {c['null']} with entity null: unattached {c['null_unattached']:.3f}")
    c = out["coref mentions"]
    print(f"\ncoref mentions: {c['first']} gold / {c['second']} second, {c['paired']} paired (mention F1 "
          f"{c['mention_f1']:.3f}); same entity (or both null) on {c['entity_agreement']:.3f} of the pairs")
    for d in c["disagreements"]:
        print(f"  {d[0]} {d[1]} {d[2]!r}: gold {d[3]} / second {d[4]}")


if __name__ == "__main__":
    main()
