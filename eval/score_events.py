#!/usr/bin/env python3
"""Scores factx event facts against the events layer of the gold (eval/gold/events/<id>.json).

Usage:
  python3 eval/score_events.py --gold eval/gold --pred PRED.jsonl [--split dev|test|all] [--json] [--types TYPES]
  python3 eval/score_events.py --gold eval/gold --gold-vs-gold DIR [--split ...]
  python3 eval/score_events.py --self-test

--gold-vs-gold DIR scores a second annotation (DIR/<id>.json in the events-file format) against the
gold, on the articles DIR has only: inter-annotator agreement with the same figures.

PRED.jsonl is the output of `factx extract eval/gold/articles.jsonl --offset-unit code-point`: one
FactSet per line (proto3 JSON, camelCase; zero-valued fields omitted).

What is measured, per split (dev, test, and both together with --split all):
- trigger identification: a predicted fact matches a gold event when their trigger spans overlap
  (types ignored); trigger classification: the same, and the types are equal. Matching is
  one-to-one, largest overlap first. P/R/F1, micro overall and per type.
- arguments: a predicted argument matches a gold one when the roles are equal and the spans
  overlap, within a classification-matched event pair. Reported end to end (every gold and every
  predicted argument counts, also those of missed or spurious events) and conditional (only the
  arguments of matched events).
  Where a predicted argument sits: `arguments[].span` when present (or `quantity.span`); else an
  entity argument is located by that entity's mentions inside the fact's evidence spans, a time
  argument by its time expression's span, a text argument by finding its text inside the evidence.
- polarity and modality agreement on matched events.
- coverage: share of gold event mentions whose type the system can express (`--types` file, one
  type per line; default: the types seen in the prediction file's facts), and classification
  recall on those mentions only.
- PLOVER category recall per sentence: for each sentence, the set of PLOVER categories of its gold
  events against the categories of the predicted facts whose trigger is in that sentence
  (`ploverCategory` when present, else derived from the fact type).
- dev only: the lists of missed and spurious events and arguments (test prints figures only).

STATEMENT, ROLE and AFFILIATION facts are ignored. Gold articles without an events file are
skipped (and counted in the header).
"""
import argparse
import json
import pathlib
import re
import sys
from collections import Counter, defaultdict

from factset_io import load_articles, load_pred

IGNORED = {"STATEMENT", "ROLE", "AFFILIATION", "UNSPECIFIED"}
PLOVER_TYPES = ["AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
STAPLES = ["ARREST", "RELEASE", "CHARGE", "TRIAL", "CONVICTION", "SENTENCE", "DEATH", "INJURY",
           "ELECTION", "APPOINTMENT", "RESIGNATION", "DISMISSAL", "ACQUISITION", "MERGER", "DISASTER",
           "ACCIDENT", "FINANCIAL_RESULT", "LAWSUIT", "BANKRUPTCY", "LAYOFF", "INVESTMENT"]
CONSULT_TYPES = ["MEETING", "TRAVEL", "COMMUNICATION"]
KNOWN_TYPES = PLOVER_TYPES + STAPLES + CONSULT_TYPES
# The PLOVER category of each guideline type (section 1 of eval/gold/GUIDELINES.md); None: no category.
CATEGORY = {t: t for t in PLOVER_TYPES}
CATEGORY.update({"ARREST": "COERCE", "RELEASE": "RETREAT", "CHARGE": "ACCUSE", "CONVICTION": "SANCTION",
                 "SENTENCE": "SANCTION", "RESIGNATION": "RETREAT", "MEETING": "CONSULT",
                 "TRAVEL": "CONSULT", "COMMUNICATION": "CONSULT"})
REPO = pathlib.Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- helpers

def strip_prefix(s, prefix):
    s = (s or "").strip()
    return s[len(prefix):] if s.upper().startswith(prefix) else s


def norm_type(t):
    return strip_prefix(t, "FACT_TYPE_").upper()


def norm_enum(v, prefix, default):
    v = strip_prefix(v, prefix).upper()
    return v if v and v != "UNSPECIFIED" else default


def span_of(obj):
    """(start, end) of a proto3 JSON Span (omitted zero fields read as 0), or None."""
    if not isinstance(obj, dict):
        return None
    if "start" not in obj and "end" not in obj:
        return None
    return int(obj.get("start", 0)), int(obj.get("end", 0))


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a, b):
    # Non-empty overlap; an empty span overlaps a span that strictly contains its position.
    if a[0] == a[1] or b[0] == b[1]:
        p, q = (a, b) if a[0] == a[1] else (b, a)
        return q[0] <= p[0] < q[1] or p == q
    return overlap(a, b) > 0


def prf(tp_p, n_pred, tp_g, n_gold):
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp_g, "pred": n_pred, "gold": n_gold}


_ABBR = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|vs|Jr|Sr|"
                   r"Capt|Maj|Sgt|Prof|Rev|Inc|Co|Ltd|Corp|[A-Z])\.[\"”’']?$")


def sentence_spans(body):
    """A deterministic sentence splitter (paragraphs, then . ! ? before a capital), used to put gold
    and predicted events into the same sentences whatever the system's own segmentation."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        p0, para, start = m.start(), m.group(), 0
        for b in re.finditer(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘]?[A-Z0-9])", para):
            if _ABBR.search(para[max(0, b.start() - 8):b.start()]):
                continue
            out.append((p0 + start, p0 + b.start()))
            start = b.end()
        out.append((p0 + start, p0 + len(para)))
    return out


def sentence_index(sents, pos):
    for i, (s, e) in enumerate(sents):
        if s <= pos < e or (pos == e and i == len(sents) - 1):
            return i
    # between sentences (whitespace): the next one
    for i, (s, e) in enumerate(sents):
        if pos < s:
            return i
    return len(sents) - 1 if sents else 0


# ---------------------------------------------------------------- loading

def articles_by_id(gold_dir):
    return {a["id"]: a for a in load_articles(gold_dir)}


def load_gold(gold_dir, arts):
    gold = {}
    d = pathlib.Path(gold_dir) / "events"
    for aid in arts:
        f = d / f"{aid}.json"
        if f.exists():
            gold[aid] = json.load(open(f, encoding="utf-8"))["events"]
    return gold


def gold_events(aid, events):
    out = []
    for e in events:
        out.append({
            "article": aid, "id": e.get("id"), "type": e["type"].upper(),
            "trigger": (e["trigger"]["start"], e["trigger"]["end"]), "text": e["trigger"]["text"],
            "polarity": (e.get("polarity") or "POSITIVE").upper(),
            "modality": (e.get("modality") or "ASSERTED").upper(),
            "category": CATEGORY.get(e["type"].upper()),
            "args": [{"role": a["role"].lower(), "spans": [(a["start"], a["end"])], "text": a["text"]}
                     for a in e.get("arguments", [])],
        })
    return out


def find_all(hay, needle, base):
    out, i = [], hay.find(needle) if needle else -1
    while i != -1:
        out.append((base + i, base + i + len(needle)))
        i = hay.find(needle, i + 1)
    return out


def pred_events(fs, body):
    """The scorable facts of one FactSet, with every argument's candidate spans."""
    ents = {e.get("id"): e for e in fs.get("entities", [])}
    times = {t.get("id"): t for t in fs.get("times", [])}
    out = []
    for i, f in enumerate(fs.get("facts", [])):
        t = norm_type(f.get("type", ""))
        if t in IGNORED or not t:
            continue
        trig = span_of(f.get("trigger"))
        evidence = [s for s in (span_of(x) for x in f.get("evidence", [])) if s]
        if trig is None:
            trig = evidence[0] if evidence else None
        cat = f.get("ploverCategory")
        cat = norm_enum(cat, "PLOVER_CATEGORY_", None) if cat else CATEGORY.get(t)
        args = []
        for a in f.get("arguments", []):
            spans = []
            sp = span_of(a.get("span"))
            q = a.get("quantity")
            if sp is None and isinstance(q, dict):
                sp = span_of(q.get("span"))
            if sp is not None:
                spans = [sp]
            elif a.get("entityId") is not None:
                ms = [span_of(m.get("span")) for m in ents.get(a["entityId"], {}).get("mentions", [])]
                ms = [m for m in ms if m]
                spans = [m for m in ms if any(ev[0] <= m[0] and m[1] <= ev[1] for ev in evidence)]
            elif a.get("timeId") is not None:
                ts = span_of(times.get(a["timeId"], {}).get("span"))
                spans = [ts] if ts else []
            elif a.get("text"):
                for ev in evidence:
                    spans += find_all(body[ev[0]:ev[1]], a["text"], ev[0])
            label = a.get("text") or a.get("entityId") or a.get("timeId") or ""
            if a.get("entityId") in ents:
                label = ents[a["entityId"]].get("canonicalName") or label
            if sp is not None:
                label = body[sp[0]:sp[1]]
            args.append({"role": (a.get("role") or "").lower(), "spans": spans, "text": label})
        out.append({
            "article": fs.get("articleId"), "id": f.get("id") or f"f{i + 1}", "type": t,
            "trigger": trig, "text": body[trig[0]:trig[1]] if trig else "",
            "polarity": norm_enum(f.get("polarity"), "POLARITY_", "POSITIVE"),
            "modality": norm_enum(f.get("modality"), "MODALITY_", "ASSERTED"),
            "category": cat, "args": args,
        })
    return out


def expressible_types(preds, types_file=None):
    """Types the system can express: the --types file, else those seen in the predictions."""
    if types_file:
        out = set()
        for line in open(types_file, encoding="utf-8"):
            line = line.split("#")[0].strip()
            if line:
                out.add(norm_type(line))
        return out, f"--types {types_file}"
    seen = {norm_type(f.get("type", "")) for fs in preds.values() for f in fs.get("facts", [])}
    seen -= IGNORED | {""}
    # Only what the system shows it can produce (or what --types declares): scanning data files
    # for type names would count every name a dictionary mentions as expressible.
    source = "types seen in the predictions"
    return seen, source


# ---------------------------------------------------------------- matching

def match(golds, preds, same_type):
    """One-to-one matching of events by trigger overlap (largest overlap first)."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p["trigger"] is None or g["article"] != p["article"]:
                continue
            if same_type and g["type"] != p["type"]:
                continue
            if overlaps(g["trigger"], p["trigger"]):
                cands.append((-overlap(g["trigger"], p["trigger"]),
                              abs(g["trigger"][0] - p["trigger"][0]), gi, pi))
    cands.sort()
    gm, pm = {}, {}
    for _, _, gi, pi in cands:
        if gi not in gm and pi not in pm:
            gm[gi], pm[pi] = pi, gi
    return gm, pm


def match_args(gargs, pargs):
    cands = []
    for gi, g in enumerate(gargs):
        for pi, p in enumerate(pargs):
            if g["role"] != p["role"]:
                continue
            best = max((overlap(g["spans"][0], s) for s in p["spans"] if overlaps(g["spans"][0], s)),
                       default=None)
            if best is not None:
                cands.append((-best, gi, pi))
    cands.sort()
    gm, pm = {}, {}
    for _, gi, pi in cands:
        if gi not in gm and pi not in pm:
            gm[gi], pm[pi] = pi, gi
    return gm, pm


# ---------------------------------------------------------------- scoring

def score(arts, gold, preds, ids, expressible):
    G, P = [], []
    sent_cache = {}
    for aid in ids:
        body = arts[aid]["body"]
        sent_cache[aid] = sentence_spans(body)
        G += gold_events(aid, gold[aid])
        fs = preds.get(aid)
        if fs is not None:
            P += [dict(p, article=aid) for p in pred_events(fs, body)]

    res = {"articles": len(ids), "gold_events": len(G), "pred_events": len(P)}
    gm_id, pm_id = match(G, P, same_type=False)
    res["trigger_identification"] = prf(len(pm_id), len(P), len(gm_id), len(G))
    gm, pm = match(G, P, same_type=True)
    res["trigger_classification"] = prf(len(pm), len(P), len(gm), len(G))

    # arguments
    n_gold_args = sum(len(g["args"]) for g in G)
    n_pred_args = sum(len(p["args"]) for p in P)
    tp_args = cond_gold = cond_pred = 0
    per_type = defaultdict(Counter)
    missed_args, spurious_args = [], []
    pol_ok = mod_ok = 0
    for gi, pi in gm.items():
        g, p = G[gi], P[pi]
        agm, apm = match_args(g["args"], p["args"])
        tp_args += len(agm)
        cond_gold += len(g["args"])
        cond_pred += len(p["args"])
        per_type[g["type"]]["arg_tp"] += len(agm)
        pol_ok += g["polarity"] == p["polarity"]
        mod_ok += g["modality"] == p["modality"]
        for ai, a in enumerate(g["args"]):
            if ai not in agm:
                missed_args.append((g, a))
        for ai, a in enumerate(p["args"]):
            if ai not in apm:
                spurious_args.append((p, a))
    res["arguments"] = prf(tp_args, n_pred_args, tp_args, n_gold_args)
    res["arguments_in_matched_events"] = prf(tp_args, cond_pred, tp_args, cond_gold)
    res["polarity_agreement"] = pol_ok / len(gm) if gm else 0.0
    res["modality_agreement"] = mod_ok / len(gm) if gm else 0.0

    for g in G:
        c = per_type[g["type"]]
        c["gold"] += 1
        c["gold_args"] += len(g["args"])
    for p in P:
        c = per_type[p["type"]]
        c["pred"] += 1
        c["pred_args"] += len(p["args"])
    for gi in gm:
        per_type[G[gi]["type"]]["tp"] += 1
    res["per_type"] = {}
    for t in sorted(per_type, key=lambda t: (-per_type[t]["gold"], t)):
        c = per_type[t]
        res["per_type"][t] = {
            "trigger": prf(c["tp"], c["pred"], c["tp"], c["gold"]),
            "arguments": prf(c["arg_tp"], c["pred_args"], c["arg_tp"], c["gold_args"]),
            "expressible": t in expressible,
        }

    # coverage
    covered = [gi for gi, g in enumerate(G) if g["type"] in expressible]
    res["coverage"] = {
        "share": len(covered) / len(G) if G else 0.0, "covered": len(covered), "gold": len(G),
        "uncovered_types": dict(Counter(g["type"] for g in G if g["type"] not in expressible).most_common()),
        "recall_on_covered": (sum(1 for gi in covered if gi in gm) / len(covered)) if covered else 0.0,
    }

    # PLOVER categories per sentence
    gs, ps = defaultdict(set), defaultdict(set)
    for g in G:
        if g["category"]:
            gs[(g["article"], sentence_index(sent_cache[g["article"]], g["trigger"][0]))].add(g["category"])
    for p in P:
        if p["category"] and p["trigger"] is not None:
            ps[(p["article"], sentence_index(sent_cache[p["article"]], p["trigger"][0]))].add(p["category"])
    hit = sum(len(gs[k] & ps.get(k, set())) for k in gs)
    n_g = sum(len(v) for v in gs.values())
    n_p = sum(len(v) for v in ps.values())
    res["plover_category_per_sentence"] = {
        "recall": hit / n_g if n_g else 0.0, "precision": hit / n_p if n_p else 0.0,
        "hit": hit, "gold": n_g, "pred": n_p, "sentences_with_gold": len(gs),
    }
    per_cat = defaultdict(Counter)
    for k, cats in gs.items():
        for c in cats:
            per_cat[c]["gold"] += 1
            per_cat[c]["hit"] += c in ps.get(k, set())
    res["plover_category_recall"] = {c: per_cat[c]["hit"] / per_cat[c]["gold"]
                                     for c in sorted(per_cat, key=lambda c: -per_cat[c]["gold"])}

    def ctx(e):
        body = arts[e["article"]]["body"]
        s, t = sent_cache[e["article"]][sentence_index(sent_cache[e["article"]], e["trigger"][0])]
        return body[s:t]

    res["_lists"] = {
        "missed": [(g, ctx(g)) for gi, g in enumerate(G) if gi not in gm],
        "spurious": [(p, ctx(p)) for pi, p in enumerate(P) if pi not in pm and p["trigger"] is not None],
        "missed_args": missed_args, "spurious_args": spurious_args,
        "wrong_type": [(G[gi], P[pi]) for gi, pi in gm_id.items() if G[gi]["type"] != P[pi]["type"]],
    }
    return res


# ---------------------------------------------------------------- output

def fmt_prf(d):
    return f"P {d['p']:.3f}  R {d['r']:.3f}  F1 {d['f1']:.3f}   (tp {d['tp']}, pred {d['pred']}, gold {d['gold']})"


def print_report(name, res, lists, out=sys.stdout):
    w = out.write
    skipped = res.get("articles_without_gold", 0)
    w(f"== {name}: {res['articles']} articles with gold"
      + (f" ({skipped} without an events file skipped)" if skipped else "")
      + f", {res['gold_events']} gold events, {res['pred_events']} predicted ==\n")
    w(f"trigger identification   {fmt_prf(res['trigger_identification'])}\n")
    w(f"trigger classification   {fmt_prf(res['trigger_classification'])}\n")
    w(f"arguments (end to end)   {fmt_prf(res['arguments'])}\n")
    w(f"arguments (matched ev.)  {fmt_prf(res['arguments_in_matched_events'])}\n")
    w(f"polarity agreement {res['polarity_agreement']:.3f}, modality agreement "
      f"{res['modality_agreement']:.3f} (on classification-matched events)\n")
    c = res["coverage"]
    w(f"coverage {c['share']:.3f} ({c['covered']}/{c['gold']} gold mentions of expressible types); "
      f"classification recall on those {c['recall_on_covered']:.3f}\n")
    if c["uncovered_types"]:
        w("  not expressible: " + ", ".join(f"{t} {n}" for t, n in c["uncovered_types"].items()) + "\n")
    pc = res["plover_category_per_sentence"]
    w(f"PLOVER category per sentence: recall {pc['recall']:.3f} ({pc['hit']}/{pc['gold']}), "
      f"precision {pc['precision']:.3f} (of {pc['pred']}), {pc['sentences_with_gold']} sentences with gold\n")
    w("  recall by category: " + ", ".join(f"{k} {v:.2f}" for k, v in res["plover_category_recall"].items()) + "\n")
    w(f"{'type':<17}{'gold':>5}{'pred':>5}{'tp':>5}{'P':>7}{'R':>7}{'F1':>7}   {'argP':>6}{'argR':>6}{'argF1':>6}  expr\n")
    for t, d in res["per_type"].items():
        tr, ar = d["trigger"], d["arguments"]
        w(f"{t:<17}{tr['gold']:>5}{tr['pred']:>5}{tr['tp']:>5}{tr['p']:>7.3f}{tr['r']:>7.3f}{tr['f1']:>7.3f}   "
          f"{ar['p']:>6.3f}{ar['r']:>6.3f}{ar['f1']:>6.3f}  {'yes' if d['expressible'] else '-'}\n")
    if not lists:
        return
    L = res["_lists"]
    w(f"\n-- missed events ({len(L['missed'])}) --\n")
    for g, s in L["missed"]:
        w(f"  {g['article']} {g['type']:<14} {g['text']!r:<22} | {s}\n")
    w(f"\n-- spurious events ({len(L['spurious'])}) --\n")
    for p, s in L["spurious"]:
        w(f"  {p['article']} {p['type']:<14} {p['text']!r:<22} | {s}\n")
    w(f"\n-- right trigger, wrong type ({len(L['wrong_type'])}) --\n")
    for g, p in L["wrong_type"]:
        w(f"  {g['article']} {g['text']!r}: gold {g['type']}, predicted {p['type']}\n")
    w(f"\n-- missed arguments in matched events ({len(L['missed_args'])}) --\n")
    for g, a in L["missed_args"]:
        w(f"  {g['article']} {g['type']} {g['text']!r}: {a['role']} = {a['text']!r}\n")
    w(f"\n-- spurious arguments in matched events ({len(L['spurious_args'])}) --\n")
    for p, a in L["spurious_args"]:
        where = "unlocated" if not a["spans"] else f"at {a['spans'][0][0]}"
        w(f"  {p['article']} {p['type']} {p['text']!r}: {a['role']} = {a['text']!r} ({where})\n")


def strip_lists(res):
    return {k: v for k, v in res.items() if not k.startswith("_")}


def load_events_dir(d, arts):
    """A second annotation in the events-file format: {article id: events}."""
    out = {}
    for f in sorted(pathlib.Path(d).glob("*.json")):
        doc = json.load(open(f, encoding="utf-8"))
        if doc.get("article_id") in arts:
            out[doc["article_id"]] = doc["events"]
    return out


def run(gold_dir, pred_path, split, as_json, types_file, out=sys.stdout, only=None):
    arts = articles_by_id(gold_dir)
    gold = load_gold(gold_dir, arts)
    if only is not None:
        gold = {a: e for a, e in gold.items() if a in only}
        arts = {a: v for a, v in arts.items() if a in only}
    preds = load_pred(pred_path)
    expressible, source = expressible_types(preds, types_file)
    splits = ["dev", "test", "all"] if split == "all" else [split]
    results = {}
    for s in splits:
        ids = [a for a in arts if a in gold and (s == "all" or arts[a].get("split") == s)]
        results[s] = score(arts, gold, preds, ids, expressible)
        results[s]["articles_without_gold"] = sum(1 for a in arts if a not in gold and
                                                  (s == "all" or arts[a].get("split") == s))
    if as_json:
        json.dump({"expressible_types": sorted(expressible), "expressible_source": source,
                   **{s: strip_lists(r) for s, r in results.items()}}, out, indent=1)
        out.write("\n")
    else:
        out.write(f"expressible types ({source}): {', '.join(sorted(expressible)) or '(none)'}\n\n")
        for s in splits:
            print_report(s, results[s], lists=(s == "dev"), out=out)
            out.write("\n")
    return results


# ---------------------------------------------------------------- self-test

def gold_to_factsets(arts, gold, with_spans=True):
    """Gold events as predicted FactSets: with argument spans, or through the fallbacks (entity
    mentions inside the evidence, text inside the evidence)."""
    lines = []
    for aid, events in gold.items():
        body = arts[aid]["body"]
        sents = sentence_spans(body)
        entities, facts = [], []
        for e in events:
            s, t = sents[sentence_index(sents, e["trigger"]["start"])]
            lo = min([s, e["trigger"]["start"]] + [a["start"] for a in e.get("arguments", [])])
            hi = max([t, e["trigger"]["end"]] + [a["end"] for a in e.get("arguments", [])])
            args = []
            for a in e.get("arguments", []):
                if with_spans:
                    arg = {"role": a["role"], "text": a["text"], "span": {"start": a["start"], "end": a["end"]}}
                    if a["start"] == 0:
                        del arg["span"]["start"]          # proto3 JSON omits zero values
                elif a["kind"] in ("TEXT", "QUANTITY", "TIME"):
                    arg = {"role": a["role"], "text": a["text"]}
                else:
                    eid = f"e{len(entities) + 1}"
                    entities.append({"id": eid, "canonicalName": a["text"],
                                     "mentions": [{"span": {"start": a["start"], "end": a["end"]}, "text": a["text"]}]})
                    arg = {"role": a["role"], "entityId": eid}
                args.append(arg)
            fact = {"id": f"f{len(facts) + 1}", "type": "FACT_TYPE_" + e["type"], "arguments": args,
                    "trigger": {"start": e["trigger"]["start"], "end": e["trigger"]["end"]},
                    "evidence": [{"start": lo, "end": hi}],
                    "polarity": "POLARITY_" + e.get("polarity", "POSITIVE"),
                    "modality": "MODALITY_" + e.get("modality", "ASSERTED")}
            if CATEGORY.get(e["type"]):
                fact["ploverCategory"] = "PLOVER_CATEGORY_" + CATEGORY[e["type"]]
            facts.append(fact)
        lines.append(json.dumps({"articleId": aid, "entities": entities, "facts": facts}))
    return "\n".join(lines) + "\n"


def self_test():
    import io
    import tempfile
    ok = True

    def check(name, cond):
        nonlocal ok
        print(("ok   " if cond else "FAIL ") + name)
        ok &= bool(cond)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # 1. a tiny synthetic gold
        body = ("A suicide bomber killed at least 12 people in Kabul on Tuesday. "
                "Police arrested two suspects. The president met his Pakistani counterpart.")
        (tmp / "events").mkdir()
        (tmp / "articles.jsonl").write_text(json.dumps({"id": "t1", "body": body, "split": "dev"}) + "\n"
                                            + json.dumps({"id": "t2", "body": body, "split": "test"}) + "\n")

        def sp(text, k=1):
            i = -1
            for _ in range(k):
                i = body.index(text, i + 1)
            return {"start": i, "end": i + len(text), "text": text}

        evs = [
            {"id": "ev1", "type": "ASSAULT", "mode": "suicide-attack", "trigger": sp("killed"),
             "polarity": "POSITIVE", "modality": "ASSERTED",
             "arguments": [dict(role="actor", kind="NOMINAL", **sp("A suicide bomber")),
                           dict(role="recipient", kind="NOMINAL", **sp("at least 12 people")),
                           dict(role="dead", kind="QUANTITY", **sp("at least 12")),
                           dict(role="location", kind="NAME", **sp("Kabul")),
                           dict(role="time", kind="TIME", **sp("Tuesday"))]},
            {"id": "ev2", "type": "ARREST", "mode": "", "trigger": sp("arrested"),
             "polarity": "POSITIVE", "modality": "ASSERTED",
             "arguments": [dict(role="agent", kind="NOMINAL", **sp("Police")),
                           dict(role="person", kind="NOMINAL", **sp("two suspects")),
                           dict(role="count", kind="QUANTITY", **sp("two"))]},
            {"id": "ev3", "type": "MEETING", "mode": "", "trigger": sp("met"),
             "polarity": "POSITIVE", "modality": "ASSERTED",
             "arguments": [dict(role="participant", kind="NOMINAL", **sp("The president")),
                           dict(role="participant", kind="NOMINAL", **sp("his Pakistani counterpart"))]},
        ]
        for aid in ("t1", "t2"):
            (tmp / "events" / f"{aid}.json").write_text(json.dumps({"article_id": aid, "events": evs}))
        arts = articles_by_id(tmp)
        gold = load_gold(tmp, arts)
        cases = [("synthetic", tmp, arts, gold)]
        real_arts = articles_by_id(REPO / "eval" / "gold")
        real_gold = load_gold(REPO / "eval" / "gold", real_arts)
        if real_gold:
            cases.append((f"eval/gold ({len(real_gold)} articles)", REPO / "eval" / "gold", real_arts, real_gold))

        for name, gdir, arts_, gold_ in cases:
            for with_spans in (True, False):
                pred = tmp / "pred.jsonl"
                pred.write_text(gold_to_factsets(arts_, gold_, with_spans))
                r = run(gdir, pred, "all", False, None, out=io.StringIO())["all"]
                how = "argument spans" if with_spans else "fallbacks"
                check(f"{name}, gold vs itself ({how}): trigger F1 = 1",
                      r["trigger_classification"]["f1"] == 1.0 and r["trigger_identification"]["f1"] == 1.0)
                n_args = r["arguments"]["gold"]
                check(f"{name}, gold vs itself ({how}): argument F1 = 1 ({n_args} arguments)",
                      r["arguments"]["f1"] == 1.0 or n_args == 0)
                check(f"{name}, gold vs itself ({how}): coverage = 1, category recall = 1",
                      r["coverage"]["share"] == 1.0 and r["plover_category_per_sentence"]["recall"] == 1.0)
                check(f"{name}, gold vs itself ({how}): polarity and modality agree",
                      r["polarity_agreement"] == 1.0 and r["modality_agreement"] == 1.0)
            pred = tmp / "empty.jsonl"
            pred.write_text("".join(json.dumps({"articleId": a}) + "\n" for a in gold_))
            r = run(gdir, pred, "all", False, None, out=io.StringIO())["all"]
            check(f"{name}, empty prediction: recall 0",
                  r["trigger_classification"]["r"] == 0.0 and r["arguments"]["r"] == 0.0
                  and r["plover_category_per_sentence"]["recall"] == 0.0 and r["coverage"]["share"] == 0.0)

        # 2. wrong type: identified, not classified; a STATEMENT fact is ignored
        fs = json.loads(gold_to_factsets(arts, gold).splitlines()[0])
        fs["facts"][1]["type"] = "FACT_TYPE_COERCE"
        fs["facts"].append({"type": "FACT_TYPE_STATEMENT", "trigger": {"start": 5, "end": 9}})
        pred = tmp / "p2.jsonl"
        pred.write_text(json.dumps(fs) + "\n")
        r = run(tmp, pred, "dev", False, None, out=io.StringIO())["dev"]
        check("wrong type counts for identification only; STATEMENT ignored",
              r["trigger_identification"]["f1"] == 1.0 and abs(r["trigger_classification"]["r"] - 2 / 3) < 1e-9
              and r["pred_events"] == 3)
        # 3. --gold-vs-gold: a second annotation of t1 only (one event dropped) is scored on t1 only
        other = tmp / "other"
        other.mkdir()
        (other / "t1.json").write_text(json.dumps({"article_id": "t1", "events": evs[:2]}))
        second = load_events_dir(other, arts)
        pred = tmp / "p3.jsonl"
        pred.write_text(gold_to_factsets(arts, second))
        r = run(tmp, pred, "all", False, None, out=io.StringIO(), only=set(second))["all"]
        check("gold vs gold: only the second annotation's articles are scored",
              r["articles"] == 1 and r["gold_events"] == 3 and r["pred_events"] == 2
              and abs(r["trigger_classification"]["f1"] - 0.8) < 1e-9)
    print("self-test " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(REPO / "eval" / "gold"))
    ap.add_argument("--pred")
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--types", help="file with the fact types the system can express, one per line")
    ap.add_argument("--gold-vs-gold", metavar="DIR",
                    help="score a second annotation (DIR/<id>.json, events-file format) against the gold, "
                         "on DIR's articles only (inter-annotator agreement)")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        sys.exit(self_test())
    if a.gold_vs_gold:
        import tempfile
        arts = articles_by_id(a.gold)
        second = load_events_dir(a.gold_vs_gold, arts)
        if not second:
            ap.error(f"no events files for known articles in {a.gold_vs_gold}")
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
            f.write(gold_to_factsets(arts, second))
        try:
            run(a.gold, f.name, a.split, a.json, a.types or None, only=set(second))
        finally:
            pathlib.Path(f.name).unlink()
        return
    if not a.pred:
        ap.error("--pred is required")
    run(a.gold, a.pred, a.split, a.json, a.types)


if __name__ == "__main__":
    main()
