using SupplyChain.Domain;
using SupplyChain.Resolution;
using Xunit;
using Xunit.Abstractions;

namespace SupplyChain.Tests.Resolution;

/// <summary>
/// Facility matching on labelled pairs of real facilities from the bundled lists (facility-pairs.tsv, made by
/// make_facility_pairs.py from datasets/nike-factory-list and datasets/open-supply-hub-lists): the same factory written
/// differently, and different factories with similar names (numbered branches, the same company's plant in another
/// town). Every facility of the file goes into one catalog, as an import sees them; each pair's first facility is then
/// matched (name, country, address) the way import resolution and matchFacilities do. Gates on the held-out split,
/// which was never used to tune the matcher: AUTO_MATCH precision ≥ 0.95, top-candidate recall ≥ 0.9.
/// </summary>
public sealed class FacilityPairTests(ITestOutputHelper output)
{
    sealed record Side(string Name, string Address, string Source);
    sealed record Pair(string Split, bool Same, string Country, Side A, Side B);

    static List<Pair> Pairs() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Resolution", "facility-pairs.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
            .Select(p => new Pair(p[0], p[1] == "same", p[2], new Side(p[3], p[4], p[5]), new Side(p[6], p[7], p[8]))).ToList();

    sealed record Scores(int Same, int Different, int AutoTrue, int AutoFalse, int TopRight)
    {
        public double Precision => AutoTrue + AutoFalse == 0 ? double.NaN : (double)AutoTrue / (AutoTrue + AutoFalse);
        public double AutoRecall => Same == 0 ? double.NaN : (double)AutoTrue / Same;
        public double TopRecall => Same == 0 ? double.NaN : (double)TopRight / Same;
    }

    static Scores Evaluate(IReadOnlyList<Pair> all, IEnumerable<Pair> pairs, bool useAddress, List<string>? errors = null)
    {
        var catalog = new EntityCatalog();
        var ids = new Dictionary<(string, string, string), long>();
        long Id(Side s, string country)
        {
            var k = (s.Name, country, s.Address);
            if (!ids.TryGetValue(k, out var id))
            {
                ids[k] = id = ids.Count + 1;
                catalog.Add(EntityKind.Facility, id, s.Name, CountryCodes.Normalize(country) ?? country, address: useAddress ? s.Address : null);
            }
            return id;
        }
        foreach (var p in all) { Id(p.A, p.Country); Id(p.B, p.Country); }
        // The same factory may appear under three spellings: any of them is a right answer.
        var parent = ids.Values.ToDictionary(i => i, i => i);
        long Find(long x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var p in all.Where(p => p.Same)) parent[Find(Id(p.A, p.Country))] = Find(Id(p.B, p.Country));

        int same = 0, diff = 0, autoTrue = 0, autoFalse = 0, top = 0;
        foreach (var p in pairs)
        {
            var a = Id(p.A, p.Country); var b = Id(p.B, p.Country);
            var matches = catalog.Match(EntityKind.Facility, p.A.Name, CountryCodes.Normalize(p.Country) ?? p.Country, 8, useAddress ? p.A.Address : null)
                .Where(m => m.Id != a).ToList();
            var autoToB = matches.Any(m => m.Id == b && m.Verdict == MatchVerdict.AutoMatch);
            if (p.Same)
            {
                same++;
                if (autoToB) autoTrue++;
                if (matches.Count > 0 && Find(matches[0].Id) == Find(a)) top++;
                else errors?.Add($"missed [{p.Split}] '{p.A.Name}' ~ '{p.B.Name}' → {(matches.Count > 0 ? $"'{matches[0].Name}' {matches[0].Score} {matches[0].Rule}" : "no candidate")}");
            }
            else
            {
                diff++;
                if (autoToB) { autoFalse++; errors?.Add($"false AUTO_MATCH [{p.Split}] '{p.A.Name}' ({p.A.Address}) ~ '{p.B.Name}' ({p.B.Address})"); }
            }
        }
        return new Scores(same, diff, autoTrue, autoFalse, top);
    }

    [Fact]
    public void Facility_pairs_auto_match_precision_and_top_candidate_recall_on_the_held_out_split()
    {
        var all = Pairs();
        Assert.True(all.Count(p => p.Split == "heldout" && p.Same) >= 8, "too few held-out same-factory pairs");
        var errors = new List<string>();
        output.WriteLine("facility pairs (tests/SupplyChain.Tests/Resolution/facility-pairs.tsv); command: dotnet test tests/SupplyChain.Tests --filter FacilityPairTests --logger \"console;verbosity=detailed\"");
        output.WriteLine($"{"split",-8} {"matcher",-22} {"same",5} {"diff",5} {"AUTO P",7} {"AUTO R",7} {"top-1 R",8}");
        Scores? heldOut = null;
        foreach (var split in new[] { "tuning", "heldout" })
            foreach (var useAddress in new[] { false, true })
            {
                var s = Evaluate(all, all.Where(p => p.Split == split), useAddress, useAddress ? errors : null);
                output.WriteLine($"{split,-8} {(useAddress ? "name+country+address" : "name+country only"),-22} {s.Same,5} {s.Different,5} {s.Precision,7:0.000} {s.AutoRecall,7:0.000} {s.TopRecall,8:0.000}  (AUTO_MATCH {s.AutoTrue} right, {s.AutoFalse} wrong)");
                if (split == "heldout" && useAddress) heldOut = s;
            }
        foreach (var e in errors) output.WriteLine(e);
        Assert.NotNull(heldOut);
        Assert.True(heldOut.AutoTrue + heldOut.AutoFalse > 0, "no AUTO_MATCH at all on the held-out split");
        Assert.True(heldOut.Precision >= 0.95, $"held-out AUTO_MATCH precision {heldOut.Precision:0.000} < 0.95");
        Assert.True(heldOut.TopRecall >= 0.9, $"held-out top-candidate recall {heldOut.TopRecall:0.000} < 0.9");
    }
}
