#!/bin/bash
# Issue 14: the server-rendered brand page and search page at 100k brands (a copy of the benchmark database at /tmp/webab/w.db),
# one server build at a time on port 5077, 200 requests each after the target lists are warmed; p50/p90 of curl time_total.
# usage: mkdir -p /tmp/webab && cp DATA_DIR/brands-100000-g1.db /tmp/webab/w.db; scripts/html-pages-ab.sh SERVER.dll LABEL
# (an older build and this one in turn, inside flock /tmp/bench.lock)
set -u
dll=$(realpath "$1"); label=$2; base=http://127.0.0.1:5077
# exec: $! is the server itself, so only this server is stopped at the end.
(cd /tmp/webab && exec env Seed__Enabled=false ConnectionStrings__SupplyChain="Data Source=/tmp/webab/w.db" ASPNETCORE_URLS=$base \
  dotnet "$dll" > "/tmp/webab/$label.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for i in $(seq 1 120); do sleep 1; curl -sf $base/healthz >/dev/null && break; done
curl -sf $base/healthz >/dev/null || { echo "$label: the server did not start (see /tmp/webab/$label.log)" >&2; exit 1; }
curl -s -o /dev/null --max-time 300 $base/targets
slugs=$(python3 -c "import sqlite3;print('\n'.join(r[0] for r in sqlite3.connect('/tmp/webab/w.db').execute('select Slug from Brands order by Id limit 200 offset 5000')))")
# p50/p90 of one page over every slug: timed PATH-BEFORE-SLUG NAME
timed() {
  for s in $slugs; do curl -s -o /dev/null -w "%{time_total}\n" "$base$1$s"; done | sort -n |
    awk -v l="$label $2" '{a[NR]=$1} END {printf "%s: p50 %.1f ms, p90 %.1f ms (n=%d)\n", l, a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, NR}'
}
for s in $(echo "$slugs" | head -20); do curl -s -o /dev/null $base/brands/$s; done # warm-up
timed /brands/ "brand page"
timed "/search?q=" "search page"
