#!/usr/bin/env bash
# Crash safety of import: SIGKILL a 100,000-row import (the server binary's `import` verb, its own process) 20 times at
# random moments; after each kill check the database (SQLite: PRAGMA integrity_check + foreign_key_check; PostgreSQL:
# amcheck on every B-tree index and heap) and that the claim count is "before" or "before + the whole file"; then re-run
# the import and check it succeeds. PostgreSQL runs when /usr/lib/postgresql/15/bin exists (a throwaway cluster in /tmp).
# Bounded: each import is killed or ends within 10 minutes; the whole run takes ~15 minutes for both engines.
#
#   scripts/kill-import.sh                  # SQLite and PostgreSQL (if installed), 20 kills each
#   scripts/kill-import.sh --engine sqlite --kills 5 --rows 20000
#   scripts/kill-import.sh --no-write       # don't update BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release tests/SupplyChain.Benchmarks -v q -nologo >/dev/null
exec dotnet run -c Release --no-build --project tests/SupplyChain.Benchmarks -- crash "$@"
