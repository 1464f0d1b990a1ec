#!/usr/bin/env bash
# Whole-process latency of `dbadvisor recommend --format json` on one
# workload, next to `jq . FILE` on the same file as a yardstick for "a small
# CLI that reads JSON". Needs hyperfine and jq (Debian: apt-get install hyperfine jq).
# Usage: benches/process.sh [extra hyperfine args]
set -euo pipefail
cd "$(dirname "$0")/.."
# Cargo builds into $CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/dbadvisor"
file=benches/data/workload.json
hyperfine --warmup 20 --min-runs 300 -N "$@" \
  --export-markdown "$target/process-latency.md" \
  "$bin recommend --format json --input $file" \
  "jq . $file"
cat "$target/process-latency.md"
