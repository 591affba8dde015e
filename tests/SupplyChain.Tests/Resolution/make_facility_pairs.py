import csv,glob,re,collections,itertools,json
LEGAL={"co","company","corp","corporation","inc","ltd","limited","llc","plc","sa","s","a","de","cv","pt","jsc","bhd","sdn","pvt","private","coltd","tbk"}
def key(s):
    s=re.sub(r'\([^)]*\)',' ',s.lower()); s=s.replace('&',' and ')
    t=re.sub(r'[^a-z0-9]+',' ',s).split()
    while len(t)>1 and t[-1] in LEGAL: t.pop()
    return ' '.join(t)
def tri(k):
    p='  '+k+' '; return {p[i:i+3] for i in range(len(p)-2)}
def dice(a,b):
    A,B=tri(a),tri(b); return 2*len(A&B)/(len(A)+len(B))
CC={'viet nam':'VN','vietnam':'VN','china':'CN','china mainland':'CN','indonesia':'ID','cambodia':'KH','india':'IN','bangladesh':'BD','thailand':'TH','sri lanka':'LK','pakistan':'PK','united states of america':'US','united states':'US','usa':'US','mexico':'MX','turkey':'TR','taiwan':'TW','korea, republic of':'KR','south korea':'KR','malaysia':'MY','philippines':'PH','honduras':'HN','el salvador':'SV','guatemala':'GT','myanmar':'MM','jordan':'JO','egypt':'EG','brazil':'BR','italy':'IT','japan':'JP','portugal':'PT','germany':'DE','canada':'CA','argentina':'AR','nicaragua':'NI','haiti':'HT','peru':'PE','colombia':'CO','ethiopia':'ET','kenya':'KE','madagascar':'MG','mauritius':'MU','bulgaria':'BG','romania':'RO','georgia':'GE','spain':'ES','france':'FR','hong kong':'HK','singapore':'SG','dominican republic':'DO','tunisia':'TN','morocco':'MA'}
recs=[]
for f in sorted(glob.glob('open-supply-hub-lists/list_files/*.csv')):
    for i,r in enumerate(csv.DictReader(open(f,encoding='utf-8-sig'))):
        recs.append(dict(src='osh:'+f.split('/')[-1],row=i+2,name=r['name'].strip(),addr=r['address'].strip(),country=CC.get(r['country'].strip().lower(),r['country'].strip()),lat=r.get('lat'),lng=r.get('lng')))
for i,r in enumerate(csv.DictReader(open('nike-factory-list/Nike.derived.csv',encoding='utf-8-sig'))):
    recs.append(dict(src='nike',row=i+2,name=r['Factory Name'].strip(),addr=(r['Address']+', '+r['City']).strip(),country=CC.get(r['Country/Region'].strip().lower(),r['Country/Region'].strip()),lat='',lng=''))
# distinct by (name, country)
by={}
for r in recs: by.setdefault((r['name'],r['country']),r)
u=list(by.values())
print(len(recs),len(u), collections.Counter(r['country'] for r in u).most_common(8))
pairs=[]
for a,b in itertools.combinations(u,2):
    if a['country']!=b['country']: continue
    ka,kb=key(a['name']),key(b['name'])
    d=dice(ka,kb)
    if d>=0.45: pairs.append((round(d,3),a,b))
pairs.sort(key=lambda x:-x[0])
print(len(pairs))
json.dump([dict(d=d,a=a,b=b) for d,a,b in pairs],open('/tmp/search-fac/pairs.json','w'),ensure_ascii=False)
# --- labels -------------------------------------------------------------------------------------------------------
# Evidence for a label is the ADDRESS, never the name the matcher reads: token overlap (Jaccard, generic address words
# dropped) ≥ 0.45 with a shared distinctive name word and no conflicting house numbers → same factory; overlap ≤ 0.15
# (or ≤ 0.3 with no distinctive name word in common) → different factories (this is where numbered branches and
# same-name plants in other towns land). Identical name keys with overlap ≥ 0.3 → same. Everything else is left out.
# Then every pair with name similarity ≥ 0.75 and every "same" pair was read by hand; OVERRIDES records the
# corrections (None = left out as undecidable from the published rows).
import hashlib
STOP={'road','rd','street','st','no','district','city','province','town','village','industrial','zone','area','park','county','china','vietnam','viet','nam','the','of','and','lot','ward','commune','building','floor','km','highway','township','development','economic','new','east','west','south','north','jalan','tambon','amphur','sub','distric','provice'}
GEN={'co','ltd','limited','garment','garments','textile','textiles','shoes','company','industrial','industry','apparel','factory','knitting','clothing','vietnam','china','pt','the','and','fashion','manufacturing','international','group','corp','corporation','inc','jsc','sdn','bhd','pvt','cambodia','products','sports','sporting','goods','footwear','trading'}
def atoks(a): return {t for t in re.sub(r'[^a-z0-9]+',' ',a.lower()).split() if t not in STOP and len(t)>1}
def ntoks(s): return {t for t in re.sub(r'[^a-z0-9]+',' ',re.sub(r'\([^)]*\)',' ',s.lower())).split() if t not in GEN and len(t)>1}
def nums(a): return set(re.findall(r'\d+',a))
OVERRIDES={
 ('LONG FA SHOES INDUSTRIAL HUIZHOU CO., LTD.','LONG YUE SHOES INDUSTRIAL HUI ZHOU CO.,LTD.'):'diff',
 ('HuaEr Technology Group Co. Ltd.','WALT TECHNOLOGY GROUP CO., LTD.'):None,
 ('BODYLINE PRIVATE LIMITED III','BODYLINE PVT LIMITED BPL II'):'diff',
 ('MAS FABRICS (PVT.) LTD - MATRIX','MAS FABRICS PVT LTD - METHLIYA'):'diff',
 ('SHISHI  HENGCHANG  SPORTS  GOODS  TRADE  CO.,LTD','SHISHI YAOTIAN SPORTS GOODS. CO.,LTD.'):'diff',
 ('Qingdao Huahe Knitting Co Ltd','Qingdao Huasheng Socks Co., Ltd'):'diff',
 ('ZhuJi HuaLiDa Knitting and Textile Co., Ltd.','Zhuji Quanneng Knitting Co., Ltd.'):'diff',
 ('Jiboa - El Pedregal','Confecciones - El Pedregal 4c'):None,
 ('Classic Fashion Apparel Industry Unit - II','Classic Fashion Apparel Industry Ltd. Co.'):None,
 ('Makalot Garment Co. Ltd. - MK2','Makalot Garments Vietnam Co.'):None,
 ('UNIVERSAL SPORTING GOODS (THAI) CO., LTD.','UNIVERSAL SPORTING GOODS THAILAND CO., LTD.'):'same',
 ('Jasan socks Vietnam Co., LTD','JASAN SOCKS'):'same',
 ('Yichane Co. Ltd.','YICHANE CO.LTD'):None,
 ('MAS Active (Pvt) Ltd - Contourline','MAS ACTIVE PVT LTD - CONTOURLINE DIVISION'):None,
 ('MAS Active (Pvt) Ltd - Linea Intimo','MAS ACTIVE TRADING PVT LTD - LINEA INTIMO'):None,
 ('PT Glory Industrial Semarang - Demak','PT. Glory Industrial Semarang-Demak Ltd.'):'same',
 ('Scavi Hue','SCAVI HUE COMPANY'):'same',
 ('Rosko Textil (Arad)','Rosko Textil (Curtici)'):'diff',
 ('Thai Daizo Aerosol Co.,Ltd.','Thai Daizo Aerosol Co., Ltd. (TDP)'):'diff',
 ('Hirdaramani Garments Katunayake (pvt) Ltd (Cutting)','Hirdaramani Garments Katunayake (pvt) Ltd'):None,
 ('Jiangyin Chenlong Garment Co','Jiangyi Kangxin Garment Co Ltd'):'diff',
}
def label(a,b,d):
    A,B=atoks(a['addr']),atoks(b['addr'])
    for k in [(a['name'],b['name']),(b['name'],a['name'])]:
        if k in OVERRIDES: return OVERRIDES[k]
    if not A or not B: return None
    j=len(A&B)/len(A|B); shared=bool(ntoks(a['name'])&ntoks(b['name']))
    if j>=0.45 and shared:
        x,y=nums(a['addr']),nums(b['addr'])
        return None if x and y and not (x&y) else 'same'
    if d>=0.999 and j>=0.3: return 'same'
    if j<=0.15 or (j<=0.3 and not shared): return 'diff'
    return None
rows=[]
for d,a,b in pairs:
    lab=label(a,b,d)
    if lab is None: continue
    h=hashlib.sha1((a['name']+'|'+b['name']).encode()).digest()[0]
    split='heldout' if h%3==0 else 'tuning'
    rows.append((split,lab,a['country'],a['name'],a['addr'],a['src'],b['name'],b['addr'],b['src']))
import sys
out=sys.argv[1] if len(sys.argv)>1 else 'facility-pairs.tsv'
with open(out,'w') as f:
    f.write('# Facility pairs from the bundled lists (Nike disclosure, Open Supply Hub list files): split, label (same|diff), country, name A, address A, source A, name B, address B, source B.\n')
    f.write('# Made by tests/SupplyChain.Tests/Resolution/make_facility_pairs.py (labels from addresses plus hand corrections; see there). The heldout split was never used to tune the matcher.\n')
    for r in rows: f.write('\t'.join(x.replace('\t',' ').replace('\n',' ') for x in r)+'\n')
print(collections.Counter((r[0],r[1]) for r in rows))
