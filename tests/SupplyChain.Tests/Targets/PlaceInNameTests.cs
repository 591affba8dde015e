using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Targets;

/// <summary>
/// <see cref="PlaceInName.Of"/> with its province patterns built once reads the same place as when it built them on
/// every call (kept here as <see cref="Before"/>): on every name of the bundled data, and on MADE-UP names (invented,
/// not evidence) that try the edges: case, word boundaries, several qualifiers, two provinces in one.
/// </summary>
public abstract class PlaceInNameTests(SeededDatabase data)
{
    /// <summary>The reading before, as it stood in PlaceInName.Of.</summary>
    static NamedPlace? Before(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        foreach (Match q in Regex.Matches(name, @"\(([^()]*)\)"))
            foreach (var p in PlaceInName.ChineseProvinces)
                if (Regex.IsMatch(q.Groups[1].Value, $@"\b{Regex.Escape(p)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                    return new NamedPlace("CN", p);
        return null;
    }

    static readonly string[] MadeUp =
    [
        "", " ", "MADE-UP Textiles", "MADE-UP Textiles (Anhui)", "MADE-UP Hair (Lop County, Xinjiang)", "MADE-UP Co. (xinjiang)",
        "MADE-UP Co. (XINJIANG UYGHUR AUTONOMOUS REGION)", "MADE-UP Co. (Xinjiangese)", "MADE-UP Co. (Shaanxi)", "MADE-UP Co. (Shanxi)",
        "MADE-UP Co. (Inner Mongolia)", "MADE-UP Co. (inner  mongolia)", "MADE-UP Co. (Hong Kong) (Guangdong)", "MADE-UP Co. (Vietnam)",
        "MADE-UP Co. (Guangdong, Fujian)", "MADE-UP Co. (Fujian, Guangdong)", "MADE-UP Co. ((Hunan))", "MADE-UP Co. (Hunan", "MADE-UP Co. Hunan)",
        "Xinjiang MADE-UP Co.", "MADE-UP Co. (Anhui factory)", "MADE-UP Co. (Nanchang (Jiangxi))", "MADE-UP Co. (Tibet/Xizang)", "MADE-UP Co. (Beijing_2)",
        "MADE-UP Co. (Hebei-Tianjin)", "MADE-UP Co. (İnner Mongolia)", "MADE-UP Co. (HUBEI)", "MADE-UP Co. (Henan) (Hunan)", "MADE-UP Co. ()",
    ];

    [SkippableFact]
    public async Task Reads_the_same_place_as_before_on_every_bundled_and_made_up_name()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var names = (await db.Facilities.Select(f => f.Name).ToListAsync())
            .Concat(await db.Companies.Select(c => c.Name).ToListAsync())
            .Concat(await db.Brands.Select(b => b.Name).ToListAsync())
            .Concat(MadeUp).ToList();
        Assert.All(names, n => Assert.Equal(Before(n), PlaceInName.Of(n)));
        Assert.Contains(names, n => PlaceInName.Of(n) is not null); // the bundled data names provinces
        // Run twice over, from several threads: the shared patterns hold no state between calls.
        Parallel.For(0, 4, _ => Assert.All(names, n => Assert.Equal(Before(n), PlaceInName.Of(n))));
    }
}

public sealed class PlaceInNameTests_Sqlite(SqliteSeededDatabase d) : PlaceInNameTests(d), IClassFixture<SqliteSeededDatabase>;
