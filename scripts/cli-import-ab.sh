#!/bin/bash
# Issue 14: the product's own CLI (its GC settings, a cold process) importing one manifest into a copy of a seeded SQLite
# database, an older server build and this one alternated.
# usage: scripts/cli-import-ab.sh ROUNDS OLD/SupplyChain.Server.dll SEEDED.db MANIFEST.json
set -euo pipefail
n=$1; old=$2; seeded=$3; manifest=$4
new="$(cd "$(dirname "$0")/.." && pwd)/src/SupplyChain.Server/bin/Release/net10.0/SupplyChain.Server.dll"
dir=$(mktemp -d)
for r in $(seq "$n"); do for who in old new; do
  dll=$old; [ $who = new ] && dll=$new
  cp "$seeded" "$dir/$who.db"; rm -f "$dir/$who.db-wal" "$dir/$who.db-shm"
  start=$(date +%s.%N)
  out=$(cd "$dir" && flock /tmp/bench.lock env Seed__Enabled=false ConnectionStrings__SupplyChain="Data Source=$dir/$who.db" dotnet "$dll" import "$manifest" 2>&1 | tail -2 | tr '\n' ' ' | cut -c1-120)
  echo "$(date +%H:%M:%S) $who: $(echo "$(date +%s.%N) - $start" | bc) s (whole process) | $out"
done; done
rm -rf "$dir"
