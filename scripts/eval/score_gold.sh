#!/usr/bin/env bash
# Scores the project's own gold (eval/gold/) with every scorer in eval/ on dev and test, prints
# the headline figures, and fails when a scorer crashes or a figure passes its floor (or
# ceiling) in eval/gold/floors.json. The output is deterministic, so the floors sit just below
# (ceilings just above) the figures measured when they were recorded.
#
#   scripts/eval/score_gold.sh [FACTX_BINARY]     # default: target/release/factx, else target/debug/factx
#
# The quantity scorer reads the quantity stage through the `quantities` example next to the
# binary (target/<profile>/examples/quantities; built when absent), dev split only.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-}
if [ -z "$bin" ]; then
  if [ -x target/release/factx ]; then bin=target/release/factx; else bin=target/debug/factx; fi
fi
[ -x "$bin" ] || { echo "score_gold: no factx binary at $bin (cargo build first)" >&2; exit 2; }
profile_dir=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" extract eval/gold/articles.jsonl --offset-unit code-point >"$tmp/factsets.jsonl"

quantities="$profile_dir/examples/quantities"
if [ ! -x "$quantities" ]; then
  if [ "$(basename "$profile_dir")" = release ]; then
    cargo build -q --release -p factx-core --example quantities
  else
    cargo build -q -p factx-core --example quantities
  fi
fi
"$quantities" eval/gold/articles.jsonl >"$tmp/quantities.jsonl"

python3 scripts/eval/score_gold.py --factsets "$tmp/factsets.jsonl" \
  --quantities "$tmp/quantities.jsonl" --floors eval/gold/floors.json
