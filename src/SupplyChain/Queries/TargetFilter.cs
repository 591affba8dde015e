using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Resolution;

namespace SupplyChain.Queries;

public enum TargetSort { Strength, Name, Sources, Newest }

/// <summary>Campaigners' filters. Null or 0 means "any".</summary>
public sealed record TargetFilter(string? Sector = null, string? Country = null, long? SourceId = null, int MinSources = 0,
    Confidence? MinConfidence = null, string? Stance = null, BrandStatus? Status = null, TargetSort Sort = TargetSort.Strength, string? Province = null)
{
    /// <summary>The value of <see cref="Stance"/> that asks for brands with no response on record.</summary>
    public const string NoResponse = "none";
}

public sealed partial class TargetQueries
{
    public static IReadOnlyList<BrandDigest> Filter(IEnumerable<BrandDigest> all, TargetFilter f)
    {
        var q = all;
        q = f.Status is { } st ? q.Where(d => d.Status == st) : q.Where(d => d.Status != BrandStatus.NoEvidence);
        if (!string.IsNullOrWhiteSpace(f.Sector))
            q = q.Where(d => SectorList(d).Contains(f.Sector.Trim(), StringComparer.OrdinalIgnoreCase));
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
        var byName = BrandDigest.NameOrder.Instance; // by the index's name ranks, not a name string made per digest
        q = f.Sort switch
        {
            TargetSort.Name => q.OrderBy(d => d, byName),
            TargetSort.Sources => q.OrderByDescending(d => d.IndependentSources).ThenBy(d => d.Status).ThenBy(d => d, byName),
            TargetSort.Newest => q.OrderByDescending(d => d.NewestEvidence ?? "").ThenBy(d => d, byName),
            // Linked paths above named-only brands; then the weakest step of the best path, then independent publishers behind the paths.
            _ => q.OrderByDescending(d => d.Links.Count > 0).ThenBy(d => d.Status).ThenByDescending(d => d.Strength ?? 0)
                .ThenByDescending(d => d.PathPublishers).ThenByDescending(d => d.IndependentSources)
                .ThenBy(d => d, byName),
        };
        return q.ToList();
    }

    /// <summary>The sectors named on some digests' cards, distinct (OrdinalIgnoreCase) and in order; read without making the cards.</summary>
    public static IReadOnlyList<string> SectorsOf(IEnumerable<BrandDigest> digests) =>
        digests.SelectMany(SectorList).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>A digest's card's sectors, one per entry (the card holds them as "a;b"), read without making the card.</summary>
    static string[] SectorList(BrandDigest d) => (d.CardSectors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
