"""Times `factx extract --threads 1` over a list of articles: shared by ci_throughput.py and
spacy_pipeline_bench.py so both measure factx the same way."""

import json
import os
import statistics
import subprocess
import tempfile
import time


def extract_cpu_wall(binary, docs, runs):
    """Median CPU (user + system of the child) and wall seconds of `factx extract --threads 1`
    over `docs` (dicts with id and body), after one untimed warm-up run (page cache). Raises
    RuntimeError when factx exits non-zero."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
        path = f.name
    try:
        cmd = [binary, "extract", "--threads", "1", path]
        cpu, wall = [], []
        for run in range(runs + 1):
            w0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            if status != 0:
                raise RuntimeError(f"factx extract exited with status {status}")
            if run > 0:
                cpu.append(ru.ru_utime + ru.ru_stime)
                wall.append(time.perf_counter() - w0)
    finally:
        os.unlink(path)
    return statistics.median(cpu), statistics.median(wall)
