using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Editions;

/// <summary>One good × country the US DOL lists as made with forced labour (or with a forced-labour input), with its claim.</summary>
public sealed record GoodContext(string Good, string Country, bool ForcedLabour, string? InputFrom, bool SupplierCountry, ClaimView Claim)
{
    /// <summary>"US DOL lists cotton from China as produced with forced labour".</summary>
    public string Text => ForcedLabour
        ? $"US DOL lists {Good.ToLowerInvariant()} from {Country} as produced with forced labour"
        : $"US DOL lists {Good.ToLowerInvariant()} from {Country} as produced with an input made with forced labour{(InputFrom is null ? "" : $" (from {InputFrom})")}";
}

/// <summary>
/// The DOL goods list as context on a brand page: product categories (cotton, footwear, electronics) from countries the
/// DOL lists for forced labour, shown next to a brand whose sectors make such goods. Context only: DOL names no
/// company, so this never links a brand, never changes its status, and says so. The sector → goods table is ours,
/// deliberately narrow (a good is shown only where the sector plainly makes or is made of it).
/// </summary>
public sealed class GoodsContext(SupplyChainDbFactory factory, EvidenceQueries queries)
{
    public static readonly IReadOnlyDictionary<string, string[]> GoodsBySector = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["clothes"] = ["Cotton", "Garments", "Textiles", "Thread/Yarn", "Embellished Textiles"],
        ["sports"] = ["Cotton", "Garments", "Footwear"],
        ["shoes"] = ["Footwear"],
        ["electronics"] = ["Electronics", "Lithium-Ion Batteries"],
        ["mobile_phone"] = ["Electronics", "Lithium-Ion Batteries"],
        ["computer"] = ["Electronics", "Lithium-Ion Batteries"],
        ["appliance"] = ["Electronics"],
        ["car"] = ["Lithium-Ion Batteries"],
    };

    const string IdPrefix = "dol-goods:";

    public async Task<IReadOnlyList<GoodContext>> ForBrandAsync(long brandId, string? sectors, CancellationToken ct = default)
    {
        var goods = (sectors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(s => GoodsBySector.TryGetValue(s, out var g) ? g : []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (goods.Count == 0) return [];

        await using var db = factory.Create();
        var ids = await db.Claims.AsNoTracking()
            .Where(c => c.ExternalId != null && c.ExternalId.StartsWith(IdPrefix) && c.Status == ClaimStatus.Active && c.Predicate == Predicate.ListedOn)
            .Select(c => new { c.Id, c.ExternalId }).ToListAsync(ct);
        var wanted = ids.Where(x => goods.Contains(GoodOf(x.ExternalId!))).Select(x => x.Id).ToList();
        if (wanted.Count == 0) return [];
        var claims = await queries.ClaimsByIdAsync(wanted, ct);

        // Countries of the brand's own suppliers come first: the context nearest to it.
        var supplierCountries = (await queries.ClaimsAboutAsync(EntityKind.Brand, brandId, ct: ct))
            .Where(c => c.Predicate == Predicate.SourcesFrom && c.Status != ClaimStatus.Retracted && c.Object.CountryCode is not null)
            .Select(c => c.Object.CountryCode!).ToHashSet();
        var result = new List<GoodContext>();
        foreach (var c in claims)
        {
            if (c.ExternalId is not { } ext) continue;
            var forced = Flag(c.Quote, "Forced_Labor") || Flag(c.Quote, "Forced_Child_Labor");
            var derived = Flag(c.Quote, "Derived_Labor_Exploitation");
            if (!forced && !derived) continue; // child labour alone is outside this product's scope
            var good = GoodOf(ext);
            var country = ext[(IdPrefix.Length + good.Length + 1)..];
            var inputFrom = Field(c.Quote, "Derived_Country") is { } d && d is not ("No" or "") ? d : null;
            var code = Resolution.CountryCodes.Normalize(country);
            result.Add(new GoodContext(good, country, forced, forced ? null : inputFrom, code is not null && supplierCountries.Contains(code), c));
        }
        return result.OrderByDescending(g => g.SupplierCountry).ThenBy(g => g.Good, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Country, StringComparer.OrdinalIgnoreCase).ToList();
    }

    static string GoodOf(string externalId)
    {
        var rest = externalId[IdPrefix.Length..];
        var colon = rest.IndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }

    /// <summary>Reads "Forced_Labor Yes" out of the claim's quote, which keeps the published record's fields.</summary>
    static string? Field(string? quote, string name)
    {
        if (quote is null) return null;
        foreach (var part in quote.Split(" | "))
            if (part.StartsWith(name + " ", StringComparison.Ordinal)) return part[(name.Length + 1)..].Trim();
        return null;
    }

    static bool Flag(string? quote, string name) => string.Equals(Field(quote, name), "Yes", StringComparison.OrdinalIgnoreCase);
}
