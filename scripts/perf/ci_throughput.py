"""CI throughput check: whole-pipeline words/s of `factx extract --threads 1` on a fixed corpus,
printed next to the figure recorded in PERFORMANCE.md. Never fails the build (machines are
noisy); it exits 0 whatever it measures, and says so when it cannot measure.

Usage: python3 scripts/perf/ci_throughput.py [path/to/factx]   (default target/debug/factx)

Corpus: the 60 articles of eval/gold/articles.jsonl (VOA and GUM Wikinews news, committed with
the project), the same fixed corpus every time. One warm-up run, then
3 timed runs; the median CPU time (user + system) gives words/s. The recorded figure is the
`ci-throughput` marker in PERFORMANCE.md, measured with the same build profile (CI runs the
debug build that `cargo test` made: factx-core at opt-level 1, other crates unoptimized).
"""

import json
import os
import re
import sys

from factx_timing import extract_cpu_wall

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Committed with the project (the own gold's 60 openly licensed news articles), so CI always has it.
CORPUS = os.path.join(ROOT, "eval", "gold", "articles.jsonl")
RUNS = 3


def recorded():
    try:
        text = open(os.path.join(ROOT, "PERFORMANCE.md"), encoding="utf-8").read()
    except OSError:
        return None
    m = re.search(r"ci-throughput: ([0-9,]+) words/s", text)
    return m.group(1) if m else None


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "factx")
    if not os.path.exists(binary) or not os.path.exists(CORPUS):
        print(f"throughput: skipped (missing {binary if not os.path.exists(binary) else CORPUS})")
        return
    docs = []
    for line in open(CORPUS, encoding="utf-8"):
        d = json.loads(line)
        docs.append({"id": d["id"], "body": d["body"]})
    words = sum(len(d["body"].split()) for d in docs)
    try:
        c, w = extract_cpu_wall(binary, docs, RUNS)
    except RuntimeError as e:
        print(f"throughput: skipped ({e})")
        return
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"throughput: {len(docs)} news articles (eval/gold), {words} words, factx extract --threads 1 "
        f"({os.path.relpath(binary, ROOT)}): {words / c:,.0f} words/s CPU, {words / w:,.0f} "
        f"words/s wall (median of {RUNS}; load average {load}); recorded in PERFORMANCE.md: "
        f"{recorded() or 'none'} words/s CPU"
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # printed, never failing
        print(f"throughput: skipped ({e})")
