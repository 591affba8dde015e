# Builds tests/SupplyChain.Tests/Search/labelled-queries.tsv from the bundled brands (deterministic rules, no randomness).
import sqlite3, re, unicodedata
db = sqlite3.connect('/work/main/src/SupplyChain.Server/data/supplychain.db')
brands = db.execute("select Id, Name, Slug, NameKey from Brands").fetchall()
aliases = db.execute("select b.Slug, a.Name, a.NameKey from BrandAliases a join Brands b on b.Id=a.BrandId").fetchall()
def compact(k): return ''.join(t for t in k.split() if t != 'and')
keys = {}
for _, n, s, k in brands: keys.setdefault(compact(k), set()).add(s)
for s, n, k in aliases: keys.setdefault(compact(k), set()).add(s)
rows = []
def add(cat, q, slug): rows.append((cat, q, slug))
for _, n, s, k in brands:
    add('exact', n, s)
for s, n, k in aliases:
    if len(compact(k)) >= 2 and len(keys.get(compact(k), ())) == 1:
        cat = 'script' if any(ord(c) > 0x2E80 for c in n) else 'alias'
        add(cat, n, s)
def is_unique_prefix(p, slug):
    owners = {sl for kk, sls in keys.items() if kk.startswith(p) for sl in sls}
    return owners == {slug}
vowels = 'aeiou'
for _, n, s, k in brands:
    c = compact(k)
    if len(c) < 5 or not c.isascii(): continue
    # prefix: the shortest unique prefix of at least 4 letters
    for L in range(4, len(c)):
        if is_unique_prefix(c[:L], s): add('prefix', c[:L], s); break
    mid = len(c) // 2
    add('typo', c[:mid] + c[mid+1:], s)                      # a dropped letter
    add('typo', c[0] + c[2] + c[1] + c[3:], s)               # two letters swapped
    idx = max(i for i, ch in enumerate(c) if ch in vowels) if any(ch in vowels for ch in c) else None
    if idx is not None:
        repl = 'e' if c[idx] != 'e' else 'a'
        add('typo', c[:idx] + repl + c[idx+1:], s)           # a wrong vowel
for q, s in [('Nike Inc', 'nike'), ('Nike, Inc.', 'nike'), ('Gap Inc.', 'gap'), ('Apple Inc', 'apple'), ('Samsung Co., Ltd.', 'samsung'),
             ('Lenovo Limited', 'lenovo'), ('Siemens AG', 'siemens'), ('BMW AG', 'bmw'), ('Puma SE', 'puma'), ('Inditex Zara', 'zara'),
             ('H and M', 'h-and-m'), ('hm', 'h-and-m'), ('h&m', 'h-and-m'), ('H & M', 'h-and-m'), ('victorias secret', 'victorias-secret'),
             ("Victoria's Secret", 'victorias-secret'), ('carters', 'carters'), ("CARTER'S", 'carters'), ('ｎｉｋｅ', 'nike'), ('ＮＩＫＥ', 'nike'),
             ('Jack and Jones', 'jack-and-jones'), ('jack&jones', 'jack-and-jones'), ('Abercrombie and Fitch', 'abercrombie-and-fitch'),
             ('LL Bean', 'l-l-bean'), ('L.L. Bean', 'l-l-bean'), ('llbean', 'l-l-bean'), ('mercedes benz', 'mercedes-benz'), ('li ning', 'li-ning'),
             ('lining', 'li-ning'), ('north face', 'the-north-face'), ('The North Face', 'the-north-face'), ('ralph lauren polo', 'polo-ralph-lauren'),
             ('marks and spencer', 'marks-and-spencer'), ('m&s outlet', 'marks-and-spencer'), ('Volkswagen AG', 'volkswagen')]:
    add('variant', q, s)
for q in ['Zorblax', 'Qwertyuiop Apparel', 'Shein', 'Temu', 'Primark', 'Lululemon', 'Decathlon', 'Hugo Boss', 'Burberry', 'Benetton',
          'Mango', 'Asos', 'Boohoo', 'Walmart', 'Target', 'Ikea', 'Lidl', 'Aldi', 'Rolex', 'Tesla', 'Xyzzy', 'Flimflam Textiles', 'Blorbo']:
    add('nomatch', q, '')
seen = set(); out = []
for r in rows:
    if (r[1].lower(), r[2]) in seen: continue
    seen.add((r[1].lower(), r[2])); out.append(r)
with open('/work/main/tests/SupplyChain.Tests/Search/labelled-queries.tsv', 'w') as f:
    f.write('# Labelled brand-search queries: category<TAB>query<TAB>expected brand slug (empty: not in our database).\n')
    f.write('# Made from the bundled brands by fixed rules (tests/SupplyChain.Tests/Search/README.md); no-match names were checked absent.\n')
    for r in out: f.write('\t'.join(r) + '\n')
from collections import Counter
print(len(out), Counter(r[0] for r in out))
