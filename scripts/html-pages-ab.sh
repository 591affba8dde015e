#!/bin/bash
# Issue 14: the server-rendered brand page and search page at 100k brands (a copy of the benchmark database at /tmp/webab/w.db),
# one server build at a time on port 5077, 200 requests each after the target lists are warmed; p50/p90 of curl time_total.
# usage: mkdir -p /tmp/webab && cp DATA_DIR/brands-100000-g1.db /tmp/webab/w.db; scripts/html-pages-ab.sh SERVER.dll LABEL
# (an older build and this one in turn, inside flock /tmp/bench.lock)
dll=$1; label=$2
cd /tmp/webab && Seed__Enabled=false ConnectionStrings__SupplyChain="Data Source=/tmp/webab/w.db" ASPNETCORE_URLS=http://127.0.0.1:5077 dotnet $dll > /tmp/webab/$label.log 2>&1 &
pid=$!
for i in $(seq 1 120); do sleep 1; curl -sf http://127.0.0.1:5077/healthz >/dev/null && break; done
curl -s -o /dev/null --max-time 300 http://127.0.0.1:5077/targets
slugs=$(sqlite3 /tmp/webab/w.db "select Slug from Brands order by Id limit 200 offset 5000" 2>/dev/null)
[ -z "$slugs" ] && slugs=$(python3 -c "import sqlite3;print('\n'.join(r[0] for r in sqlite3.connect('/tmp/webab/w.db').execute('select Slug from Brands order by Id limit 200 offset 5000')))")
for s in $(echo "$slugs" | head -20); do curl -s -o /dev/null http://127.0.0.1:5077/brands/$s; done
for s in $slugs; do curl -s -o /dev/null -w "%{time_total}\n" http://127.0.0.1:5077/brands/$s; done | sort -n | awk -v l="$label brand page" '{a[NR]=$1} END {printf "%s: p50 %.1f ms, p90 %.1f ms (n=%d)\n", l, a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, NR}'
for s in $slugs; do curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:5077/search?q=$s"; done | sort -n | awk -v l="$label search page" '{a[NR]=$1} END {printf "%s: p50 %.1f ms, p90 %.1f ms (n=%d)\n", l, a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, NR}'
pkill -f "^dotnet /.*SupplyChain.Server.dll"; sleep 3
