#!/usr/bin/env bash
# Batch throughput: `dbadvisor recommend --format json` answering a JSON Lines
# stream of 100,000 generated workloads (one full JSON result per line), next
# to `jq -c .` on the same file as a yardstick for "a tool that reads and
# writes JSON Lines" (issue 5 asks for at least twice jq's throughput). The
# workloads come from `examples/gen_workloads.rs` (seed 1: about 30% of the
# fields unanswered, numbers spread around the pack's thresholds) and are
# generated once into target/batch-100k.jsonl. Both commands read the file on
# stdin; hyperfine sends their output to /dev/null and subtracts the shell's
# start-up. Needs hyperfine and jq (Debian: apt-get install hyperfine jq).
# Usage: benches/batch.sh [extra hyperfine args]
set -euo pipefail
cd "$(dirname "$0")/.."
# Cargo builds into $CARGO_TARGET_DIR when it is set.
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin dbadvisor --example gen_workloads
bin="$target/release/dbadvisor"
file="$target/batch-100k.jsonl"
if [ ! -s "$file" ]; then
  "$target/release/examples/gen_workloads" 100000 1 > "$file.tmp"
  mv "$file.tmp" "$file"
fi
hyperfine --warmup 1 --min-runs 5 --output null "$@" \
  --export-markdown "$target/batch-throughput.md" \
  "$bin recommend --format json < $file" \
  "jq -c . < $file"
cat "$target/batch-throughput.md"
