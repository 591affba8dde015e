using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Resolution;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Search;

/// <summary>
/// A brand and a longer name holding it ("Samsung" / "Samsung Electronics"; a brand and the company that owns it) are
/// proposed to a reviewer, never merged or linked without asking.
/// </summary>
public abstract class NearDuplicateTests(SeededDatabase data)
{
    [SkippableFact]
    public async Task Samsung_and_Samsung_Electronics_wait_for_review_and_stay_two_brands()
    {
        TestDatabase.SkipUnlessAvailable(data.Engine);
        await using var db = data.Factory.Create();
        var samsung = await db.Brands.SingleAsync(b => b.Slug == "samsung");
        var electronics = await db.Brands.SingleAsync(b => b.Name == "Samsung Electronics");
        Assert.Null(samsung.MergedIntoId);
        Assert.Null(electronics.MergedIntoId);
        var pair = new[] { samsung.Id, electronics.Id };
        var candidate = await db.MatchCandidates.SingleAsync(m => m.EntityKind == EntityKind.Brand && pair.Contains(m.IncomingId) && pair.Contains(m.ExistingId));
        Assert.Equal(MatchStatus.Pending, candidate.Status);
        Assert.Contains("OWNED_BY", candidate.Rule);
    }

    [Fact]
    public void The_contains_rule_proposes_but_never_links_and_ignores_company_words_and_short_names()
    {
        var catalog = new EntityCatalog();
        catalog.Add(EntityKind.Brand, 1, "Samsung");
        catalog.Add(EntityKind.Brand, 2, "GAC Group (automobiles)");
        catalog.Add(EntityKind.Brand, 3, "Polo Ralph Lauren");
        var m = catalog.Match(EntityKind.Brand, "Samsung Electronics");
        Assert.Equal(1, Assert.Single(m).Id);
        Assert.Equal(MatchVerdict.Candidate, m[0].Verdict);
        Assert.Equal(3, Assert.Single(catalog.Match(EntityKind.Brand, "Ralph Lauren")).Id); // the longer held name, found through a rare word
        Assert.DoesNotContain(catalog.Match(EntityKind.Brand, "BMW Group"), x => x.Id == 2); // "group" alone decides nothing
    }
}

public sealed class NearDuplicateTests_Sqlite(SqliteSeededDatabase d) : NearDuplicateTests(d), IClassFixture<SqliteSeededDatabase>;
public sealed class NearDuplicateTests_Postgres(PostgresSeededDatabase d) : NearDuplicateTests(d), IClassFixture<PostgresSeededDatabase>;
