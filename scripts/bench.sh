#!/usr/bin/env bash
# Build once, then run a benchmark suite: scripts/bench.sh <generate|search|import|exposure|load|crash|live|all> [options]
#   scripts/bench.sh all                      # every suite at 100,000 brands (~15 min), updates BENCHMARKS.md
#   scripts/bench.sh search --brands 1000000  # the search ladder at 1M brands (generates the database first)
#   scripts/bench.sh load --soak-seconds 30 --no-write
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release tests/SupplyChain.Benchmarks -v q -nologo >/dev/null
exec dotnet run -c Release --no-build --project tests/SupplyChain.Benchmarks -- "$@"
