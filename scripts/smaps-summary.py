#!/usr/bin/env python3
"""RSS of a process by mapping, grouped: smaps-summary.py FILE.smaps [FILE2.smaps] (side by side, MiB).

Groups: each mapped file by name (.so, .dll, ICU data), the GC heap and other anonymous regions by kind where the
runtime names them ([anon: ...] on newer kernels), thread stacks ([stack] + guard-page-adjacent anon regions are not
told apart by the kernel: they count as anonymous)."""
import re, sys, collections

def parse(path):
    groups = collections.Counter()
    name = None
    for line in open(path):
        m = re.match(r'^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \d+\s*(.*)$', line)
        if m:
            perms, name = m.group(1), m.group(2).strip() or '[anon]'
            if name == '[anon]':
                name = f'[anon {perms}]'
            continue
        if line.startswith('Rss:'):
            groups[name] += int(line.split()[1])
    return groups

def kind(name):
    if name.endswith('.dll'): return 'managed assemblies (.dll)'
    if '.so' in name: return 'native libraries (.so)'
    if 'icudt' in name or name.endswith('.dat'): return 'ICU data'
    if name.startswith('[anon'): return name
    return name

files = sys.argv[1:]
parsed = [parse(f) for f in files]
print('by kind (MiB):')
kinds = [collections.Counter() for _ in parsed]
for k, g in zip(kinds, parsed):
    for n, v in g.items(): k[kind(n)] += v
allk = sorted(set().union(*kinds), key=lambda n: -max(k[n] for k in kinds))
for n in allk:
    if max(k[n] for k in kinds) >= 512:
        print('  ' + '  '.join(f'{k[n]/1024:8.1f}' for k in kinds) + '  ' + n)
print('  ' + '  '.join(f'{sum(k.values())/1024:8.1f}' for k in kinds) + '  total')
print('by file (MiB, ≥ 0.5):')
alln = sorted(set().union(*parsed), key=lambda n: -max(g[n] for g in parsed))
for n in alln:
    if max(g[n] for g in parsed) >= 512:
        print('  ' + '  '.join(f'{g[n]/1024:8.1f}' for g in parsed) + '  ' + n)
