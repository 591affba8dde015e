using System.Runtime.CompilerServices;
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
/// <remarks>
/// Digests are held as columns (<see cref="DigestTable"/>) and made when read: 48 bytes each, not 120. What repeats
/// across brands (their sources, countries, provinces, newest date, counts) sits in one shared <see cref="DigestProfile"/>;
/// what few brands have (links, responses, an owner linked through others) in a <see cref="DigestRare"/>, null when all
/// three are empty. The properties read as the positional record's did; equality compares the same values, lists by
/// reference as before (an empty list of any kind reads as one empty array). A digest read from a table holds its
/// index's cards and its position there, not a card: the card is made when <see cref="Card"/> is read, and a list
/// filtered by status or sorted by name reads only the column it needs (<see cref="CardName"/>, <see cref="CardSectors"/>).
/// </remarks>
public sealed record BrandDigest
{
    readonly DigestProfile profile;
    readonly DigestRare? rare;
    readonly int claimCount;
    readonly byte status;   // BrandStatus
    readonly byte strength; // Confidence + 1; 0 when none

    public BrandDigest(BrandCard Card, BrandStatus Status, Confidence? Strength, int IndependentSources, IReadOnlyList<SourceRef> Sources,
        IReadOnlyList<SourceRef> NamedIn, IReadOnlyList<LinkSummary> Links, int SupplierCount, IReadOnlyList<string> SupplierCountries,
        IReadOnlyList<ResponseBrief> Responses, string? NewestEvidence, int ClaimCount)
        : this(Card, Status, Strength, new DigestProfile(Sources, NamedIn, SupplierCountries, [], NewestEvidence, IndependentSources, SupplierCount, 0),
            DigestRare.Of(Links, Responses, []), ClaimCount)
    {
    }

    /// <summary>A digest over a profile already shared (TargetQueries pools equal profiles).</summary>
    internal BrandDigest(BrandCard card, BrandStatus status, Confidence? strength, DigestProfile profile, DigestRare? rare, int claimCount)
    {
        this.card = card; this.status = (byte)status; this.strength = Packed(strength); this.profile = profile; this.rare = rare; this.claimCount = claimCount;
    }

    /// <summary>A digest of the card at <paramref name="at"/> in <paramref name="cards"/>, made when read.</summary>
    internal BrandDigest(CardTable cards, int at, BrandStatus status, Confidence? strength, DigestProfile profile, DigestRare? rare, int claimCount)
    {
        this.cards = cards; cardAt = at; this.status = (byte)status; this.strength = Packed(strength); this.profile = profile; this.rare = rare; this.claimCount = claimCount;
    }

    readonly BrandCard? card;  // the card given, or null: read from cards at cardAt
    readonly CardTable? cards;
    readonly int cardAt;
    internal DigestProfile Profile => profile;
    internal DigestRare? Rare => rare;
    public BrandCard Card { get => card ?? cards![cardAt]; init { card = value; cards = null; } }
    /// <summary>The card's id, name, sectors and owner id, read without making the card.</summary>
    internal long CardId => card?.Id ?? cards!.Id(cardAt);
    internal string CardName => card?.Name ?? cards!.Name(cardAt);
    internal string? CardSectors => card is not null ? card.Sectors : cards!.Sectors(cardAt);
    internal long? CardOwnerId => card is not null ? card.OwnerCompanyId : cards!.OwnerCompanyId(cardAt);

    /// <summary>
    /// Digests in <see cref="StringComparer.OrdinalIgnoreCase"/> order of their cards' names: by the table's name ranks
    /// when both are of one table (a sort of 600,000 digests at 1M brands made a name string per digest, kept for the
    /// whole sort), else by the names.
    /// </summary>
    internal sealed class NameOrder : IComparer<BrandDigest>
    {
        public static readonly NameOrder Instance = new();

        public int Compare(BrandDigest? x, BrandDigest? y) =>
            x!.card is null && y!.card is null && ReferenceEquals(x.cards, y.cards) ? x.cards!.NameRank(x.cardAt).CompareTo(x.cards.NameRank(y.cardAt))
            : StringComparer.OrdinalIgnoreCase.Compare(x.CardName, y!.CardName);
    }

    /// <summary>Whether this is a digest of the card at <paramref name="at"/> of <paramref name="list"/> (its very position, or an equal card).</summary>
    internal bool IsOf(IReadOnlyList<BrandCard> list, int at) => card is null && ReferenceEquals(cards, list) && cardAt == at || Card == list[at];

    // Equal as the positional record was: the same card (by value), status, strength, counts, and parts (lists by reference).
    public bool Equals(BrandDigest? other) =>
        other is not null && status == other.status && strength == other.strength && claimCount == other.claimCount
        && Equals(profile, other.profile) && Equals(rare, other.rare)
        && (card is null && other.card is null && ReferenceEquals(cards, other.cards) && cardAt == other.cardAt || Card == other.Card);

    public override int GetHashCode() => HashCode.Combine(CardId, status, strength, claimCount, profile, rare);
    public BrandStatus Status { get => (BrandStatus)status; init => status = (byte)value; }
    public Confidence? Strength { get => strength == 0 ? null : (Confidence)(strength - 1); init => strength = Packed(value); }
    public int IndependentSources { get => profile.IndependentSources; init => profile = profile with { IndependentSources = value }; }
    public IReadOnlyList<SourceRef> Sources { get => profile.Sources; init => profile = profile with { Sources = value }; }
    public IReadOnlyList<SourceRef> NamedIn { get => profile.NamedIn; init => profile = profile with { NamedIn = value }; }
    public IReadOnlyList<LinkSummary> Links { get => rare?.Links ?? []; init => rare = DigestRare.Of(value, Responses, OwnerLinkedThrough); }
    public int SupplierCount { get => profile.SupplierCount; init => profile = profile with { SupplierCount = value }; }
    public IReadOnlyList<string> SupplierCountries { get => profile.SupplierCountries; init => profile = profile with { SupplierCountries = value }; }
    public IReadOnlyList<ResponseBrief> Responses { get => rare?.Responses ?? []; init => rare = DigestRare.Of(Links, value, OwnerLinkedThrough); }
    public string? NewestEvidence { get => profile.NewestEvidence; init => profile = profile with { NewestEvidence = value }; }
    public int ClaimCount { get => claimCount; init => claimCount = value; }

    /// <summary>Independent publishers behind the brand's paths (what ranks two paths of the same strength).</summary>
    public int PathPublishers { get => profile.PathPublishers; init => profile = profile with { PathPublishers = value }; }
    /// <summary>Other brands of this brand's owner that have a link on record (Converse → Nike).</summary>
    public IReadOnlyList<BrandCard> OwnerLinkedThrough { get => rare?.OwnerLinkedThrough ?? []; init => rare = DigestRare.Of(Links, Responses, value); }
    /// <summary>Chinese provinces of the suppliers on its paths and of its known suppliers ("Xinjiang", "Anhui").</summary>
    public IReadOnlyList<string> SupplierProvinces { get => profile.SupplierProvinces; init => profile = profile with { SupplierProvinces = value }; }
    static byte Packed(Confidence? c) => c is { } v ? checked((byte)((int)v + 1)) : (byte)0;

    /// <summary>The latest dated response we hold; an undated one only when none is dated.</summary>
    public ResponseBrief? LatestResponse => Responses.LastOrDefault(r => r.Date is not null) ?? Responses.LastOrDefault();
    public string Summary => Wording.TargetWords.Describe(this);
    /// <summary>The summary without the closing "not a clean bill of health", for a list that states it once at its head.</summary>
    public string Finding => Wording.TargetWords.Describe(this, caveat: false);
}

/// <summary>The part of a digest that many brands share (equal profiles are held once: lists compare by reference, as they are shared).</summary>
internal sealed record DigestProfile(IReadOnlyList<SourceRef> Sources, IReadOnlyList<SourceRef> NamedIn, IReadOnlyList<string> SupplierCountries,
    IReadOnlyList<string> SupplierProvinces, string? NewestEvidence, int IndependentSources, int SupplierCount, int PathPublishers);

/// <summary>The part of a digest that few brands have; <see cref="Of"/> gives null when it would be all empty.</summary>
internal sealed record DigestRare(IReadOnlyList<LinkSummary> Links, IReadOnlyList<ResponseBrief> Responses, IReadOnlyList<BrandCard> OwnerLinkedThrough)
{
    public static DigestRare? Of(IReadOnlyList<LinkSummary> links, IReadOnlyList<ResponseBrief> responses, IReadOnlyList<BrandCard> ownerLinkedThrough) =>
        links.Count == 0 && responses.Count == 0 && ownerLinkedThrough.Count == 0 ? null : new DigestRare(links, responses, ownerLinkedThrough);
}

/// <summary>
/// The campaigner target list: every brand we hold evidence on, with what it rests on, filterable and exportable.
/// This file computes the digests; TargetFilter.cs filters and sorts them, TargetCsv.cs writes them, Wording/TargetWords.cs words them.
/// </summary>
public sealed partial class TargetQueries(SupplyChainDbFactory factory)
{
    // Digests depend only on the data, and the search index is rebuilt whenever the data changes: one computation per
    // index, shared by everyone who asks while it runs (a reader asking during the warming after a build waits for it
    // instead of computing a second copy beside it: twice the work, and at 100k brands ≈ 40 MB left for the GC).
    static readonly ConditionalWeakTable<BrandIndex, Task<IReadOnlyList<BrandDigest>>> Cache = new();

    public async Task<IReadOnlyList<BrandDigest>> DigestsAsync(BrandIndex index, CancellationToken ct = default)
    {
        // Computed without the caller's token (another caller may be waiting for it); each caller stops waiting on its own.
        var computing = Cache.GetValue(index, i => Task.Run(() => ComputeAsync(i, CancellationToken.None)));
        try { return await computing.WaitAsync(ct); }
        catch when (computing.IsFaulted)
        {
            // A failed computation is not kept: the next caller tries again.
            Cache.TryGetValue(index, out var held);
            if (ReferenceEquals(held, computing)) Cache.Remove(index);
            throw;
        }
    }

    public async Task<BrandDigest?> DigestAsync(BrandIndex index, long brandId, CancellationToken ct = default) =>
        Find(await DigestsAsync(index, ct), index, brandId);

    /// <summary>
    /// A brand's digest among the index's digests: they are one per card in the index's card order, so the brand's place
    /// in the index is its place here (a page looks one up per request: neither a scan nor a table of a million).
    /// </summary>
    public static BrandDigest? Find(IReadOnlyList<BrandDigest> digests, BrandIndex index, long brandId) =>
        index.PositionOf(brandId) is var at && at >= 0 && at < digests.Count && digests[at] is var d && d.CardId == brandId ? d : null;

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
        var claimSource = await db.Claims.AsNoTracking().Where(c => ClaimStatuses.Live.Contains(c.Status))
            .Select(c => new { c.Id, c.SourceId }).ToDictionaryAsync(c => c.Id, c => c.SourceId, ct);

        // A digest is kept per brand for as long as its index: equal texts, views and lists are held once (country codes,
        // periods and provinces repeat on thousands of digests, a supplier's view on every brand sourcing from it).
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Text(string? t) => t is null ? null : texts.TryGetValue(t, out var held) ? held : texts[t] = t;
        var textLists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] SharedTexts(string[] list)
        {
            if (list.Length == 0) return list;
            var key = string.Join('\u0001', list);
            return textLists.TryGetValue(key, out var held) ? held : textLists[key] = list.Select(t => Text(t)!).ToArray();
        }
        var views = new Dictionary<EntityRef, EntityView>();
        EntityView View(EntityRef e) => views.TryGetValue(e, out var held) ? held : views[e] = NewView(e);
        EntityView NewView(EntityRef e) => e.Kind switch
        {
            EntityKind.Facility when facilities.TryGetValue(e.Id, out var f) => new EntityView(e.Kind, e.Id, f.Name, null,
                Text(f.CountryCode ?? PlaceInName.Of(f.Name)?.CountryCode ?? siteCountry.GetValueOrDefault(f.NameKey))),
            EntityKind.Company when companies.TryGetValue(e.Id, out var c) => new EntityView(e.Kind, e.Id, c.Name, null,
                Text(c.CountryCode ?? PlaceInName.Of(c.Name)?.CountryCode ?? siteCountry.GetValueOrDefault(c.NameKey) ?? ownedSiteCountry.GetValueOrDefault(c.Id))),
            EntityKind.Programme when programmes.TryGetValue(e.Id, out var p) => new EntityView(e.Kind, e.Id, p.Name, null, null),
            EntityKind.Brand when index.ById(e.Id) is { } b => new EntityView(e.Kind, e.Id, b.Name, b.Slug, null),
            EntityKind.Source when sources.TryGetValue(e.Id, out var s) => new EntityView(e.Kind, e.Id, s.Title, null, null),
            _ => new EntityView(e.Kind, e.Id, $"({e.Kind} {e.Id})", null, null),
        };

        var result = new List<BrandDigest>(index.Count);
        // Most brands cite the same one or two sources: equal source lists share one array.
        var sourceLists = new Dictionary<string, SourceRef[]>(StringComparer.Ordinal);
        SourceRef[] Shared(SourceRef[] list)
        {
            if (list.Length == 0) return list;
            var key = string.Join(',', list.Select(s => s.Id));
            return sourceLists.TryGetValue(key, out var held) ? held : sourceLists[key] = list;
        }
        // Equal profiles (the lists in them already shared, so compared by reference) are held once.
        var profiles = new Dictionary<DigestProfile, DigestProfile>();
        var cards = index.Cards;
        for (var at = 0; at < cards.Count; at++)
        {
            var id = cards.Id(at); // the card itself is made only when a digest's card is read
            var brand = new EntityRef(EntityKind.Brand, id);
            var exposure = snapshot.ExposureUnkept(id); // 100k brands' paths are not kept for one pass over them
            var own = graph.From(brand).Concat(graph.To(brand)).ToList();
            var evidence = own.Concat(exposure.Paths.SelectMany(p => p.Steps.SelectMany(s => s.Claims).Concat(p.EndingClaims)))
                .Select(c => c.Id).Distinct().ToList();
            var used = evidence.Where(claimSource.ContainsKey).Select(id => claimSource[id]).Distinct()
                .Where(sources.ContainsKey).Select(id => sources[id]).OrderBy(s => s.Published ?? "").ThenBy(s => s.Id).ToArray();
            used = Shared(used);
            var namedIn = graph.From(brand).Where(c => c.Predicate == Predicate.NamedIn && c.Object.Kind == EntityKind.Source && sources.ContainsKey(c.Object.Id))
                .Select(c => sources[c.Object.Id]).DistinctBy(s => s.Id).ToArray();
            namedIn = Shared(namedIn);

            var links = new List<LinkSummary>();
            foreach (var group in exposure.Paths.GroupBy(p => (End: p.Steps[^1].From, p.Ended)))
            {
                var paths = group.ToList();
                var direct = paths.Where(p => p.Steps.Count == 2).ToList();
                var shown = direct.Count > 0 ? direct : paths; // the same factory reached directly needs no detour through its owner
                var facts = shown.Select(p => p.Steps[^1]).DistinctBy(s => (s.To, s.Predicate))
                    .Select(s => new LinkFact(s.Predicate, s.To.Id, View(s.To).Name,
                        s.To.Kind == EntityKind.Programme && programmes.TryGetValue(s.To.Id, out var pr) ? pr.Kind : null, Text(PeriodOf(s))))
                    .OrderBy(f => f.Predicate).ThenBy(f => f.Target, StringComparer.Ordinal).ToArray(); // kept: an array, not a list around one
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
                .Select(g => g.Key).ToArray();

            // Strength is the strength of a link: its best path's weakest step. A brand with no path has none (being
            // named, or disclosing suppliers, is not a strong link however firm the source).
            var current = exposure.Paths.Where(p => !p.Ended).ToList();
            Confidence? strength = current.Count > 0 ? current.Max(p => p.Strength)
                : exposure.Paths.Count > 0 ? exposure.Paths.Max(p => p.Strength) : null;
            var pathPublishers = exposure.Paths.SelectMany(p => p.Steps.SelectMany(st => st.Claims)).Select(c => c.Id).Distinct()
                .Where(claimSource.ContainsKey).Select(id => claimSource[id]).Where(sources.ContainsKey)
                .Select(id => NameNormalizer.Key(sources[id].Publisher ?? sources[id].Title)).Distinct().Count();
            var responseEdges = snapshot.ResponsesFor(id);
            var responses = responseEdges.Select(r => new ResponseBrief(r.Id, r.Stance, r.Date, r.ResponderName)).ToArray();
            var independent = used.Select(s => NameNormalizer.Key(s.Publisher ?? s.Title)).Distinct().Count();
            var provinces = exposure.Paths.SelectMany(p => new[] { p.Steps[0].To, p.Steps[^1].From }).Concat(suppliers)
                .Select(ProvinceOf).Where(p => p is not null).Select(p => p!).Distinct().Order(StringComparer.Ordinal).ToArray();
            // Newest evidence counts everything held: sources of its claims and the dates of its responses.
            var newest = used.Select(s => s.Published).Concat(responseEdges.Select(r => r.Date)).Where(p => p is not null).Max();

            // Arrays, not lists: a digest is kept per brand for as long as its index, and an empty array is one shared object.
            var profile = new DigestProfile(used, namedIn, SharedTexts(countries), SharedTexts(provinces), Text(newest), independent, suppliers.Count, pathPublishers);
            profile = profiles.TryGetValue(profile, out var heldProfile) ? heldProfile : profiles[profile] = profile;
            result.Add(new BrandDigest(cards, at, exposure.Status, strength, profile, DigestRare.Of(links.ToArray(), responses, []), evidence.Count));
        }
        if (cards.Count > 0) cards.NameRank(0); // the lists sort by name: the names are ranked here, not at the first request
        // Kept as columns over the index's own cards: a digest (and its card) is made when read.
        return new DigestTable(index.Cards, WithOwnerLinks(result, snapshot.BrandsOf));
    }

    /// <summary>
    /// A brand whose owner's other brand is linked says so: "its owner Nike, Inc. is linked through Nike". Each owner's
    /// linked brands are gathered once, in list order (testing every brand with an owner against every linked brand
    /// was 350,058 × 68,108 steps at a million brands).
    /// </summary>
    internal static BrandDigest[] WithOwnerLinks(IReadOnlyList<BrandDigest> digests, Func<long, IEnumerable<long>> brandsOf)
    {
        var linked = new List<BrandCard>();
        var linkedAt = new Dictionary<long, List<int>>(); // a brand's places among the linked brands
        foreach (var d in digests.Where(d => d.Links.Count > 0))
        {
            if (!linkedAt.TryGetValue(d.CardId, out var at)) linkedAt[d.CardId] = at = [];
            at.Add(linked.Count);
            linked.Add(d.Card); // kept in the digests that name it: made once here
        }
        var byOwner = new Dictionary<long, BrandCard[]>();
        BrandCard[] LinkedOf(long owner)
        {
            if (!byOwner.TryGetValue(owner, out var held))
                byOwner[owner] = held = brandsOf(owner).Distinct().Where(linkedAt.ContainsKey).SelectMany(id => linkedAt[id]).Order()
                    .Select(i => linked[i]).ToArray();
            return held;
        }
        // An owner's brands that are not linked themselves share its one list.
        return digests.Select(d => d.CardOwnerId is { } o && LinkedOf(o) is { Length: > 0 } all
            && (linkedAt.ContainsKey(d.CardId) ? all.Where(c => c.Id != d.CardId).ToArray() : all) is { Length: > 0 } others
            ? d with { OwnerLinkedThrough = others } : d).ToArray();
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
}
