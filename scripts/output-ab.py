#!/usr/bin/env python3
"""Issue 14, memory: what a server build answers, written to files, so two builds can be compared with `diff -r`.

usage: scripts/output-ab.py SERVER.dll OUTDIR [DB]   (DB: a 100k-brand benchmark database; it is copied, never written)
Fetches /targets.csv, /targets, /api/brands/search for names, prefixes and typos, brand pages (HTML), the brand through
GraphQL (status, owners, exposure, counter-evidence, responses) and its owner's brands, for brands spread over the ids.
Run it for an older build and for this one (each in `flock /tmp/bench.lock`), then `diff -r OLD_OUT NEW_OUT`.
"""
import json, os, random, re, shutil, socket, sqlite3, subprocess, sys, time, urllib.parse, urllib.request

dll, out = os.path.realpath(sys.argv[1]), sys.argv[2]
db = sys.argv[3] if len(sys.argv) > 3 else "/tmp/bench-search/brands-100000-g1.db"
work = f"/tmp/output-ab-{os.getpid()}"
os.makedirs(work); os.makedirs(out, exist_ok=True)
shutil.copy(db, f"{work}/w.db")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
env = dict(os.environ, Seed__Enabled="false", ConnectionStrings__SupplyChain=f"Data Source={work}/w.db", ASPNETCORE_URLS=base,
           RateLimits__AnonymousPerMinute="100000000", Logging__LogLevel__Default="Warning")  # one client: lift the per-IP limit
log = open(f"{out}.log", "w")
server = subprocess.Popen(["dotnet", dll], cwd=work, env=env, stdout=log, stderr=log)

# Links carry the server's address, a free port per run: not part of the answer.
def get(path, timeout=600):
    with urllib.request.urlopen(base + path, timeout=timeout) as r: return r.read().replace(base.encode(), b"http://server")

def graphql(query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(base + "/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r: return r.read()

# A page carries a fresh nonce per response (its CSP): not part of the answer.
def page(b): return re.sub(rb'nonce-[A-Za-z0-9+/=]+|nonce="[^"]*"', b"nonce", b)

try:
    for _ in range(300):
        try: get("/healthz", 2); break
        except Exception: time.sleep(1)
    con = sqlite3.connect(f"file:{work}/w.db?mode=ro", uri=True)
    rows = con.execute("select Id, Slug, Name from Brands where MergedIntoId is null order by Id").fetchall()
    rnd = random.Random(14)
    picked = sorted(rnd.sample(rows, 400), key=lambda r: r[0])
    owned = con.execute("select distinct b.Id, b.Slug, b.Name from Claims c join Brands b on b.Id = c.SubjectId "
                        "where c.SubjectKind = 'Brand' and c.Predicate = 'OwnedBy' order by b.Id limit 100").fetchall()
    picked += owned
    open(f"{out}/targets.csv", "wb").write(get("/targets.csv"))
    open(f"{out}/targets.html", "wb").write(page(get("/targets")))
    queries = []
    for _, _, name in picked[:300]:
        queries += [name, name[:4], name[:-1] if len(name) > 4 else name, name[1:] if len(name) > 6 else name, name.lower().replace(" ", "")]
    with open(f"{out}/search.jsonl", "wb") as f:
        for q in queries: f.write(get("/api/brands/search?first=20&q=" + urllib.parse.quote(q)) + b"\n")
    brand_q = """query($slug: String!) { brand(slug: $slug) { id name slug sectors status statusText claimCount sourceCount
      owner { id name brands { id name slug status } } owners { id name }
      ownershipClaims { id } facilities { kind id name countryCode } programmes { kind id name }
      exposure { strength ended endedNote period steps { from { kind id name countryCode } to { kind id name } predicate reversed confidence claims { id } }
        endingClaims { id } endingResponses { id } }
      counterEvidence { stepFrom { id } stepTo { id } claims { id } responses { id } }
      responses { id stance date } newestEvidence } }"""
    with open(f"{out}/graphql.jsonl", "wb") as f:
        for _, slug, _ in picked: f.write(graphql(brand_q, {"slug": slug}) + b"\n")
    os.makedirs(f"{out}/pages", exist_ok=True)
    for _, slug, _ in picked[:250]:
        open(f"{out}/pages/{slug}.html", "wb").write(page(get("/brands/" + urllib.parse.quote(slug))))
    print(f"{out}: {len(queries)} searches, {len(picked)} brands through GraphQL, 250 pages, the target list")
finally:
    server.terminate(); server.wait(30); shutil.rmtree(work, ignore_errors=True)
