using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Queries;

public sealed record SourceRef(long Id, string Title, string? Publisher, string? Published, SourceKind Kind, string? Url = null);

/// <summary>One thing a source says about the entity at the end of a path: it received transferred workers, or a list named it.</summary>
public sealed record LinkFact(Predicate Predicate, long TargetId, string Target, ProgrammeKind? TargetKind, string? Period);

/// <summary>The entity a brand's path reaches a programme or list through, with what is said about it.</summary>
public sealed record LinkSummary(EntityView End, EntityView Supplier, bool Direct, bool Ended, string? EndedNote, Confidence Strength, IReadOnlyList<LinkFact> Facts);

public sealed record ResponseBrief(long Id, Stance Stance, string? Date, string Responder = "");

/// <summary>
/// What we hold about one brand, reduced to what a result line and a campaigner's target list show. Computed for all
/// brands at once from the same claim graph the search index uses (and with the same name keys the brand page uses).
/// </summary>
public sealed record BrandDigest(BrandCard Card, BrandStatus Status, Confidence? Strength, int IndependentSources, IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<SourceRef> NamedIn, IReadOnlyList<LinkSummary> Links, int SupplierCount, IReadOnlyList<string> SupplierCountries,
    IReadOnlyList<ResponseBrief> Responses, string? NewestEvidence, int ClaimCount)
{
    /// <summary>Independent publishers behind the brand's paths (what ranks two paths of the same strength).</summary>
    public int PathPublishers { get; init; }
    /// <summary>Other brands of this brand's owner that have a link on record (Converse → Nike).</summary>
    public IReadOnlyList<BrandCard> OwnerLinkedThrough { get; init; } = [];
    /// <summary>Chinese provinces of the suppliers on its paths and of its known suppliers ("Xinjiang", "Anhui").</summary>
    public IReadOnlyList<string> SupplierProvinces { get; init; } = [];
    /// <summary>The latest dated response we hold; an undated one only when none is dated.</summary>
    public ResponseBrief? LatestResponse => Responses.LastOrDefault(r => r.Date is not null) ?? Responses.LastOrDefault();
    public string Summary => TargetQueries.Describe(this);
    /// <summary>The summary without the closing "not a clean bill of health", for a list that states it once at its head.</summary>
    public string Finding => TargetQueries.Describe(this, caveat: false);
}

public enum TargetSort { Strength, Name, Sources, Newest }

/// <summary>Campaigners' filters. Null or 0 means "any".</summary>
public sealed record TargetFilter(string? Sector = null, string? Country = null, long? SourceId = null, int MinSources = 0,
    Confidence? MinConfidence = null, string? Stance = null, BrandStatus? Status = null, TargetSort Sort = TargetSort.Strength, string? Province = null)
{
    /// <summary>The value of <see cref="Stance"/> that asks for brands with no response on record.</summary>
    public const string NoResponse = "none";
}

/// <summary>The campaigner target list: every brand we hold evidence on, with what it rests on, filterable and exportable.</summary>
public sealed class TargetQueries(SupplyChainDbFactory factory)
{
    // Digests depend only on the data, and the search index is rebuilt whenever the data changes: one computation per index.
    static readonly ConditionalWeakTable<BrandIndex, IReadOnlyList<BrandDigest>> Cache = new();

    public async Task<IReadOnlyList<BrandDigest>> DigestsAsync(BrandIndex index, CancellationToken ct = default)
    {
        if (Cache.TryGetValue(index, out var cached)) return cached;
        var computed = await ComputeAsync(index, ct);
        Cache.AddOrUpdate(index, computed);
        return computed;
    }

    public async Task<BrandDigest?> DigestAsync(BrandIndex index, long brandId, CancellationToken ct = default) =>
        (await DigestsAsync(index, ct)).FirstOrDefault(d => d.Card.Id == brandId);

    async Task<IReadOnlyList<BrandDigest>> ComputeAsync(BrandIndex index, CancellationToken ct)
    {
        await using var db = factory.Create();
        var snapshot = GraphSnapshot.Of(index); // the view the index's statuses came from
        var graph = snapshot.Graph;
        var facilities = await db.Facilities.AsNoTracking().Where(f => f.MergedIntoId == null)
            .Select(f => new { f.Id, f.Name, f.CountryCode, f.Province, f.NameKey }).ToDictionaryAsync(f => f.Id, ct);
        var companies = await db.Companies.AsNoTracking().Where(c => c.MergedIntoId == null)
            .Select(c => new { c.Id, c.Name, c.CountryCode, c.NameKey }).ToDictionaryAsync(c => c.Id, ct);
        // A supplier held without a country takes the one its listed sites of the same name agree on: "Huafu Fashion Co."
        // is where "Huafu Fashion Co. (Anhui factory)" is. Sites that disagree give none.
        var siteCountry = facilities.Values.Select(f => (f.NameKey, Country: f.CountryCode ?? PlaceInName.Of(f.Name)?.CountryCode))
            .Concat(companies.Values.Select(c => (c.NameKey, Country: c.CountryCode ?? PlaceInName.Of(c.Name)?.CountryCode)))
            .Where(x => x.Country is not null && x.NameKey.Length > 0).GroupBy(x => x.NameKey)
            .Where(g => g.Select(x => x.Country).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().Country);
        // ...or the country of the factories the sources say it owns ("OFILM factory in Nanchang (Jiangxi)" → OFILM Group), when they agree.
        var ownedSiteCountry = companies.Keys.Select(id => (Id: id, Countries: graph.To(new EntityRef(EntityKind.Company, id))
                .Where(c => c.Predicate == Predicate.OwnedBy && c.Subject.Kind == EntityKind.Facility && facilities.ContainsKey(c.Subject.Id))
                .Select(c => facilities[c.Subject.Id]).Select(f => f.CountryCode ?? PlaceInName.Of(f.Name)?.CountryCode)
                .Where(x => x is not null).Distinct().ToList()))
            .Where(x => x.Countries.Count == 1).ToDictionary(x => x.Id, x => x.Countries[0]);
        var programmes = await db.Programmes.AsNoTracking().Select(p => new { p.Id, p.Name, p.Kind }).ToDictionaryAsync(p => p.Id, ct);
        var sources = await db.Sources.AsNoTracking()
            .Select(s => new SourceRef(s.Id, s.Title, s.Publisher, s.Published, s.Kind, s.Url)).ToDictionaryAsync(s => s.Id, ct);
        // Where a supplier is: its column, else the place its published name states ("(Anhui)"); never a guess.
        string? ProvinceOf(EntityRef e) => e.Kind switch
        {
            EntityKind.Facility when facilities.TryGetValue(e.Id, out var f) => f.Province ?? PlaceInName.Of(f.Name)?.Province,
            EntityKind.Company when companies.TryGetValue(e.Id, out var c) => PlaceInName.Of(c.Name)?.Province,
            _ => null,
        };
        var claimSource = await db.Claims.AsNoTracking().Where(c => c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Disputed)
            .Select(c => new { c.Id, c.SourceId }).ToDictionaryAsync(c => c.Id, c => c.SourceId, ct);

        EntityView View(EntityRef e) => e.Kind switch
        {
            EntityKind.Facility when facilities.TryGetValue(e.Id, out var f) => new EntityView(e.Kind, e.Id, f.Name, null,
                f.CountryCode ?? PlaceInName.Of(f.Name)?.CountryCode ?? siteCountry.GetValueOrDefault(f.NameKey)),
            EntityKind.Company when companies.TryGetValue(e.Id, out var c) => new EntityView(e.Kind, e.Id, c.Name, null,
                c.CountryCode ?? PlaceInName.Of(c.Name)?.CountryCode ?? siteCountry.GetValueOrDefault(c.NameKey) ?? ownedSiteCountry.GetValueOrDefault(c.Id)),
            EntityKind.Programme when programmes.TryGetValue(e.Id, out var p) => new EntityView(e.Kind, e.Id, p.Name, null, null),
            EntityKind.Brand when index.ById(e.Id) is { } b => new EntityView(e.Kind, e.Id, b.Name, b.Slug, null),
            EntityKind.Source when sources.TryGetValue(e.Id, out var s) => new EntityView(e.Kind, e.Id, s.Title, null, null),
            _ => new EntityView(e.Kind, e.Id, $"({e.Kind} {e.Id})", null, null),
        };

        var result = new List<BrandDigest>(index.Count);
        foreach (var card in index.Cards)
        {
            var brand = new EntityRef(EntityKind.Brand, card.Id);
            var exposure = snapshot.Exposure(card.Id);
            var own = graph.From(brand).Concat(graph.To(brand)).ToList();
            var evidence = own.Concat(exposure.Paths.SelectMany(p => p.Steps.SelectMany(s => s.Claims).Concat(p.EndingClaims)))
                .Select(c => c.Id).Distinct().ToList();
            var used = evidence.Where(claimSource.ContainsKey).Select(id => claimSource[id]).Distinct()
                .Where(sources.ContainsKey).Select(id => sources[id]).OrderBy(s => s.Published ?? "").ThenBy(s => s.Id).ToList();
            var namedIn = graph.From(brand).Where(c => c.Predicate == Predicate.NamedIn && c.Object.Kind == EntityKind.Source && sources.ContainsKey(c.Object.Id))
                .Select(c => sources[c.Object.Id]).DistinctBy(s => s.Id).ToList();

            var links = new List<LinkSummary>();
            foreach (var group in exposure.Paths.GroupBy(p => (End: p.Steps[^1].From, p.Ended)))
            {
                var paths = group.ToList();
                var direct = paths.Where(p => p.Steps.Count == 2).ToList();
                var shown = direct.Count > 0 ? direct : paths; // the same factory reached directly needs no detour through its owner
                var facts = shown.Select(p => p.Steps[^1]).DistinctBy(s => (s.To, s.Predicate))
                    .Select(s => new LinkFact(s.Predicate, s.To.Id, View(s.To).Name,
                        s.To.Kind == EntityKind.Programme && programmes.TryGetValue(s.To.Id, out var pr) ? pr.Kind : null, PeriodOf(s)))
                    .OrderBy(f => f.Predicate).ThenBy(f => f.Target, StringComparer.Ordinal).ToList();
                links.Add(new LinkSummary(View(group.Key.End), View(shown[0].Steps[0].To), direct.Count > 0, group.Key.Ended,
                    shown.Select(p => p.EndedNote).FirstOrDefault(n => n is not null), shown.Max(p => p.Strength), facts));
            }
            links = links.OrderBy(l => l.Ended).ThenByDescending(l => l.Strength).ThenBy(l => l.End.Name, StringComparer.Ordinal).ToList();

            var suppliers = graph.From(brand).Where(c => c.Predicate == Predicate.SourcesFrom).Select(c => c.Object).Distinct().ToList();
            // Countries of the suppliers on a path first, then by how many known suppliers are there.
            var linkedCountries = links.SelectMany(l => new[] { l.End.CountryCode, l.Supplier.CountryCode }).Where(c => !string.IsNullOrEmpty(c)).ToHashSet();
            var countries = suppliers.Select(s => View(s).CountryCode).Concat(linkedCountries)
                .Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).GroupBy(c => c)
                .OrderByDescending(g => linkedCountries.Contains(g.Key)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).ToList();

            // Strength is the strength of a link: its best path's weakest step. A brand with no path has none (being
            // named, or disclosing suppliers, is not a strong link however firm the source).
            var current = exposure.Paths.Where(p => !p.Ended).ToList();
            Confidence? strength = current.Count > 0 ? current.Max(p => p.Strength)
                : exposure.Paths.Count > 0 ? exposure.Paths.Max(p => p.Strength) : null;
            var pathPublishers = exposure.Paths.SelectMany(p => p.Steps.SelectMany(st => st.Claims)).Select(c => c.Id).Distinct()
                .Where(claimSource.ContainsKey).Select(id => claimSource[id]).Where(sources.ContainsKey)
                .Select(id => NameNormalizer.Key(sources[id].Publisher ?? sources[id].Title)).Distinct().Count();
            var responseEdges = snapshot.ResponsesFor(card.Id);
            var responses = responseEdges.Select(r => new ResponseBrief(r.Id, r.Stance, r.Date, r.ResponderName)).ToList();
            var independent = used.Select(s => NameNormalizer.Key(s.Publisher ?? s.Title)).Distinct().Count();
            var provinces = exposure.Paths.SelectMany(p => new[] { p.Steps[0].To, p.Steps[^1].From }).Concat(suppliers)
                .Select(ProvinceOf).Where(p => p is not null).Select(p => p!).Distinct().Order(StringComparer.Ordinal).ToList();
            // Newest evidence counts everything held: sources of its claims and the dates of its responses.
            var newest = used.Select(s => s.Published).Concat(responseEdges.Select(r => r.Date)).Where(p => p is not null).Max();

            result.Add(new BrandDigest(card, exposure.Status, strength, independent, used, namedIn, links, suppliers.Count, countries, responses,
                newest, evidence.Count) { PathPublishers = pathPublishers, SupplierProvinces = provinces });
        }
        // A brand whose owner's other brand is linked says so: "its owner Nike, Inc. is linked through Nike".
        var linked = result.Where(d => d.Links.Count > 0).Select(d => d.Card).ToList();
        return result.Select(d => d.Card.OwnerCompanyId is { } o && snapshot.BrandsOf(o).ToHashSet() is var siblings
            && linked.Where(c => c.Id != d.Card.Id && siblings.Contains(c.Id)).ToList() is { Count: > 0 } others
            ? d with { OwnerLinkedThrough = others } : d).ToList();
    }

    /// <summary>"(2017–2019)", "(listed 2020)": the period the claims on a step state, in years; null when none is stated.</summary>
    static string? PeriodOf(ExposureStep step)
    {
        var from = step.Claims.Select(c => c.PeriodFrom).Where(p => p is { Length: >= 4 }).Select(p => p![..4]).Order().FirstOrDefault();
        var to = step.Claims.Select(c => c.PeriodTo).Where(p => p is { Length: >= 4 }).Select(p => p![..4]).Order().LastOrDefault();
        if (step.Predicate == Predicate.ListedOn)
        {
            var when = from ?? step.Claims.Select(c => c.SourcePublished).Where(p => p is { Length: >= 4 }).Select(p => p![..4]).Order().FirstOrDefault();
            return when is null ? null : $"listed {when}";
        }
        if (from is null && to is null) return null;
        if (from == to || to is null) return to is null ? $"from {from}" : from;
        return from is null ? $"until {to}" : $"{from}–{to}";
    }

    // ---- wording -------------------------------------------------------------------------------------------------

    /// <summary>
    /// What we know in one plain sentence, never stronger than the data: "Named in 1 report; supplied by 1 factory
    /// reported to have received transferred Uyghur workers (2017–2019)".
    /// </summary>
    public static string Describe(BrandDigest d, bool caveat = true)
    {
        var parts = new List<string>();
        if (d.NamedIn.Count > 0)
            parts.Add($"Named in {Join(d.NamedIn.Select(ReportName))} for its supply chain");
        foreach (var g in d.Links.GroupBy(l => (l.Direct, l.Ended, Weak: l.Strength == Confidence.Low, Facts: FactsText(l.Facts), Noun: Noun(l.End.Kind))))
        {
            var n = g.Count();
            var noun = n == 1 ? g.Key.Noun : g.Key.Noun == "factory" ? "factories" : g.Key.Noun + "s";
            var sb = new StringBuilder();
            if (g.Key.Direct) sb.Append(g.Key.Ended ? "formerly supplied by " : "supplied by ").Append(n).Append(' ').Append(noun);
            else sb.Append(g.Key.Ended ? "formerly bought from a supplier related by ownership to " : "buys from a supplier related by ownership to ")
                    .Append(n).Append(' ').Append(noun);
            sb.Append(' ').Append(g.Key.Facts);
            if (g.Key.Ended && g.Select(l => l.EndedNote).FirstOrDefault(x => x is not null) is { } note) sb.Append(" — ").Append(note);
            if (g.Key.Weak) sb.Append(" (on low-confidence evidence only)");
            parts.Add(sb.ToString());
        }
        if (d.Links.Count == 0)
        {
            if (d.NamedIn.Count > 0)
                parts.Add("which supplier is not yet in our data");
            if (d.SupplierCount > 0)
                parts.Add($"{Count(d.SupplierCount, "supplier")} known, none linked to a programme or list in our data yet");
            if (d.Status == BrandStatus.StatementsOnly)
                parts.Add("its own statements discuss Xinjiang or the allegations; no supplier link in our data yet");
            if (parts.Count == 0)
                parts.Add("In our database, but no source we hold says anything about it yet");
        }
        if (d.OwnerLinkedThrough.Count > 0 && d.Card.OwnerName is { } owner)
            parts.Add($"its owner {owner} is linked through {Join(d.OwnerLinkedThrough.Select(c => c.Name))}");
        if (caveat && !Wording.StatusWords.IsLinked(d.Status))
            parts.Add(Wording.StatusWords.NotACleanBill);
        var text = string.Join("; ", parts);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>"“Uyghurs for sale” (2020)": short, as the report is known; the page cites it in full.</summary>
    public static string ReportName(SourceRef s)
    {
        var colon = s.Title.IndexOf(':');
        var title = colon > 8 ? s.Title[..colon] : s.Title; // the short title a reader knows it by
        return $"“{title}”" + (s.Published is { Length: >= 4 } p ? $" ({p[..4]})" : "");
    }

    static string Noun(EntityKind kind) => kind switch { EntityKind.Facility => "factory", EntityKind.Company => "company", _ => "supplier" };

    static string FactsText(IReadOnlyList<LinkFact> facts)
    {
        var received = facts.Where(f => f.Predicate == Predicate.ReceivedTransferredWorkers).ToList();
        var listed = facts.Where(f => f.Predicate == Predicate.ListedOn).ToList();
        var pieces = new List<string>();
        if (received.Count > 0)
        {
            var periods = received.Select(f => f.Period).Where(p => p is not null).Distinct().ToList();
            var named = received.All(f => f.TargetKind is null or ProgrammeKind.LabourTransfer) ? "transferred Uyghur workers" : "workers transferred under " + Join(received.Select(f => f.Target));
            pieces.Add("reported to have received " + named + (periods.Count > 0 ? $" ({string.Join(", ", periods)})" : ""));
        }
        if (listed.Count > 0)
            pieces.Add("placed on " + Join(listed.Select(f => f.Period is null ? f.Target : $"{f.Target} ({f.Period})")));
        return string.Join(" and ", pieces);
    }

    static string Join(IEnumerable<string> items)
    {
        var list = items.Distinct().ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    public static string StatusCode(BrandStatus s) => Wording.StatusWords.Code(s);

    // ---- filtering, sorting, export ---------------------------------------------------------------------------------

    public static IReadOnlyList<BrandDigest> Filter(IEnumerable<BrandDigest> all, TargetFilter f)
    {
        var q = all;
        q = f.Status is { } st ? q.Where(d => d.Status == st) : q.Where(d => d.Status != BrandStatus.NoEvidence);
        if (!string.IsNullOrWhiteSpace(f.Sector))
            q = q.Where(d => (d.Card.Sectors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Contains(f.Sector.Trim(), StringComparer.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(f.Country))
        {
            var code = CountryCodes.Normalize(f.Country) ?? f.Country.Trim().ToUpperInvariant();
            q = q.Where(d => d.SupplierCountries.Contains(code));
        }
        if (PlaceInName.Province(f.Province) is { } province) q = q.Where(d => d.SupplierProvinces.Contains(province));
        else if (!string.IsNullOrWhiteSpace(f.Province)) q = q.Where(_ => false); // a province we do not know matches nothing
        if (f.SourceId is { } src) q = q.Where(d => d.Sources.Any(s => s.Id == src));
        if (f.MinSources > 0) q = q.Where(d => d.IndependentSources >= f.MinSources);
        if (f.MinConfidence is { } mc) q = q.Where(d => d.Strength is { } s && s >= mc);
        if (!string.IsNullOrWhiteSpace(f.Stance))
        {
            if (f.Stance == TargetFilter.NoResponse) q = q.Where(d => d.Responses.Count == 0);
            else if (Enum.TryParse<Stance>(f.Stance, true, out var stance)) q = q.Where(d => d.Responses.Any(r => r.Stance == stance));
        }
        q = f.Sort switch
        {
            TargetSort.Name => q.OrderBy(d => d.Card.Name, StringComparer.OrdinalIgnoreCase),
            TargetSort.Sources => q.OrderByDescending(d => d.IndependentSources).ThenBy(d => d.Status).ThenBy(d => d.Card.Name, StringComparer.OrdinalIgnoreCase),
            TargetSort.Newest => q.OrderByDescending(d => d.NewestEvidence ?? "").ThenBy(d => d.Card.Name, StringComparer.OrdinalIgnoreCase),
            // Linked paths above named-only brands; then the weakest step of the best path, then independent publishers behind the paths.
            _ => q.OrderByDescending(d => d.Links.Count > 0).ThenBy(d => d.Status).ThenByDescending(d => d.Strength ?? 0)
                .ThenByDescending(d => d.PathPublishers).ThenByDescending(d => d.IndependentSources)
                .ThenBy(d => d.Card.Name, StringComparer.OrdinalIgnoreCase),
        };
        return q.ToList();
    }

    static readonly string[] CsvColumns =
    [
        "brand", "brand_url", "owner", "parent_company", "sectors", "status", "what_we_know", "strength", "independent_sources", "path_publishers", "sources", "claims",
        "suppliers_known", "supplier_countries", "supplier_provinces", "linked_through", "programmes_and_lists", "responses", "latest_response", "latest_response_date",
        "newest_evidence", "source_titles", "source_urls",
    ];

    /// <summary>
    /// The target list as CSV for a spreadsheet: UTF-8 with a byte order mark (so Excel reads "Victoria’s Secret"),
    /// absolute links (under <paramref name="baseUrl"/>), every code in one casing (LINKED, HIGH, DENIED_LINK) and the
    /// sources' addresses. Text cells that could run as a formula are escaped; numbers stay numbers.
    /// </summary>
    public static async Task WriteCsvAsync(IEnumerable<BrandDigest> rows, Stream output, CancellationToken ct, string baseUrl = "http://localhost:5000")
    {
        var root = baseUrl.TrimEnd('/');
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(CsvColumns);
        foreach (var d in rows)
        {
            // The owner, and whom to write to: the parent company that answers for the brand.
            foreach (var v in new[] { d.Card.Name, root + "/brands/" + Uri.EscapeDataString(d.Card.Slug), d.Card.OwnerName, d.Card.OwnerName ?? d.Card.Name,
                         d.Card.Sectors?.Replace(";", "; "), StatusCode(d.Status), d.Summary, Wording.Codes.Of(d.Strength) })
                csv.WriteField(v ?? "");
            csv.WriteField(d.IndependentSources, default);
            csv.WriteField(d.PathPublishers, default);
            csv.WriteField(d.Sources.Count, default);
            csv.WriteField(d.ClaimCount, default);
            csv.WriteField(d.SupplierCount, default);
            foreach (var v in new[]
                     {
                         string.Join("; ", d.SupplierCountries),
                         string.Join("; ", d.SupplierProvinces),
                         string.Join("; ", d.Links.Select(l => l.End.Name).Distinct()),
                         string.Join("; ", d.Links.SelectMany(l => l.Facts).Select(f => f.Target).Distinct()),
                     })
                csv.WriteField(v);
            csv.WriteField(d.Responses.Count, default);
            foreach (var v in new[] { Wording.Codes.Of(d.LatestResponse?.Stance), d.LatestResponse?.Date, d.NewestEvidence,
                         string.Join("; ", d.Sources.Select(s => s.Publisher is null ? s.Title : $"{s.Title} ({s.Publisher})")),
                         string.Join(" ", d.Sources.Select(s => s.Url).Where(u => u is not null).Distinct()) })
                csv.WriteField(v ?? "");
            csv.EndRecord();
        }
        await csv.FlushAsync(ct);
    }
}
