#!/bin/bash
# Issue 14: the 60k supplier-list import of an older benchmark build and this one, alternated: the full import only, or
# with AB_SUITE=full the whole suite (60k rows, twice the rows, into a database holding 116k facilities) with its verdicts.
# usage: [AB_FLAGS=--no-cli] [AB_SUITE=full] scripts/import-ab.sh ROUNDS sqlite|postgres OLD/tests/SupplyChain.Benchmarks/bin/Release/net10.0/SupplyChain.Benchmarks.dll [ROWS]
# (build the old commit's benchmarks in its own worktree first; this one: dotnet build -c Release tests/SupplyChain.Benchmarks)
set -euo pipefail
n=$1; engine=$2; old=$3; rows=${4:-60000}
new="$(cd "$(dirname "$0")/.." && pwd)/tests/SupplyChain.Benchmarks/bin/Release/net10.0/SupplyChain.Benchmarks.dll"
scope=(--only-full); [ "${AB_SUITE:-}" = full ] && scope=(--no-cli --preload $((rows * 2)))
for r in $(seq "$n"); do for who in old new; do
  dll=$old; [ $who = new ] && dll=$new
  root=$(cd "$(dirname "$dll")/../../../../.." && pwd) # the benchmark reads datasets/ of its own checkout
  out=$(cd "$root" && flock /tmp/bench.lock dotnet "$dll" supplier-import --rows "$rows" "${scope[@]}" ${AB_FLAGS:-} --engine "$engine" --no-write --data-dir "/tmp/import-ab-$who" 2>&1)
  if [ "${AB_SUITE:-}" = full ]; then
    echo "== $(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $who $engine"
    echo "$out" | grep -E "^\| (full import|twice|the list into|dry run)|^\| .*(≤|≥)" || true
  else
    echo "$(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $who $engine:$(echo "$out" | grep "SYNTHETIC-supplier-list-$rows.manifest.json:" | cut -d: -f2 | cut -d";" -f1)"
  fi
done; done
