#!/usr/bin/env bash
# Scores the entity and coreference stages on GUM Wikinews documents.
# Usage: eval/run_gum.sh [dev|train]   (needs ../shared/data/gum; run from crates/factx-core)
set -euo pipefail
split=${1:-dev}
shared=${SHARED:-$(git rev-parse --show-toplevel)/../shared}
[ -d "$shared" ] || shared=/work/shared
gum=$shared/data/gum
out=$(mktemp -d)
python3 eval/gum_gold.py "$gum" "$out" --split "$split" > /dev/null
cargo build -q --release --example dump
bin=${CARGO_TARGET_DIR:-../../target}/release/examples/dump
for g in "$out"/*.gold.json; do
  d=${g%.gold.json}
  "$bin" "$d.txt" ${DUMP_ARGS:-} > "$d.pred.json"
  python3 "$shared/tools/score_factset.py" --gold "$g" --pred "$d.pred.json" --json 2>/dev/null \
    | tail -2 | head -1 | sed "s|^|$(basename "$d") |" || true
done | tee "$out/scores.txt"
python3 - "$out/scores.txt" <<'PY'
import json, sys
rows = [json.loads(l.split(" ", 1)[1]) for l in open(sys.argv[1]) if "{" in l]
if rows:
    print("mean over %d docs: entities=%.3f coreference=%.3f" % (
        len(rows), sum(r["entities"] for r in rows) / len(rows), sum(r["coreference"] for r in rows) / len(rows)))
PY
echo "files in $out"
