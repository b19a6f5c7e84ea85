#!/usr/bin/env python3
"""Runs every scorer of eval/ over one set of predictions and checks the headline figures
against eval/gold/floors.json (called by scripts/eval/score_gold.sh; see eval/gold/README.md).

floors.json: {"figures": {"<scorer> <split> <dotted.path>": {"min": x} or {"max": x}}}. A
figure below its `min` (or above its `max`: error shares) fails the run, and so does a scorer
that exits non-zero or prints no figures. `--record` prints a floors file for the current
figures (min = figure - margin, max = figure + margin) instead of checking.
"""
import argparse, json, pathlib, re, subprocess, sys

REPO = pathlib.Path(__file__).resolve().parents[2]
EVAL = REPO / "eval"
SPLITS = ("dev", "test")

# The figures reported for each scorer: (dotted path in its JSON, direction).
HEADLINE = {
    "times": [("relaxed.f1", "min"), ("value.f1", "min"), ("type.f1", "min")],
    "events": [("trigger_classification.f1", "min"), ("arguments.f1", "min")],
    "attribution": [("detection.f1", "min"), ("strict.f1", "min"), ("source_accuracy", "min")],
    "coref": [("with_entity.ALL.right_share", "min"), ("with_entity.ALL.wrong_share", "max")],
}


def run(cmd):
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        raise SystemExit(f"score_gold: scorer failed ({r.returncode}): {' '.join(cmd)}")
    return r.stdout


def dig(obj, path):
    for k in path.split("."):
        obj = obj[k]
    return float(obj)


def figures(factsets, quantities):
    out = {}
    for scorer, heads in HEADLINE.items():
        for split in SPLITS:
            text = run([sys.executable, str(EVAL / f"score_{scorer}.py"), "--pred", factsets,
                        "--split", split, "--json"])
            data = json.loads(text)
            data = data.get(split, data)  # events nests its figures under the split
            for path, _ in heads:
                out[f"{scorer} {split} {path}"] = dig(data, path)
    text = run([sys.executable, str(EVAL / "score_quantities.py"), "--pred", quantities])
    for name in ("exact recall", "overlap recall", "boundary precision"):
        m = re.search(rf"^{name}:\s+\d+/\d+ = ([0-9.]+)", text, re.M)
        if not m:
            raise SystemExit(f"score_gold: no `{name}` in score_quantities.py's output")
        out[f"quantities dev {name.replace(' ', '_')}"] = float(m.group(1))
    return out


def direction(key):
    scorer, _, path = key.split(" ", 2)
    return dict(HEADLINE.get(scorer, [])).get(path, "min")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factsets", required=True, help="factx extract output (code points)")
    ap.add_argument("--quantities", required=True, help="the quantities example's output")
    ap.add_argument("--floors", default=str(EVAL / "gold" / "floors.json"))
    ap.add_argument("--record", type=float, metavar="MARGIN", help="print a floors file instead")
    args = ap.parse_args()
    got = figures(args.factsets, args.quantities)
    if args.record is not None:
        floors = {}
        for k, v in got.items():
            d = direction(k)
            floors[k] = {d: round(v - args.record if d == "min" else v + args.record, 3)}
        print(json.dumps({"figures": floors}, indent=1))
        return 0
    floors = json.load(open(args.floors, encoding="utf-8"))["figures"]
    failed = []
    for k, v in got.items():
        bound = floors.get(k, {})
        lo, hi = bound.get("min"), bound.get("max")
        bad = (lo is not None and v < lo) or (hi is not None and v > hi)
        limit = f"min {lo}" if lo is not None else f"max {hi}" if hi is not None else "no floor"
        print(f"{'FAIL' if bad else 'ok  '}  {k:<48} {v:.3f}  ({limit})")
        if bad:
            failed.append(k)
    missing = sorted(set(floors) - set(got))
    for k in missing:
        print(f"FAIL  {k:<48} not measured")
    if failed or missing:
        print(f"score_gold: {len(failed) + len(missing)} figure(s) past their floor", file=sys.stderr)
        return 1
    print(f"score_gold: {len(got)} figures, all within their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
