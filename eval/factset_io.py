"""Readers shared by the scorers in eval/: the gold corpus's articles and a file of FactSets."""
import json
import pathlib
import sys


def load_articles(gold):
    """The articles of `<gold>/articles.jsonl`, in file order."""
    with open(pathlib.Path(gold) / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_pred(path):
    """FactSets (proto3 JSON, one per line) keyed by article id; a FactSet without one is an error."""
    pred = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            fs = json.loads(line)
            aid = fs.get("articleId", fs.get("article_id"))
            if aid is None:
                sys.exit(f"{path}:{n}: a FactSet without articleId")
            pred[aid] = fs
    return pred
