using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;

namespace SupplyChain.Search;

/// <summary>Holds the current brand index and rebuilds it from the database after data changes; readers never wait.</summary>
public sealed class BrandSearch(SupplyChainDbFactory factory)
{
    volatile BrandIndex index = BrandIndex.Build([], []);
    readonly SemaphoreSlim rebuilding = new(1, 1);

    public BrandIndex Index => index;

    public IReadOnlyList<BrandHit> Search(string query, int first = 10) => index.Search(query, first);

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await rebuilding.WaitAsync(ct);
        try { index = await LoadAsync(factory, ct); }
        finally { rebuilding.Release(); }
    }

    /// <summary>Puts a patched index in place (Live/IncrementalRefresh); readers see the old one or the new one whole.</summary>
    public void Swap(BrandIndex patched) => index = patched;

    /// <summary>The search cards of some brands (merged-away ones left out), from the snapshot given and their counted claims.</summary>
    public static async Task<List<BrandCard>> CardsAsync(SupplyChainDb db, GraphSnapshot snapshot, IEnumerable<long> brandIds, CancellationToken ct)
    {
        var cards = new List<BrandCard>();
        var shared = new SharedParts();
        foreach (var chunk in brandIds.Distinct().Order().Chunk(500))
        {
            var brands = await db.Brands.AsNoTracking().Where(b => chunk.Contains(b.Id) && b.MergedIntoId == null)
                .Select(b => new { b.Id, b.Name, b.Slug, b.Sectors }).ToListAsync(ct);
            var counts = await db.Claims.AsNoTracking()
                .Where(c => c.SubjectKind == EntityKind.Brand && chunk.Contains(c.SubjectId) && ClaimStatuses.Live.Contains(c.Status))
                .GroupBy(c => c.SubjectId)
                .Select(g => new { g.Key, Claims = g.Count(), Sources = g.Select(c => c.SourceId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, ct);
            cards.AddRange(brands.Select(b =>
            {
                counts.TryGetValue(b.Id, out var n);
                return Card(snapshot, b.Id, b.Name, b.Slug, b.Sectors, n?.Claims ?? 0, n?.Sources ?? 0, shared);
            }));
        }
        return cards;
    }

    /// <summary>
    /// Objects equal cards share: an owner's id and name, and a sectors list (a few lists, repeated on every card) with no
    /// slug of its own; a card with its own slug takes that object's sectors string.
    /// </summary>
    sealed class SharedParts
    {
        readonly Dictionary<(long, string), CardOwner> owners = [];
        readonly Dictionary<string, CardText> sectors = new(StringComparer.Ordinal);

        public CardOwner Owner(long id, string name) => owners.TryGetValue((id, name), out var held) ? held : owners[(id, name)] = new CardOwner(id, name);

        public CardText Sectors(string list) => sectors.TryGetValue(list, out var text) ? text : sectors[list] = new CardText(null, list);
    }

    static BrandCard Card(GraphSnapshot snapshot, long id, string name, string slug, string? sectors, int claims, int sources, SharedParts shared)
    {
        var owner = snapshot.OwnersOf(id).FirstOrDefault(); // the most-cited owner's name is searchable; a page shows all
        var card = new BrandCard(id, name, slug, null, null, null, snapshot.StatusOf(id), claims, sources)
            { Owner = owner is null ? null : shared.Owner(owner.CompanyId, owner.Name) };
        if (sectors is null) return card;
        // A slug of its own is the card's alone; otherwise the card takes the one object of its sectors.
        var text = shared.Sectors(sectors);
        return card.Text is not null ? card with { Sectors = text.Sectors } : card with { Text = text };
    }

    public static async Task<BrandIndex> LoadAsync(SupplyChainDbFactory factory, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var brands = await db.Brands.AsNoTracking().Where(b => b.MergedIntoId == null)
            .Select(b => new { b.Id, b.Name, b.Slug, b.Sectors }).ToListAsync(ct);
        var counts = await db.Claims.AsNoTracking()
            .Where(c => c.SubjectKind == EntityKind.Brand && ClaimStatuses.Live.Contains(c.Status))
            .GroupBy(c => c.SubjectId)
            .Select(g => new { g.Key, Claims = g.Count(), Sources = g.Select(c => c.SourceId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        // Status and owners come from the one snapshot; the index carries it so every reader sees the same view.
        var snapshot = await GraphSnapshot.LoadAsync(db, ct);
        var shared = new SharedParts();
        var cards = brands.Select(b =>
        {
            counts.TryGetValue(b.Id, out var n);
            return Card(snapshot, b.Id, b.Name, b.Slug, b.Sectors, n?.Claims ?? 0, n?.Sources ?? 0, shared);
        }).ToList();
        var aliases = await db.BrandAliases.AsNoTracking().Select(a => new { a.BrandId, a.Name }).ToListAsync(ct);
        var index = BrandIndex.Build(cards, aliases.Select(a => (a.BrandId, a.Name)));
        snapshot.Carry(index);
        return index;
    }
}
