#!/bin/bash
# Issue 14: the whole supplier-import suite (60k rows, twice the rows, into a database holding many facilities) of an
# older build and this one, alternated; prints each run's rows and verdicts.
# usage: scripts/suite-ab.sh ROUNDS sqlite|postgres OLD_CHECKOUT
# (OLD_CHECKOUT: a worktree of the older commit with `dotnet build -c Release tests/SupplyChain.Benchmarks` done; this
# checkout built the same way)
set -euo pipefail
n=$1; engine=$2; old=$(cd "$3" && pwd)
new="$(cd "$(dirname "$0")/.." && pwd)"
for r in $(seq "$n"); do for who in old new; do
  root=$old; [ $who = new ] && root=$new
  out=$(cd "$root" && flock /tmp/bench.lock dotnet tests/SupplyChain.Benchmarks/bin/Release/net10.0/SupplyChain.Benchmarks.dll \
    supplier-import --rows 60000 --preload 120000 --engine "$engine" --no-cli --no-write --data-dir "/tmp/suite-ab-$who" 2>&1)
  echo "== $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $who $engine"
  echo "$out" | grep -E "^\| (full import|twice|the list into|dry run)" || true
  echo "$out" | grep -E "^\| .*(≤|≥)" || true
done; done
