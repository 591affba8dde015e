#!/usr/bin/env bash
# Import speed of the published PDF, lists and ownership data, each through its manifest, on a fresh SQLite database
# that already holds the original seed (the order a first start imports them). Prints each import's summary line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
db="$(mktemp -d)/formats-bench.db"
dotnet build "$root/src/SupplyChain.Server" -v q -nologo >/dev/null
run() { ConnectionStrings__SupplyChain="Data Source=$db" Seed__Enabled=false dotnet "$root/src/SupplyChain.Server/bin/Debug/net10.0/SupplyChain.Server.dll" import "$1"; }
for m in aspi-uyghurs-for-sale-brands/manifest.json nike-factory-list/manifest.json open-supply-hub-lists/manifest.json \
         curated-evidence/claims.manifest.json curated-evidence/responses.manifest.json nsi-brand-aliases/manifest.json; do
  run "$root/datasets/$m" >/dev/null
done
for m in apple-supplier-list-2018/manifest.json ofac-sdn/manifest.glomag.json ofac-sdn/manifest.json uk-sanctions-list/manifest.json \
         dol-goods-list/manifest.json wikirate-brand-owners/manifest.json; do
  echo "== $m"
  /usr/bin/time -f "wall %e s, max RSS %M KB" bash -c "$(declare -f run); db='$db' root='$root'; run '$root/datasets/$m'" 2>&1 | grep -E "rows read|rows in|wall"
done
rm -f "$db"*
