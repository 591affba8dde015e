using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Resolution;

namespace SupplyChain.Import;

/// <summary>
/// The write side of an import, inside the runner's transaction: resolves each named entity (match, create, or create
/// and queue a match candidate), adds claims and responses that are not already held, and versions sources.
/// </summary>
sealed class ImportWriter
{
    readonly SupplyChainDb db;
    readonly Manifest manifest;
    readonly ImportOptions options;
    readonly EntityCatalog catalog;
    readonly Dictionary<long, ResolvableEntity> newEntities = new(); // temporary (negative) id → entity not yet saved (write stage only)
    readonly HashSet<(long, string)> aliasKeys;
    readonly HashSet<string> slugs;
    readonly List<Source> sources;
    readonly HashSet<string> fingerprints = new();
    readonly HashSet<(long Brand, long Company)> ownership;
    /// <summary>Rows written through the engine's bulk path (COPY / prepared INSERT) rather than EF change tracking.</summary>
    readonly bool bulk;
    /// <summary>Rows per chunk: entities are resolved, and rows written, a chunk at a time.</summary>
    readonly int chunkSize;
    readonly BulkInsert.IdBlocks idBlocks = new();
    /// <summary>Whether the next chunk may be resolved on another core while this one is written.</summary>
    readonly bool runAhead;
    readonly List<ResolvableEntity> pendingEntities = [];
    /// <summary>Sources this import created: nothing held can cite them, so their claims need no "already held" query.</summary>
    readonly HashSet<Source> newSources = new(ReferenceEqualityComparer.Instance);
    long nextTemp = -1;

    sealed class Resolved
    {
        public required EntityKind Kind { get; init; }
        public required string AsPublished { get; init; }
        public long TempOrId { get; init; }
        public Source? Source { get; init; }
        public EntityDraft? Draft { get; init; }
    }

    sealed record PendingCandidate(EntityKind Kind, long IncomingTemp, NameMatch Match, string IncomingName);

    /// <summary>
    /// One chunk's resolution, made without touching the database or the change tracker, so that it can run ahead of
    /// the writes on another core: what it decided, and the change-tracker work it leaves to the write stage, in the
    /// order it arose (so the tracker sees the very calls, in the very order, of resolving and writing in turn).
    /// </summary>
    sealed class ResolvedChunk(List<RowDraft> rows)
    {
        public List<RowDraft> Rows { get; } = rows;
        public List<Dictionary<string, List<Resolved>>> Entities { get; } = new(rows.Count);
        public Dictionary<RowSourceDraft, Source> RowSources { get; } = new();
        public List<PendingCandidate> Candidates { get; } = [];
        /// <summary>Entities created, by temporary id; the bulk ones also go to <see cref="Bulk"/>.</summary>
        public List<(long Temp, ResolvableEntity Entity)> Created { get; } = [];
        public List<ResolvableEntity> Bulk { get; } = [];
        /// <summary>db.Add and brand enrichment, run by the write stage before it saves.</summary>
        public List<Action> Tracked { get; } = [];
        /// <summary>A failure part way: what came before it is still applied (as it was when resolving wrote directly), then it is rethrown.</summary>
        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failed { get; set; }
    }

    ImportWriter(SupplyChainDb db, Manifest manifest, ImportOptions options, EntityCatalog catalog, HashSet<(long, string)> aliasKeys,
        HashSet<string> slugs, List<Source> sources, HashSet<(long, long)> ownership, bool bulk, int chunkSize, bool runAhead)
    {
        this.db = db; this.manifest = manifest; this.options = options; this.catalog = catalog; this.bulk = bulk;
        this.chunkSize = chunkSize; this.runAhead = runAhead;
        this.aliasKeys = aliasKeys; this.slugs = slugs; this.sources = sources; this.ownership = ownership;
    }

    public static async Task<ImportWriter> CreateAsync(SupplyChainDb db, Manifest manifest, ImportOptions options, bool bulkWrites, int chunkSize, bool runAhead, CancellationToken ct)
    {
        var catalog = await CatalogLoader.LoadAsync(db, ct, forImport: true);
        var aliasKeys = (await db.BrandAliases.AsNoTracking().Select(a => new { a.BrandId, a.NameKey }).ToListAsync(ct))
            .Select(a => (a.BrandId, a.NameKey)).ToHashSet();
        var slugs = (await db.Brands.AsNoTracking().Select(b => b.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var sources = await db.Sources.AsNoTracking().ToListAsync(ct);
        var owned = (await db.Claims.AsNoTracking()
                .Where(c => c.Predicate == Predicate.OwnedBy && c.SubjectKind == EntityKind.Brand && c.ObjectKind == EntityKind.Company && c.Status == ClaimStatus.Active)
                .Select(c => new { c.SubjectId, c.ObjectId }).ToListAsync(ct))
            .Select(x => (x.SubjectId, x.ObjectId)).ToHashSet();
        return new ImportWriter(db, manifest, options, catalog, aliasKeys, slugs, sources, owned, bulkWrites && BulkInsert.Supported(db), chunkSize, runAhead);
    }

    public async Task WriteFileAsync(string file, string sha, string manifestSha, List<RowDraft> rows, FileReport fr, Action<int> progress, CancellationToken ct)
    {
        var batch = new ImportBatch
        {
            FileName = Path.GetFileName(file), Sha256 = sha, Manifest = manifestSha, Format = manifest.Format,
            StartedAt = DateTime.UtcNow, ImportedBy = options.Actor, RowsRead = rows.Count,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        fr.BatchId = batch.Id;
        fr.RowsRead = rows.Count;

        Source? datasetSource = null;
        Source? superseded = null;
        if (manifest.Source is { } spec)
        {
            (datasetSource, superseded) = ResolveDatasetSource(spec, file, sha, batch.Id);
            if (superseded is not null) await RefuseTruncatedVersionAsync(superseded, file, rows.Count, ct);
            await db.SaveChangesAsync(ct);
            fr.SourceId = datasetSource.Id;
            if (superseded is not null) fr.SourceVersionNote = $"New version {datasetSource.Version} of source {superseded.Id} ('{superseded.Title}').";
        }

        var newTriples = new HashSet<(EntityKind, long, Predicate, EntityKind, long)>();
        var ahead = runAhead && !manifest.IsProse && CanRunAhead(rows);
        Task<ResolvedChunk>? next = null;
        for (var start = 0; start < rows.Count; start += chunkSize)
        {
            var chunk = rows.GetRange(start, Math.Min(chunkSize, rows.Count - start));
            var end = start + chunk.Count;
            if (manifest.IsProse) await WriteProseChunkAsync(chunk, datasetSource!, batch.Id, fr, ct);
            else
            {
                var resolved = next is null ? Resolve(chunk, batch.Id, fr, ct) : await next;
                // A two-stage pipeline: the next chunk is resolved on another core while this one is written. Same order,
                // same temporary ids, same change-tracker calls (applied by the write stage): same ids and rows.
                next = ahead && resolved.Failed is null && end < rows.Count
                    ? Task.Run(() => Resolve(rows.GetRange(end, Math.Min(chunkSize, rows.Count - end)), batch.Id, fr, ct), CancellationToken.None)
                    : null;
                try
                {
                    await WriteChunkAsync(resolved, datasetSource, batch.Id, fr, newTriples, ct);
                }
                catch when (next is not null)
                {
                    await next; // never throws (a failure is kept in it): nothing may still be resolving when this unwinds
                    throw;
                }
            }
            db.ChangeTracker.Clear();
            progress(end);
        }

        // An edition of a yearly list does not retract the earlier editions' rows: they stay what that year's list said.
        if (superseded is not null && datasetSource is not null && manifest.Source?.Editions != true)
            fr.ClaimsRetracted = await RetireOldVersionAsync(superseded, datasetSource, newTriples, ct);

        batch.FinishedAt = DateTime.UtcNow;
        batch.SourceId = datasetSource?.Id;
        batch.ClaimsAdded = fr.ClaimsAdded + fr.ClaimsProposed;
        batch.ClaimsRetracted = fr.ClaimsRetracted;
        batch.EntitiesCreated = fr.EntitiesCreated;
        batch.EntitiesMatched = fr.EntitiesMatched;
        batch.CandidatesQueued = fr.CandidatesQueued;
        db.ImportBatches.Update(batch);
        db.Audit.Add(new AuditEntry
        {
            At = DateTime.UtcNow, Actor = options.Actor, Action = "import", Target = $"batch {batch.Id}: {batch.FileName}",
            After = $"{{\"rows\":{fr.RowsRead},\"claimsAdded\":{fr.ClaimsAdded},\"claimsRetracted\":{fr.ClaimsRetracted},\"entitiesCreated\":{fr.EntitiesCreated},\"queued\":{fr.CandidatesQueued}}}",
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Whether resolving may run ahead of writing: only when the write stage reads nothing resolving changes. Responses
    /// (matched against the catalog while written), rows citing their own sources and reports named as objects (looked
    /// up among the sources while claims are built) keep the two in turn.
    /// </summary>
    static bool CanRunAhead(List<RowDraft> rows) =>
        rows.All(r => r.Responses.Count == 0 && r.Claims.All(c => c.Source is null) && r.Entities.Values.All(ds => ds.All(d => d.Kind != EntityKind.Source)));

    /// <summary>
    /// One resolved chunk of rows in five steps: apply what resolving left to the change tracker and save the new
    /// entities (so their ids are known), queue near-names for review, build its claims and responses, add those not
    /// held already, then link responders.
    /// </summary>
    async Task WriteChunkAsync(ResolvedChunk r, Source? datasetSource, long batchId, FileReport fr,
        HashSet<(EntityKind, long, Predicate, EntityKind, long)> newTriples, CancellationToken ct)
    {
        foreach (var (temp, entity) in r.Created) newEntities[temp] = entity;
        pendingEntities.AddRange(r.Bulk);
        foreach (var tracked in r.Tracked) tracked();
        r.Failed?.Throw();
        using (ImportProfile.Time("save entities"))
        {
            await FlushNewEntitiesAsync(ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }
        var (chunk, resolved, rowSources, candidates) = (r.Rows, r.Entities, r.RowSources, r.Candidates);
        List<MatchCandidate> newCandidates;
        List<(CompanyResponse Response, ResponseDraft Draft, Resolved Responder)> responses;
        List<Claim> claims;
        using (ImportProfile.Time("candidates+build claims"))
        {
            newCandidates = Queue(candidates, batchId, fr);
            (claims, responses) = Build(chunk, resolved, rowSources, datasetSource, batchId, newTriples);
        }
        await AddAsync(claims, responses, newCandidates, fr, ct);
        await LinkRespondersAsync(responses, ct);
    }

    /// <summary>Resolves each row's entities and row sources, touching no database: the write stage saves what it created.</summary>
    ResolvedChunk Resolve(List<RowDraft> chunk, long batchId, FileReport fr, CancellationToken ct)
    {
        var into = new ResolvedChunk(chunk);
        try
        {
            foreach (var row in chunk)
            {
                ct.ThrowIfCancellationRequested(); // resolution is CPU-bound: a cancelled import (client gone, deadline) stops here
                var map = new Dictionary<string, List<Resolved>>(row.Entities.Count);
                using (ImportProfile.Time("resolve"))
                    foreach (var (alias, drafts) in row.Entities)
                    {
                        var resolved = new List<Resolved>(drafts.Count);
                        foreach (var d in drafts)
                            if (ResolveEntity(d, batchId, fr, into) is { } r) resolved.Add(r);
                        map[alias] = resolved;
                    }
                into.Entities.Add(map);
                foreach (var c in row.Claims)
                    if (c.Source is { } s && !into.RowSources.ContainsKey(s)) into.RowSources[s] = ResolveRowSource(s, batchId, into);
                foreach (var r in row.Responses)
                    if (r.Source is { } s && !into.RowSources.ContainsKey(s)) into.RowSources[s] = ResolveRowSource(s, batchId, into);
            }
        }
        catch (Exception e)
        {
            into.Failed = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }
        return into;
    }

    /// <summary>Near-names found while resolving become review candidates (never merges).</summary>
    List<MatchCandidate> Queue(List<PendingCandidate> candidates, long batchId, FileReport fr)
    {
        var newCandidates = new List<MatchCandidate>();
        foreach (var c in candidates)
        {
            var incoming = Id(c.IncomingTemp);
            var existing = Id(c.Match.Id);
            if (incoming == existing) continue;
            var candidate = new MatchCandidate
            {
                EntityKind = c.Kind, IncomingId = incoming, ExistingId = existing, IncomingName = c.IncomingName, ExistingName = c.Match.Name,
                Score = c.Match.Score, Rule = c.Match.Rule, Status = MatchStatus.Pending, ImportBatchId = batchId,
            };
            if (bulk) newCandidates.Add(candidate);
            else db.MatchCandidates.Add(candidate);
            fr.CandidatesQueued++;
            fr.Queued.Add($"{c.Kind} '{c.IncomingName}' ~ '{c.Match.Name}' (score {c.Match.Score:0.00}, {c.Match.Rule})");
        }

        return newCandidates;
    }

    /// <summary>The claims and responses each row states, with their fingerprints.</summary>
    (List<Claim> Claims, List<(CompanyResponse Response, ResponseDraft Draft, Resolved Responder)> Responses) Build(List<RowDraft> chunk, List<Dictionary<string, List<Resolved>>> resolved,
        Dictionary<RowSourceDraft, Source> rowSources, Source? datasetSource, long batchId, HashSet<(EntityKind, long, Predicate, EntityKind, long)> newTriples)
    {
        // b) claims and responses, skipping those already held
        var claims = new List<Claim>();
        var responses = new List<(CompanyResponse Response, ResponseDraft Draft, Resolved Responder)>();
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk[i];
            foreach (var cd in row.Claims)
            {
                var source = cd.Source is null ? datasetSource! : rowSources[cd.Source];
                foreach (var subject in resolved[i].GetValueOrDefault(cd.SubjectAlias) ?? [])
                foreach (var (objKind, objId, objName) in Objects(cd, resolved[i], source, datasetSource, batchId))
                {
                    var subjectId = Id(subject.TempOrId);
                    var claim = new Claim
                    {
                        SubjectKind = subject.Kind, SubjectId = subjectId, SubjectAsPublished = subject.AsPublished,
                        Predicate = cd.Predicate, ObjectKind = objKind, ObjectId = objId, ObjectAsPublished = objName,
                        SourceId = source.Id, LocatorPage = cd.Page, Locator = cd.Locator, Quote = cd.Quote, Summary = cd.Summary,
                        EvidenceType = cd.EvidenceType, Confidence = cd.Confidence, PeriodFrom = cd.PeriodFrom, PeriodTo = cd.PeriodTo,
                        ExternalId = cd.ExternalId, Status = ClaimStatus.Active, ImportBatchId = batchId,
                    };
                    claim.Fingerprint = claim.Identity();
                    newTriples.Add((claim.SubjectKind, claim.SubjectId, claim.Predicate, claim.ObjectKind, claim.ObjectId));
                    claims.Add(claim);
                }
            }
            foreach (var rd in row.Responses)
            {
                var source = rd.Source is null ? datasetSource! : rowSources[rd.Source];
                foreach (var responder in resolved[i].GetValueOrDefault(rd.ResponderAlias) ?? [])
                {
                    var response = new CompanyResponse
                    {
                        ResponderKind = responder.Kind, ResponderId = Id(responder.TempOrId), ResponderAsPublished = responder.AsPublished,
                        AboutAsPublished = rd.AboutAsPublished, Stance = rd.Stance, StatementDate = rd.Date, Summary = rd.Summary, Text = rd.Text,
                        Url = rd.Url, SourceId = source.Id, Locator = rd.Locator, ExternalId = rd.ExternalId, ImportBatchId = batchId,
                    };
                    response.Fingerprint = response.Identity();
                    responses.Add((response, rd, responder));
                }
            }
        }

        return (claims, responses);
    }

    /// <summary>Adds the claims, responses and candidates not held already (by fingerprint), through the bulk path where on.</summary>
    async Task AddAsync(List<Claim> claims, List<(CompanyResponse Response, ResponseDraft Draft, Resolved Responder)> responses, List<MatchCandidate> newCandidates, FileReport fr, CancellationToken ct)
    {
        var heldQuery = ImportProfile.Time("held fingerprints query");
        // A claim citing a source this import created cannot be held already: only the others are looked up.
        var newSourceIds = newSources.Select(x => x.Id).ToHashSet();
        var chunkPrints = claims.Where(c => !newSourceIds.Contains(c.SourceId)).Select(c => c.Fingerprint)
            .Concat(responses.Where(r => !newSourceIds.Contains(r.Response.SourceId)).Select(r => r.Response.Fingerprint)).ToList();
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (chunkPrints.Count > 0)
        {
            held.UnionWith(await db.Claims.AsNoTracking().Where(c => chunkPrints.Contains(c.Fingerprint)).Select(c => c.Fingerprint).ToListAsync(ct));
            held.UnionWith(await db.Responses.AsNoTracking().Where(r => chunkPrints.Contains(r.Fingerprint)).Select(r => r.Fingerprint).ToListAsync(ct));
        }

        heldQuery.Dispose();
        var saveClaims = ImportProfile.Time("save claims");
        var newClaims = new List<Claim>();
        foreach (var claim in claims)
        {
            if (held.Contains(claim.Fingerprint) || !fingerprints.Add(claim.Fingerprint)) { fr.ClaimsUnchanged++; continue; }
            if (bulk) newClaims.Add(claim);
            else db.Claims.Add(claim);
            fr.ClaimsAdded++;
            if (claim is { Predicate: Predicate.OwnedBy, SubjectKind: EntityKind.Brand, ObjectKind: EntityKind.Company })
                ownership.Add((claim.SubjectId, claim.ObjectId)); // a brand's owners are these claims (no owner column to keep in step)
        }
        foreach (var (response, draft, responder) in responses)
        {
            if (held.Contains(response.Fingerprint) || !fingerprints.Add(response.Fingerprint)) continue;
            LinkResponseSubjects(response, draft, responder);
            db.Responses.Add(response);
            fr.ResponsesAdded++;
        }
        await BulkInsert.InsertAsync(db, newCandidates, idBlocks, ct);
        await BulkInsert.InsertAsync(db, newClaims, idBlocks, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        saveClaims.Dispose();
    }

    /// <summary>Responses saved in this chunk: a responder named differently from a held entity is queued for a link.</summary>
    async Task LinkRespondersAsync(List<(CompanyResponse Response, ResponseDraft Draft, Resolved Responder)> responses, CancellationToken ct)
    {
        foreach (var r in responses.Where(r => r.Response.Id != 0))
            QueueResponderLinks(r.Response, r.Responder);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>New facilities, companies and programmes of this chunk through the bulk path, ids set on the objects.</summary>
    async Task FlushNewEntitiesAsync(CancellationToken ct)
    {
        if (pendingEntities.Count == 0) return;
        await BulkInsert.InsertAsync(db, pendingEntities.OfType<Facility>().ToList(), idBlocks, ct);
        await BulkInsert.InsertAsync(db, pendingEntities.OfType<Company>().ToList(), idBlocks, ct);
        await BulkInsert.InsertAsync(db, pendingEntities.OfType<Programme>().ToList(), idBlocks, ct);
        pendingEntities.Clear();
    }

    IEnumerable<(EntityKind Kind, long Id, string Name)> Objects(ClaimDraft cd, Dictionary<string, List<Resolved>> row, Source claimSource, Source? datasetSource, long batchId)
    {
        if (cd.ObjectAlias == "$source")
        {
            var s = datasetSource ?? claimSource;
            yield return (EntityKind.Source, s.Id, s.Title);
            yield break;
        }
        foreach (var o in row.GetValueOrDefault(cd.ObjectAlias) ?? [])
        {
            if (o.Kind == EntityKind.Source)
            {
                // A report named as an object: the source with that title, or else the report the row itself cites.
                var titled = FindSourceByTitle(o.AsPublished, null);
                var s = titled ?? claimSource;
                yield return (EntityKind.Source, s.Id, o.AsPublished);
            }
            else yield return (o.Kind, Id(o.TempOrId), o.AsPublished);
        }
    }

    long Id(long tempOrId) => tempOrId < 0 ? newEntities[tempOrId].Id : tempOrId;

    Resolved? ResolveEntity(EntityDraft d, long batchId, FileReport fr, ResolvedChunk into)
    {
        var candidates = into.Candidates;
        if (d.Kind == EntityKind.Source) return new Resolved { Kind = EntityKind.Source, AsPublished = d.Name, Draft = d };
        string? country;
        using (ImportProfile.Time("resolve: country"))
            country = CountryCodes.Normalize(d.Country);

        NameMatch? auto = null;
        IReadOnlyList<NameMatch> matches = [];
        for (var i = 0; i <= (d.Create ? 0 : d.Aliases.Count); i++) // a registry entry may be known to us by any of its names
        {
            using (ImportProfile.Time("resolve: catalog.Match"))
                matches = catalog.Match(d.Kind, i == 0 ? d.Name : d.Aliases[i - 1].Name, country, address: d.Address);
            auto = FirstLinked(matches);
            if (auto is not null) break;
        }
        if (auto is not null)
        {
            fr.EntitiesMatched++;
            if (d.Kind == EntityKind.Brand) EnrichBrand(auto.Id, d, [d.Name, .. d.Aliases.Select(a => a.Name)], batchId, fr, into);
            return new Resolved { Kind = d.Kind, AsPublished = d.Name, TempOrId = auto.Id, Draft = d };
        }
        if (!d.Create) { fr.RowsSkipped++; return null; }

        // "(Anhui)" beside the name is where the source says it is; a name holding no province's letters names none (cheap test first).
        var place = d.Name.Contains('(') && PlaceInName.ChineseProvinces.Any(p => d.Name.Contains(p, StringComparison.OrdinalIgnoreCase)) ? PlaceInName.Of(d.Name) : null;
        ResolvableEntity entity = d.Kind switch
        {
            EntityKind.Brand => NewBrand(d),
            EntityKind.Company => new Company { CountryCode = country ?? place?.CountryCode, WikidataQid = d.Wikidata },
            EntityKind.Facility => new Facility
            {
                NativeName = d.NativeName, Address = d.Address, City = d.City, Province = d.Province ?? place?.Province, PostalCode = d.PostalCode,
                CountryCode = country ?? place?.CountryCode, Latitude = d.Latitude, Longitude = d.Longitude, Identifiers = d.Identifiers,
            },
            EntityKind.Programme => new Programme { Kind = d.ProgrammeKind },
            _ => throw new RowException($"cannot create an entity of kind {d.Kind}"),
        };
        // A programme or list is named once; the addition or order it was named for ("(July 2020 additions)") stays on the claim.
        entity.Name = d.Kind == EntityKind.Programme ? NameNormalizer.WithoutParentheses(d.Name) : d.Name;
        entity.NameKey = NameNormalizer.Key(d.Name);
        entity.ImportBatchId = batchId;
        if (bulk && entity is not Brand) into.Bulk.Add(entity); // brands carry aliases: EF writes those
        else into.Tracked.Add(() => db.Add(entity));
        var temp = nextTemp--;
        into.Created.Add((temp, entity));
        using (ImportProfile.Time("resolve: catalog.Add"))
            catalog.Add(d.Kind, temp, d.Name, country, address: d.Address);
        if (entity is Brand b) foreach (var a in b.Aliases) catalog.AddAlias(EntityKind.Brand, temp, a.Name);
        fr.EntitiesCreated++;
        fr.Created.Add($"{d.Kind} '{d.Name}'");
        foreach (var m in matches)
            if (m.Verdict == MatchVerdict.Candidate && m.Id != temp && d.Review != "none" && (d.Review == "all" || m.Id > 0))
                candidates.Add(new PendingCandidate(d.Kind, temp, m, d.Name));
        // Another name the file gives it ("a.k.a. XPCC") that equals a name we hold is a lead for a reviewer, never a link.
        if (d.Kind != EntityKind.Brand)
            foreach (var a in d.Aliases)
                foreach (var m in catalog.Match(d.Kind, a.Name, country, 3).Where(m => m.Verdict == MatchVerdict.AutoMatch && m.Id != temp && m.Id > 0))
                    if (!candidates.Any(c => c.IncomingTemp == temp && c.Match.Id == m.Id))
                        candidates.Add(new PendingCandidate(d.Kind, temp, m with { Rule = $"alias '{a.Name}' equals this name", Verdict = MatchVerdict.Candidate }, d.Name));
        return new Resolved { Kind = d.Kind, AsPublished = d.Name, TempOrId = temp, Draft = d };
    }

    static NameMatch? FirstLinked(IReadOnlyList<NameMatch> matches)
    {
        for (var i = 0; i < matches.Count; i++)
            if (matches[i].Verdict == MatchVerdict.AutoMatch) return matches[i];
        return null;
    }

    Brand NewBrand(EntityDraft d)
    {
        var slug = NameNormalizer.Slug(NameNormalizer.WithoutParentheses(d.Name));
        var unique = slug;
        for (var n = 2; !slugs.Add(unique); n++) unique = $"{slug}-{n}";
        var brand = new Brand { Slug = unique, Sectors = NormalizeSectors(d.Sectors), WikidataQid = d.Wikidata };
        var keys = new HashSet<string> { NameNormalizer.Key(d.Name) };
        foreach (var a in d.Aliases)
            if (keys.Add(NameNormalizer.Key(a.Name)))
                brand.Aliases.Add(new BrandAlias { Name = a.Name, NameKey = NameNormalizer.Key(a.Name), Language = a.Language, Script = a.Script, Kind = a.Kind });
        return brand;
    }

    /// <summary>A registry or a second source tells us more names of a brand we hold: add them as aliases, never as brands.</summary>
    void EnrichBrand(long id, EntityDraft d, List<string> names, long batchId, FileReport fr, ResolvedChunk into)
    {
        if (id < 0) return; // created in this import: its aliases came with it
        var entry = catalog.Get(EntityKind.Brand, id);
        var own = entry?.Key;
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var key = NameNormalizer.Key(name);
            if (key.Length == 0 || key == own || !aliasKeys.Add((id, key))) continue;
            var spec = i == 0 ? (Language: (string?)null, Script: RowMapper.ScriptOf(name), Kind: "alternate") : (d.Aliases[i - 1].Language, d.Aliases[i - 1].Script, d.Aliases[i - 1].Kind);
            var alias = new BrandAlias { BrandId = id, Name = name, NameKey = key, Language = spec.Language, Script = spec.Script, Kind = spec.Kind, ImportBatchId = batchId };
            into.Tracked.Add(() => db.BrandAliases.Add(alias));
            catalog.AddAlias(EntityKind.Brand, id, name);
            fr.AliasesAdded++;
        }
        if (d.Wikidata is not null || d.Sectors is not null)
            into.Tracked.Add(() =>
            {
                var brand = db.Brands.Local.FirstOrDefault(b => b.Id == id) ?? db.Brands.Find(id);
                if (brand is null) return;
                brand.WikidataQid ??= d.Wikidata;
                var merged = NormalizeSectors(string.Join(';', new[] { brand.Sectors, d.Sectors }.Where(s => s is not null)));
                if (merged != brand.Sectors) brand.Sectors = merged;
            });
    }

    static string? NormalizeSectors(string? sectors)
    {
        if (string.IsNullOrWhiteSpace(sectors)) return null;
        var parts = sectors.Split([';', ',', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return parts.Count == 0 ? null : string.Join(';', parts);
    }

    /// <summary>What a response is about, and who it speaks for, linked only by exact names or ownership claims.</summary>
    void LinkResponseSubjects(CompanyResponse response, ResponseDraft draft, Resolved responder)
    {
        foreach (var part in draft.About)
        {
            foreach (var kind in new[] { EntityKind.Facility, EntityKind.Company, EntityKind.Brand })
            {
                var hit = FirstLinked(catalog.Match(kind, part, null, 1));
                if (hit is null) continue;
                response.Subjects.Add(new ResponseSubject { Role = SubjectRole.About, EntityKind = kind, EntityId = Id(hit.Id), NameAsPublished = part, Rule = hit.Rule });
                break;
            }
        }
    }

    /// <summary>"Inditex (Zara)": the bracketed brand is reached through an ownership claim, or queued for a reviewer; never guessed.</summary>
    void QueueResponderLinks(CompanyResponse response, Resolved responder)
    {
        if (responder.Kind != EntityKind.Company) return;
        var companyId = Id(responder.TempOrId);
        foreach (var q in NameNormalizer.Qualifiers(responder.AsPublished).SelectMany(q => q.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var brand = FirstLinked(catalog.Match(EntityKind.Brand, q, null, 1));
            if (brand is null) continue;
            var brandId = Id(brand.Id);
            if (ownership.Contains((brandId, companyId)))
                db.ResponseSubjects.Add(new ResponseSubject { ResponseId = response.Id, Role = SubjectRole.For, EntityKind = EntityKind.Brand, EntityId = brandId, NameAsPublished = q, Rule = "ownership-claim" });
            else
                db.ResponderLinkCandidates.Add(new ResponderLinkCandidate { ResponseId = response.Id, BrandId = brandId, NameAsPublished = q });
        }
    }

    async Task WriteProseChunkAsync(List<RowDraft> chunk, Source source, long batchId, FileReport fr, CancellationToken ct)
    {
        var prose = manifest.ProseOptions!;
        var kinds = prose.Find.Select(k => RowMapper.ParseEnum<EntityKind>(k, "entity kind")).ToList();
        var finder = ProseNameFinder.For(catalog, kinds);
        var predicate = RowMapper.ParseEnum<Predicate>(prose.Predicate, "predicate");
        var claims = new List<Claim>();
        foreach (var row in chunk)
        {
            var text = row.Row.Get("text")!;
            foreach (var (kind, id, name) in finder.Find(text))
            {
                var quote = text.Length > 1000 ? text[..1000] + "…" : text;
                var claim = new Claim
                {
                    SubjectKind = kind, SubjectId = Id(id), SubjectAsPublished = name, Predicate = predicate,
                    ObjectKind = EntityKind.Source, ObjectId = source.Id, ObjectAsPublished = source.Title, SourceId = source.Id,
                    LocatorPage = row.Row.Page?.ToString(System.Globalization.CultureInfo.InvariantCulture), Locator = row.Row.Locator, Quote = quote, EvidenceType = RowMapper.ParseEnum<EvidenceType>(prose.EvidenceType, "evidence type"),
                    Confidence = RowMapper.ParseEnum<Confidence>(prose.Confidence, "confidence"),
                    Status = ClaimStatus.Proposed, ImportBatchId = batchId,
                };
                claim.Fingerprint = claim.Identity();
                claims.Add(claim);
            }
        }
        var prints = claims.Select(c => c.Fingerprint).ToList();
        var held = new HashSet<string>(await db.Claims.AsNoTracking().Where(c => prints.Contains(c.Fingerprint)).Select(c => c.Fingerprint).ToListAsync(ct));
        foreach (var c in claims)
        {
            if (held.Contains(c.Fingerprint) || !fingerprints.Add(c.Fingerprint)) { fr.ClaimsUnchanged++; continue; }
            db.Claims.Add(c);
            fr.ClaimsProposed++;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    (Source Current, Source? Superseded) ResolveDatasetSource(SourceSpec spec, string file, string sha, long batchId)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        string? T(string? s) => s?.Replace("{$file}", Path.GetFileName(file)).Replace("{$fileStem}", stem);
        var title = T(spec.Title) ?? stem;
        // A file name in a URL is percent-encoded ("Fall%202017%20Compliance%20List.csv"): a raw space is not a link.
        var url = spec.Url?.Replace("{$file}", Uri.EscapeDataString(Path.GetFileName(file))).Replace("{$fileStem}", Uri.EscapeDataString(stem));
        var kind = RowMapper.ParseEnum<SourceKind>(spec.Kind, "source kind");
        var existing = FindSource(url, title, spec.Published);
        // Follow the version chain to its newest member.
        while (existing is not null && sources.FirstOrDefault(s => s.SupersedesId == existing.Id) is { } newer) existing = newer;

        // Same file, a source first met as a citation, or a second copy of the version the manifest names: the same source.
        if (existing is not null && (existing.Sha256 is null || existing.Sha256 == sha || (spec.Version is not null && spec.Version == existing.Version)))
        {
            var tracked = db.Sources.Find(existing.Id)!;
            tracked.Sha256 ??= sha;
            tracked.Publisher ??= spec.Publisher;
            tracked.Authors ??= spec.Authors.Count > 0 ? string.Join("; ", spec.Authors) : null;
            tracked.Version ??= spec.Version;
            tracked.ArchivedUrl ??= spec.ArchivedUrl;
            tracked.Url ??= url;
            if (tracked.Kind == SourceKind.Other) tracked.Kind = kind;
            db.ChangeTracker.DetectChanges();
            Replace(tracked);
            return (tracked, null);
        }
        var created = new Source
        {
            Title = title, TitleKey = NameNormalizer.Fold(title), Publisher = spec.Publisher,
            Authors = spec.Authors.Count > 0 ? string.Join("; ", spec.Authors) : null, Published = spec.Published,
            Version = spec.Version ?? (existing is null ? null : NextVersion(existing.Version)), Url = url, ArchivedUrl = spec.ArchivedUrl,
            Sha256 = sha, Kind = kind, SupersedesId = existing?.Id, ImportBatchId = batchId,
        };
        db.Sources.Add(created);
        sources.Add(created);
        newSources.Add(created);
        return (created, existing);
    }

    static string NextVersion(string? v) => int.TryParse(v, out var n) ? (n + 1).ToString() : v is null ? "2" : v + "+1";

    Source ResolveRowSource(RowSourceDraft d, long batchId, ResolvedChunk into)
    {
        var found = FindSource(d.Url, d.Title, d.Published);
        if (found is not null) return found;
        var s = new Source
        {
            Title = d.Title, TitleKey = NameNormalizer.Fold(d.Title), Publisher = d.Publisher, Published = d.Published,
            Url = d.Url, Via = d.Via, Kind = d.Kind, ImportBatchId = batchId,
        };
        into.Tracked.Add(() => db.Sources.Add(s));
        sources.Add(s);
        newSources.Add(s);
        return s;
    }

    /// <summary>Same URL, or same title with no disagreeing date: the same source.</summary>
    Source? FindSource(string? url, string? title, string? published)
    {
        if (!string.IsNullOrWhiteSpace(url))
        {
            var byUrl = sources.FirstOrDefault(s => string.Equals(s.Url?.Trim(), url.Trim(), StringComparison.OrdinalIgnoreCase));
            if (byUrl is not null) return byUrl;
        }
        return FindSourceByTitle(title, published);
    }

    Source? FindSourceByTitle(string? title, string? published)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var key = NameNormalizer.Fold(title);
        return sources.Where(s => s.TitleKey == key && (published is null || s.Published is null || s.Published == published))
            .OrderByDescending(s => s.Sha256 is not null).ThenBy(s => s.Id).FirstOrDefault();
    }

    void Replace(Source tracked)
    {
        var i = sources.FindIndex(s => s.Id == tracked.Id);
        if (i >= 0) sources[i] = tracked;
    }

    /// <summary>An empty or truncated download (a failed scrape) must not retract a whole list: a new version with far
    /// fewer rows than the one it replaces is refused, and the transaction rolls back.</summary>
    async Task RefuseTruncatedVersionAsync(Source old, string file, int rows, CancellationToken ct)
    {
        var held = await db.ImportBatches.AsNoTracking().Where(b => b.SourceId == old.Id && b.FinishedAt != null)
            .Select(b => (int?)b.RowsRead).MaxAsync(ct) ?? 0;
        var share = manifest.Limits.MinShareOfPreviousRows;
        if (held > 0 && (rows == 0 || rows < held * share))
            throw new RowException($"refused: this file has {rows} rows where the version it would replace (source {old.Id}, '{old.Title}', version {old.Version ?? "1"}) has {held}; " +
                $"an empty or truncated download would retract the list. Check the file (limits.minShareOfPreviousRows is {share}).");
    }

    /// <summary>Claims of the old version that the new one repeats are superseded; those it drops are retracted, never deleted.</summary>
    async Task<int> RetireOldVersionAsync(Source old, Source current, HashSet<(EntityKind, long, Predicate, EntityKind, long)> kept, CancellationToken ct)
    {
        var oldClaims = await db.Claims.Where(c => c.SourceId == old.Id && ClaimStatuses.Live.Contains(c.Status)).ToListAsync(ct);
        var retracted = 0;
        var now = DateTime.UtcNow;
        foreach (var c in oldClaims)
        {
            var key = (c.SubjectKind, c.SubjectId, c.Predicate, c.ObjectKind, c.ObjectId == old.Id && c.ObjectKind == EntityKind.Source ? current.Id : c.ObjectId);
            if (kept.Contains(key))
            {
                c.Status = ClaimStatus.Superseded;
                c.StatusReason = $"repeated in version {current.Version} of this source (source {current.Id})";
            }
            else
            {
                c.Status = ClaimStatus.Retracted;
                c.StatusReason = $"absent from version {current.Version} of this source (source {current.Id})";
                retracted++;
            }
            c.StatusChangedAt = now;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        return retracted;
    }
}
