"""CI throughput check: whole-pipeline words/s of `factx extract --threads 1` on a fixed corpus,
printed next to the figure recorded in PERFORMANCE.md. Never fails the build (machines are
noisy); it exits 0 whatever it measures, and says so when it cannot measure.

Usage: python3 scripts/perf/ci_throughput.py [path/to/factx]   (default target/debug/factx)

Corpus: the 48 articles of eval/gold/articles.jsonl (VOA and GUM Wikinews news, committed with
the project), the same fixed corpus every time. One warm-up run, then
3 timed runs; the median CPU time (user + system) gives words/s. The recorded figure is the
`ci-throughput` marker in PERFORMANCE.md, measured with the same build profile (CI runs the
debug build that `cargo test` made: factx-core at opt-level 1, other crates unoptimized).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Committed with the project (the own gold's 48 openly licensed news articles), so CI always has it.
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
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
        path = f.name
    try:
        cmd = [binary, "extract", "--threads", "1", path]
        cpu, wall = [], []
        for run in range(RUNS + 1):
            w0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            if status != 0:
                print(f"throughput: skipped (factx extract exited with status {status})")
                return
            if run > 0:  # the first run warms the page cache
                cpu.append(ru.ru_utime + ru.ru_stime)
                wall.append(time.perf_counter() - w0)
    finally:
        os.unlink(path)
    c, w = statistics.median(cpu), statistics.median(wall)
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
