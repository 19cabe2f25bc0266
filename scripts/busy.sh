#!/usr/bin/env bash
# Run a command while other processes keep CPU cores busy: the way to see, before CI does,
# whether a test depends on the machine's speed. `scripts/busy.sh [-n CORES] make test`
# (default: one core busy, as on a shared 2-core machine).
set -euo pipefail
cores=1
if [ "${1:-}" = "-n" ]; then cores=$2; shift 2; fi
pids=()
for _ in $(seq "$cores"); do
  sh -c 'while :; do :; done' &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$@"
