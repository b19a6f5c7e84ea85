#!/usr/bin/env python3
"""Scores STATEMENT facts against the attribution gold (eval/gold/attribution/, GUIDELINES.md section 2).

Usage:
  score_attribution.py --gold eval/gold --pred PRED.jsonl [--split dev|test|all] [--json]
  score_attribution.py --self-test

PRED.jsonl: one FactSet per line, proto3 JSON (camelCase, zero values omitted), as written by
`factx extract eval/gold/articles.jsonl --offset-unit code-point` (or scripts/eval/spacy_attribution.py).
A prediction is every fact with type FACT_TYPE_STATEMENT. Its content is located as follows: the
`span` of its `content` argument when present; else the argument's text found inside one of the
fact's evidence spans (first occurrence), else anywhere in the body (first occurrence, exact, then
with whitespace runs normalised); if the text cannot be found at all, the evidence spans stand in.

Definitions (all counts are per statement):
- Tokens are maximal runs of word characters (\\w+) of the body. The gold content of a statement is
  the union of the tokens of its content pieces; the predicted content, those of its content span.
- Overlap: a prediction and a gold statement overlap when they share at least one token and the
  shared tokens are at least half of the tokens of the smaller of the two contents. Matching is
  one-to-one and greedy on the overlap ratio (shared / smaller), ties broken by the Jaccard ratio
  (shared / union: of nested statements, the outer prediction pairs with the outer gold and the
  inner with the inner, whatever their order), then by text order: each
  gold statement is matched at most once, so one statement per sentence of a three-sentence
  quotation gives one match and two false positives.
- Detection: P = matched / predicted, R = matched / gold, F1.
- Source, on matched statements: with a named gold source (source_entity set), correct when one of
  the predicted speaker entity's mentions overlaps the gold source span, or its canonical name
  matches source_entity (case- and punctuation-insensitive, one name's words a subset of the
  other's, a word of 5+ letters allowed one edit, of 7+ two, for the text's own misspellings: "Rubio" ~
  "Marco Rubio", "Chaundry" ~ "Ahmed Sharif Chaudhry"; the entity's NAME mentions are tried too). When the gold source
  is a pronoun ("he said"), the mention overlap alone does not count: an unresolved or wrongly
  resolved pronoun speaker is wrong unless the entity's names match source_entity. With an unnamed gold source (source_entity null), correct when
  one of the speaker's mentions overlaps the gold source span. No speaker is wrong, except for an
  agentless gold source (kind NONE: "it was reported", "claims that ..."), where no speaker, or a
  speaker without a NAME mention, is correct.
- Speaker error: a matched statement whose speaker is a named entity (one of its mentions has kind
  NAME) that is not correct by the rule above: a different named entity than the gold source, or a
  named entity given to an unnamed source.
- Cue, on matched statements: correct when the fact's trigger overlaps the gold cue span.
- Strict: matched with correct source and cue; strict P/R/F1 over predicted/gold counts.
Lists (missed, spurious, wrong speaker, wrong cue) are printed for the dev split only; for test
only figures are given.
"""
import argparse
import json
import pathlib
import re
import sys

TOKEN = re.compile(r"\w+")


def norm_name(s):
    return [w for w in re.sub(r"[^\w\s]", " ", (s or "").lower()).split() if w not in ("the",)]


def near(u, v):
    """Equal words, or words of 5+ letters one edit apart, 7+ letters two (the text's own
    misspellings: "Pederson" for "Pedersen", "Chaundry" for "Chaudhry")."""
    if u == v:
        return True
    k = 2 if min(len(u), len(v)) >= 7 else 1
    if min(len(u), len(v)) < 5 or abs(len(u) - len(v)) > k:
        return False
    prev = list(range(len(v) + 1))
    for i, cu in enumerate(u, 1):
        cur = [i]
        for j, cv in enumerate(v, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cu != cv)))
        prev = cur
    return prev[-1] <= k


def names_match(a, b):
    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return False
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    return all(any(near(w, z) for z in big) for w in small)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def span_of(d):
    """proto3 JSON span: zero-valued start/end are omitted."""
    if not d:
        return None
    return (int(d.get("start", 0)), int(d.get("end", 0)))


class Tokens:
    def __init__(self, body):
        self.spans = [m.span() for m in TOKEN.finditer(body)]
        self.starts = [s for s, _ in self.spans]

    def of(self, spans):
        import bisect
        out = set()
        for a, b in spans:
            i = bisect.bisect_right(self.starts, a) - 1
            i = max(i, 0)
            while i < len(self.spans) and self.spans[i][0] < b:
                s, e = self.spans[i]
                if s < b and a < e:
                    out.add(i)
                i += 1
        return out


def locate(body, text, evidence):
    """Character span of a content text: inside an evidence span, else in the body."""
    if not text:
        return None
    for a, b in evidence:
        i = body.find(text, a, b)
        if i >= 0:
            return (i, i + len(text))
    i = body.find(text)
    if i >= 0:
        return (i, i + len(text))
    words = text.split()
    if words:
        pat = r"\s+".join(re.escape(w) for w in words)
        m = re.search(pat, body)
        if m:
            return m.span()
    return None


def load_gold(gold_dir, split, require=True):
    gold_dir = pathlib.Path(gold_dir)
    arts = {}
    for line in open(gold_dir / "articles.jsonl", encoding="utf-8"):
        a = json.loads(line)
        if split in ("all", a.get("split")):
            arts[a["id"]] = a
    gold = {}
    for aid in arts:
        f = gold_dir / "attribution" / f"{aid}.json"
        if not f.exists():
            if require:
                raise SystemExit(f"missing gold file {f}")
            continue
        gold[aid] = json.load(open(f, encoding="utf-8"))["attributions"]
    return arts, gold


def statements(fs, body):
    ents = {e.get("id"): e for e in fs.get("entities", [])}
    out = []
    for f in fs.get("facts", []):
        if f.get("type") != "FACT_TYPE_STATEMENT":
            continue
        ev = [span_of(s) for s in f.get("evidence", []) if s]
        speaker, content = None, None
        for a in f.get("arguments", []):
            if a.get("role") == "speaker" and a.get("entityId"):
                speaker = ents.get(a["entityId"])
            if a.get("role") == "content":
                if a.get("span"):
                    content = span_of(a["span"])
                else:
                    content = locate(body, a.get("text", ""), ev)
        spans = [content] if content else ev
        out.append({"fact": f, "speaker": speaker, "content": spans, "trigger": span_of(f.get("trigger")),
                    "text": " ".join(body[a:b] for a, b in spans)})
    return out


def speaker_verdict(g, speaker):
    """(correct, speaker_error)"""
    src = g.get("source") or {}
    agentless = "start" not in src and not g.get("source_entity")
    if speaker is None:
        return agentless, False
    mentions = [m for m in speaker.get("mentions", [])]
    src = g.get("source") or {}
    gspan = (src["start"], src["end"]) if "start" in src else None
    hit = gspan is not None and any(overlaps(span_of(m.get("span")) or (0, 0), gspan) for m in mentions)
    named = any(m.get("kind") == "MENTION_KIND_NAME" for m in mentions)
    if agentless:
        ok = not named
    elif g.get("source_entity"):
        names = [speaker.get("canonicalName", "")] + [m.get("text", "") for m in mentions if m.get("kind") == "MENTION_KIND_NAME"]
        ok = any(names_match(n, g["source_entity"]) for n in names)
        # a mention at the source span counts, except at a pronoun: there the entity must be the right one
        ok = ok or (hit and src.get("kind") != "PRONOUN")
    else:
        ok = hit
    return ok, (named and not ok)


def score_article(body, gold, preds):
    tok = Tokens(body)
    gt = [tok.of([(p["start"], p["end"]) for p in g["content"]]) for g in gold]
    pt = [tok.of(p["content"]) for p in preds]
    pairs = []
    for i, ps in enumerate(pt):
        for j, gs in enumerate(gt):
            inter = len(ps & gs)
            if inter and inter * 2 >= min(len(ps), len(gs)):
                # ties on the ratio (nested statements: the inner content lies inside the outer one,
                # so both predictions cover both gold contents) go to the closer pair by Jaccard
                pairs.append((-inter / min(len(ps), len(gs)), -inter / len(ps | gs), i, j))
    pairs.sort()
    used_p, used_g, matches = set(), set(), []
    for _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matches.append((i, j))
    res = {"gold": len(gold), "pred": len(preds), "match": len(matches), "src": 0, "cue": 0, "strict": 0,
           "spk_err": 0, "missed": [], "spurious": [], "wrong_speaker": [], "wrong_cue": []}
    for i, j in matches:
        p, g = preds[i], gold[j]
        ok, err = speaker_verdict(g, p["speaker"])
        cue_ok = p["trigger"] is not None and overlaps(p["trigger"], (g["cue"]["start"], g["cue"]["end"]))
        res["src"] += ok
        res["cue"] += cue_ok
        res["strict"] += ok and cue_ok
        res["spk_err"] += err
        if not ok:
            res["wrong_speaker"].append({"gold": g["id"], "gold_source": (g.get("source") or {}).get("text"),
                                         "gold_entity": g.get("source_entity"),
                                         "pred_speaker": (p["speaker"] or {}).get("canonicalName"),
                                         "speaker_error": err, "content": p["text"][:100]})
        if not cue_ok:
            t = p["trigger"]
            res["wrong_cue"].append({"gold": g["id"], "gold_cue": g["cue"]["text"],
                                     "pred_trigger": body[t[0]:t[1]] if t else None})
    for j, g in enumerate(gold):
        if j not in used_g:
            res["missed"].append({"gold": g["id"], "kind": g["kind"], "source": (g.get("source") or {}).get("text"),
                                  "cue": g["cue"]["text"], "content": " | ".join(c["text"] for c in g["content"])[:120]})
    for i, p in enumerate(preds):
        if i not in used_p:
            res["spurious"].append({"speaker": (p["speaker"] or {}).get("canonicalName"), "content": p["text"][:120]})
    return res


def prf(m, p, g):
    P = m / p if p else 0.0
    R = m / g if g else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def figures(tot):
    P, R, F = prf(tot["match"], tot["pred"], tot["gold"])
    sP, sR, sF = prf(tot["strict"], tot["pred"], tot["gold"])
    m = tot["match"]
    return {"gold": tot["gold"], "pred": tot["pred"], "matched": m,
            "detection": {"p": round(P, 3), "r": round(R, 3), "f1": round(F, 3)},
            "source_accuracy": round(tot["src"] / m, 3) if m else 0.0,
            "cue_accuracy": round(tot["cue"] / m, 3) if m else 0.0,
            "strict": {"p": round(sP, 3), "r": round(sR, 3), "f1": round(sF, 3)},
            "speaker_errors": tot["spk_err"]}


def score(arts, gold, pred_sets):
    tot = {k: 0 for k in ("gold", "pred", "match", "src", "cue", "strict", "spk_err")}
    per = {}
    for aid, a in arts.items():
        fs = pred_sets.get(aid, {})
        r = score_article(a["body"], gold[aid], statements(fs, a["body"]))
        per[aid] = r
        for k in tot:
            tot[k] += r[k]
    return figures(tot), per


def read_pred(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            fs = json.loads(line)
            out[fs.get("articleId", "")] = fs
    return out


def report(fig, per, arts, lists):
    d = fig["detection"]
    s = fig["strict"]
    print(f"gold {fig['gold']}  predicted {fig['pred']}  matched {fig['matched']}")
    print(f"detection P {d['p']:.3f}  R {d['r']:.3f}  F1 {d['f1']:.3f}")
    print(f"source accuracy {fig['source_accuracy']:.3f}  cue accuracy {fig['cue_accuracy']:.3f}")
    print(f"strict P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}")
    print(f"speaker errors (a different named entity than the gold source) {fig['speaker_errors']}")
    if not lists:
        return
    for aid, r in per.items():
        if arts[aid].get("split") != "dev":
            continue
        if not (r["missed"] or r["spurious"] or r["wrong_speaker"] or r["wrong_cue"]):
            continue
        print(f"\n== {aid}")
        for x in r["missed"]:
            print(f"  MISSED {x['gold']} {x['kind']}: [{x['source']}] {x['cue']}: {x['content']}")
        for x in r["spurious"]:
            print(f"  SPURIOUS [{x['speaker']}]: {x['content']}")
        for x in r["wrong_speaker"]:
            tag = "SPEAKER-ERROR" if x["speaker_error"] else "WRONG-SOURCE"
            print(f"  {tag} {x['gold']}: gold [{x['gold_source']} = {x['gold_entity']}] pred [{x['pred_speaker']}]: {x['content']}")
        for x in r["wrong_cue"]:
            print(f"  WRONG-CUE {x['gold']}: gold {x['gold_cue']!r} pred {x['pred_trigger']!r}")


def self_test():
    body = ('"We will win. They will lose," Jane Doe said. Officials said the bridge was closed. '
            'According to police, two men were arrested. John Roe spoke.')
    def sp(t, n=1):
        i = -1
        for _ in range(n):
            i = body.index(t, i + 1)
        return {"start": i, "end": i + len(t), "text": t}
    gold = [
        {"id": "q1", "kind": "direct", "source": {**sp("Jane Doe"), "kind": "NAME"}, "source_entity": "Jane Doe",
         "cue": sp("said"), "content": [sp("We will win. They will lose,")]},
        {"id": "q2", "kind": "indirect", "source": {**sp("Officials"), "kind": "NOMINAL"}, "source_entity": None,
         "cue": sp("said", 2), "content": [sp("the bridge was closed")]},
        {"id": "q3", "kind": "according_to", "source": {**sp("police"), "kind": "NOMINAL"}, "source_entity": None,
         "cue": sp("According to"), "content": [sp("two men were arrested")]},
    ]
    def m(t, kind="MENTION_KIND_NAME", n=1):
        s = sp(t, n)
        return {"span": {"start": s["start"], "end": s["end"]}, "text": t, "kind": kind}
    def stmt(spk, text, trig, content_span=None, ev=None):
        t = sp(trig)
        e = sp(ev) if ev else {"start": 0, "end": len(body)}
        args = [{"role": "speaker", "entityId": spk}] if spk else []
        c = {"role": "content", "text": text}
        if content_span:
            c["span"] = content_span
        return {"type": "FACT_TYPE_STATEMENT", "arguments": args + [c],
                "trigger": {"start": t["start"], "end": t["end"]},
                "evidence": [{k: v for k, v in e.items() if k != "text" and v}]}
    ents = [{"id": "e1", "canonicalName": "Jane Doe", "mentions": [m("Jane Doe")]},
            {"id": "e2", "canonicalName": "officials", "mentions": [m("Officials", "MENTION_KIND_NOMINAL")]},
            {"id": "e3", "canonicalName": "John Roe", "mentions": [m("John Roe")]}]
    fs = {"articleId": "t", "entities": ents, "facts": [
        stmt("e1", "We will win.", "said"),                       # matches q1 (one sentence of two), right source
        stmt("e1", "They will lose,", "said"),                    # second piece: spurious
        stmt("e3", "the bridge was closed", "Officials said"),    # matches q2, named speaker for unnamed source
        stmt(None, "nothing like this", "spoke", ev="John Roe spoke."),  # spurious: text absent, evidence stands in
    ]}
    arts = {"t": {"id": "t", "body": body, "split": "dev"}}
    fig, per = score(arts, {"t": gold}, {"t": fs})
    r = per["t"]
    assert (fig["gold"], fig["pred"], fig["matched"]) == (3, 4, 2), fig
    assert fig["detection"] == {"p": 0.5, "r": 0.667, "f1": 0.571}, fig
    assert fig["source_accuracy"] == 0.5 and fig["speaker_errors"] == 1, fig
    assert fig["cue_accuracy"] == 1.0, fig     # "Officials said" overlaps the gold cue "said"
    assert fig["strict"]["f1"] == round(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3), 3), fig
    assert [x["gold"] for x in r["missed"]] == ["q3"], r
    assert len(r["spurious"]) == 2 and r["wrong_speaker"][0]["speaker_error"], r
    # content given as a span wins over its text; a zero start is omitted in proto3 JSON
    s = sp('"We will win')
    fs2 = {"articleId": "t", "entities": ents, "facts": [
        stmt("e1", "ignored text", "said", {"end": s["end"]}),
        stmt("e2", "the bridge was closed", "said")]}
    fig2, per2 = score(arts, {"t": gold}, {"t": fs2})
    assert fig2["matched"] == 2 and fig2["source_accuracy"] == 1.0 and fig2["speaker_errors"] == 0, fig2
    # canonical-name rule: a speaker named "Doe" with no overlapping mention is still Jane Doe
    ents3 = [{"id": "e9", "canonicalName": "Doe", "mentions": [m("John Roe")]}]
    fig3, _ = score(arts, {"t": gold}, {"t": {"entities": ents3, "facts": [stmt("e9", "We will win. They will lose,", "said")]}})
    assert fig3["source_accuracy"] == 1.0 and fig3["speaker_errors"] == 0, fig3
    # nested statements pair outer with outer and inner with inner, whatever the prediction order
    nb = '"The report said the dam broke," Jane Doe said.'
    nsp = lambda t: {"start": nb.index(t), "end": nb.index(t) + len(t), "text": t}
    ngold = [{"id": "q1", "kind": "direct", "source": {**nsp("Jane Doe"), "kind": "NAME"}, "source_entity": "Jane Doe",
              "cue": nsp("said."), "content": [nsp("The report said the dam broke,")]},
             {"id": "q2", "kind": "indirect", "source": {**nsp("The report"), "kind": "NOMINAL"}, "source_entity": None,
              "cue": nsp("said the"), "content": [nsp("the dam broke")]}]
    nents = [{"id": "e1", "canonicalName": "Jane Doe", "mentions": [{"span": {"start": nb.index("Jane"), "end": nb.index("Jane") + 8}, "text": "Jane Doe", "kind": "MENTION_KIND_NAME"}]},
             {"id": "e2", "canonicalName": "report", "mentions": [{"span": {"start": 1, "end": 11}, "text": "The report", "kind": "MENTION_KIND_NOMINAL"}]}]
    def nstmt(spk, t, cue_at):
        c = nsp(t)
        return {"type": "FACT_TYPE_STATEMENT", "arguments": [{"role": "speaker", "entityId": spk},
                {"role": "content", "text": t, "span": {"start": c["start"], "end": c["end"]}}],
                "trigger": {"start": cue_at, "end": cue_at + 4}, "evidence": [{"end": len(nb)}]}
    nfs = {"entities": nents, "facts": [nstmt("e2", "the dam broke", nb.index("said the")),
                                         nstmt("e1", "The report said the dam broke,", nb.index("said."))]}
    fig4, _ = score({"n": {"id": "n", "body": nb, "split": "dev"}}, {"n": ngold}, {"n": nfs})
    assert fig4["matched"] == 2 and fig4["source_accuracy"] == 1.0 and fig4["speaker_errors"] == 0, fig4
    assert names_match("Chaundry", "Ahmed Sharif Chaudhry") and names_match("Rubio", "Marco Rubio")
    assert not names_match("Kim", "Kin Jong") and not names_match("John Smith", "Jane Smith")
    # an empty prediction file scores zero, without error
    fig4, _ = score(arts, {"t": gold}, {})
    assert fig4["matched"] == 0 and fig4["detection"]["f1"] == 0.0
    # the whole gold scores 1.0 against itself rendered as predictions
    print("self-test passed")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(pathlib.Path(__file__).resolve().parent / "gold"))
    ap.add_argument("--pred")
    ap.add_argument("--split", default="all", choices=("dev", "test", "all"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        self_test()
        gold_self_test(a.gold)
        return
    if not a.pred:
        ap.error("--pred is required")
    arts, gold = load_gold(a.gold, a.split)
    fig, per = score(arts, gold, read_pred(a.pred))
    if a.json:
        print(json.dumps({"split": a.split, **fig}, indent=1))
    else:
        print(f"split {a.split}: {len(arts)} articles")
        report(fig, per, arts, lists=a.split in ("dev", "all"))


def gold_as_pred(arts, gold):
    """The gold rendered as FactSets: scores 1.0 everywhere (checks the scorer's reading of both)."""
    out = {}
    for aid, entries in gold.items():
        ents, facts = [], []
        for n, g in enumerate(entries):
            src = g.get("source") or {}
            mentions = []
            if "start" in src:
                kind = {"NAME": "MENTION_KIND_NAME", "PRONOUN": "MENTION_KIND_PRONOUN"}.get(src["kind"], "MENTION_KIND_NOMINAL")
                mentions.append({"span": {"start": src["start"], "end": src["end"]}, "kind": kind})
            ents.append({"id": f"e{n}", "canonicalName": g.get("source_entity") or "", "mentions": mentions})
            a, b = g["content"][0]["start"], g["content"][-1]["end"]
            facts.append({"type": "FACT_TYPE_STATEMENT",
                          "arguments": [{"role": "speaker", "entityId": f"e{n}"},
                                        {"role": "content", "text": arts[aid]["body"][a:b], "span": {"start": a, "end": b}}],
                          "trigger": {"start": g["cue"]["start"], "end": g["cue"]["end"]}})
        out[aid] = {"articleId": aid, "entities": ents, "facts": facts}
    return out


def gold_self_test(gold_dir):
    if not (pathlib.Path(gold_dir) / "articles.jsonl").exists():
        return
    arts, gold = load_gold(gold_dir, "all", require=False)
    arts = {k: v for k, v in arts.items() if k in gold}
    fig, _ = score(arts, gold, gold_as_pred(arts, gold))
    n = fig["gold"]
    assert fig["matched"] == n and fig["detection"]["f1"] == 1.0, fig
    assert fig["source_accuracy"] == 1.0 and fig["cue_accuracy"] == 1.0 and fig["speaker_errors"] == 0, fig
    print(f"gold-as-prediction: {n} statements over {len(arts)} articles score 1.000")


if __name__ == "__main__":
    sys.exit(main())
