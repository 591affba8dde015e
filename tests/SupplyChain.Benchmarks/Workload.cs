using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Resolution;

namespace SupplyChain.Benchmarks;

public enum QueryKind { Typeahead, Exact, Alias, Typo }

public sealed record SearchQuery(QueryKind Kind, string Text, int First);

/// <summary>The requests the suites send, drawn with a seeded RNG from the generated database.</summary>
public sealed class Workload
{
    public required IReadOnlyList<SearchQuery> Queries { get; init; }
    public required IReadOnlyList<string> Slugs { get; init; }
    public required IReadOnlyList<long> ClaimCursors { get; init; }

    public const string SearchGql = "query Search($q: String!, $first: Int) { searchBrands(query: $q, first: $first) { score matchedName matchKind brand { name slug status } } }";
    public const string BrandGql = "query Brand($slug: String!) { brand(slug: $slug) { name status claims { citation } exposure { steps { from { name } to { name } } } responses { stance } } }";
    public const string ClaimsGql = "query Claims($first: Int, $after: String) { claims(first: $first, after: $after) { totalCount nodes { id citation } pageInfo { endCursor } } }";

    public static async Task<Workload> LoadAsync(SupplyChainDbFactory factory, int queries = 4000, int slugs = 1000)
    {
        await using var db = factory.Create();
        var brands = await db.Brands.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.Name, b.Slug }).ToListAsync();
        var aliases = await db.BrandAliases.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Name).ToListAsync();
        var maxClaim = await db.Claims.MaxAsync(c => (long?)c.Id) ?? 0;
        // Brands with evidence paths make the costliest pages: a third of the slugs are brands that source from someone.
        var sourcing = await db.Claims.AsNoTracking().Where(c => c.SubjectKind == Domain.EntityKind.Brand && c.Predicate == Domain.Predicate.SourcesFrom)
            .Select(c => c.SubjectId).Distinct().OrderBy(x => x).ToListAsync();
        var rng = new Rng(Generator.Seed ^ 0x5EA4C8);
        var list = new List<SearchQuery>(queries);
        var latin = brands.Where(b => b.Name.Length >= 5 && b.Name.All(c => c < 128)).ToList();
        for (var i = 0; i < queries; i++)
        {
            switch ((QueryKind)(i % 4))
            {
                case QueryKind.Typeahead:
                    var key = NameNormalizer.Key(rng.Pick(brands).Name);
                    list.Add(new SearchQuery(QueryKind.Typeahead, key[..Math.Min(key.Length, 1 + rng.Next(3))], 8));
                    break;
                case QueryKind.Exact:
                    list.Add(new SearchQuery(QueryKind.Exact, rng.Pick(brands).Name, 10));
                    break;
                case QueryKind.Alias:
                    list.Add(new SearchQuery(QueryKind.Alias, aliases.Count > 0 ? rng.Pick(aliases) : rng.Pick(brands).Name, 10));
                    break;
                default:
                    list.Add(new SearchQuery(QueryKind.Typo, Typo(rng, rng.Pick(latin).Name), 10));
                    break;
            }
        }
        var byId = brands.ToDictionary(b => b.Id, b => b.Slug);
        var slugList = new List<string>(slugs);
        for (var i = 0; i < slugs; i++)
            slugList.Add(i % 3 == 0 && sourcing.Count > 0 ? byId.GetValueOrDefault(rng.Pick(sourcing)) ?? rng.Pick(brands).Slug : rng.Pick(brands).Slug);
        var cursors = Enumerable.Range(0, 500).Select(_ => (long)rng.Next((int)Math.Max(1, maxClaim))).ToList();
        return new Workload { Queries = list, Slugs = slugList, ClaimCursors = cursors };
    }

    /// <summary>One slip, never on the first letter: swap, drop, double or replace.</summary>
    static string Typo(Rng rng, string name)
    {
        var chars = name.ToCharArray().ToList();
        var letters = Enumerable.Range(1, chars.Count - 1).Where(i => char.IsLetter(chars[i])).ToList();
        if (letters.Count == 0) return name;
        var at = rng.Pick(letters);
        switch (rng.Next(4))
        {
            case 0 when at + 1 < chars.Count && char.IsLetter(chars[at + 1]): (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            case 1: chars.RemoveAt(at); break;
            case 2: chars.Insert(at, chars[at]); break;
            default: chars[at] = (char)('a' + rng.Next(26)); break;
        }
        return new string(chars.ToArray());
    }

    public byte[] SearchBody(SearchQuery q) => Client.GraphQLBody(SearchGql, new Dictionary<string, object?> { ["q"] = q.Text, ["first"] = q.First });
    public static string SearchUrl(SearchQuery q) => $"/api/brands/search?q={Uri.EscapeDataString(q.Text)}&first={q.First}";
    public byte[] BrandBody(string slug) => Client.GraphQLBody(BrandGql, new Dictionary<string, object?> { ["slug"] = slug });
    public byte[] ClaimsBody(long after) => Client.GraphQLBody(ClaimsGql, new Dictionary<string, object?> { ["first"] = 20, ["after"] = SupplyChain.Server.GraphQL.Cursor.Encode(after.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
}
