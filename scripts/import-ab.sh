#!/bin/bash
# Issue 14: the 60k supplier-list import of an older benchmark build and this one, alternated, full import only.
# usage: [AB_FLAGS=--no-cli] scripts/import-ab.sh ROUNDS sqlite|postgres OLD/tests/SupplyChain.Benchmarks/bin/Release/net10.0/SupplyChain.Benchmarks.dll [ROWS]
# (build the old commit's benchmarks in its own worktree first; this one: dotnet build -c Release tests/SupplyChain.Benchmarks)
set -euo pipefail
n=$1; engine=$2; old=$3; rows=${4:-60000}
new="$(cd "$(dirname "$0")/.." && pwd)/tests/SupplyChain.Benchmarks/bin/Release/net10.0/SupplyChain.Benchmarks.dll"
for r in $(seq "$n"); do for who in old new; do
  dll=$old; [ $who = new ] && dll=$new
  root=$(cd "$(dirname "$dll")/../../../../.." && pwd) # the benchmark reads datasets/ of its own checkout
  line=$(cd "$root" && flock /tmp/bench.lock dotnet "$dll" supplier-import --rows "$rows" --only-full ${AB_FLAGS:-} --engine "$engine" --no-write --data-dir "/tmp/import-ab-$who" 2>&1 \
    | grep "SYNTHETIC-supplier-list-$rows.manifest.json:" | cut -d: -f2 | cut -d";" -f1)
  echo "$(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $who $engine:$line"
done; done
