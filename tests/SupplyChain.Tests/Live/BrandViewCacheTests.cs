using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Import;
using SupplyChain.Live;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// A brand's claims and the claim totals are kept per data version (what every brand page and claims page reads):
/// a change by any writer shows on the next read after its transaction moved the version, in every process.
/// </summary>
public abstract class BrandViewCacheTests(Engine engine)
{
    [SkippableFact]
    public async Task A_brands_claims_and_the_claim_total_follow_the_data_version()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var factory = await TestDatabase.CreateMigratedAsync(engine, "viewcache");
        var seed = await new ImportRunner(factory).ImportAsync(Repo.Seed, new ImportOptions { Actor = "test" });
        Assert.True(seed.Succeeded, seed.Summary());
        var queries = new EvidenceQueries(factory);
        var refresh = new DataRefresh(factory, new BrandSearch(factory), queries, new MatchService(factory));
        await refresh.RefreshAsync(force: true);

        Claim template;
        await using (var db = factory.Create())
            template = await db.Claims.AsNoTracking().OrderBy(c => c.Id)
                .FirstAsync(c => c.SubjectKind == EntityKind.Brand && c.Predicate == Predicate.SourcesFrom && c.Status == ClaimStatus.Active);
        var brand = template.SubjectId;
        var before = await queries.ClaimsAboutAsync(EntityKind.Brand, brand);
        var totalBefore = (await queries.ClaimsAsync(new ClaimFilter(), 5, null)).TotalCount;
        Assert.NotEmpty(before);

        // A claim written without moving the data version (which no writer of ours does) stays unseen: the page reads
        // what it holds for this version.
        const string quiet = "MADE-UP test claim, version not moved (BrandViewCacheTests)";
        await MadeUpWrites.AddClaimAsync(factory, template, quiet, moveVersion: false);
        Assert.Equal(before.Count, (await queries.ClaimsAboutAsync(EntityKind.Brand, brand)).Count);
        Assert.Equal(totalBefore, (await queries.ClaimsAsync(new ClaimFilter(), 5, null)).TotalCount);

        // Another writer adds a claim and moves the data version in the same transaction, as imports and decisions do:
        // the very next read sees both new claims, before any refresh of this process ran.
        const string moved = "MADE-UP test claim (BrandViewCacheTests)";
        await MadeUpWrites.AddClaimAsync(factory, template, moved, moveVersion: true);
        var after = await queries.ClaimsAboutAsync(EntityKind.Brand, brand);
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Contains(after, c => c.Locator == moved);
        Assert.Equal(totalBefore + 2, (await queries.ClaimsAsync(new ClaimFilter(), 5, null)).TotalCount);
        // The change signal's refresh changes nothing that a page reads.
        Assert.True(await refresh.RefreshAsync());
        Assert.Equal(after.Count, (await queries.ClaimsAboutAsync(EntityKind.Brand, brand)).Count);
        // Proposed claims (a reviewer's view) are never served from the cache.
        Assert.Equal(after.Count, (await queries.ClaimsAboutAsync(EntityKind.Brand, brand, includeProposed: true)).Count(c => c.Status != ClaimStatus.Proposed));
    }
}

public sealed class BrandViewCacheTests_Sqlite() : BrandViewCacheTests(Engine.Sqlite);
public sealed class BrandViewCacheTests_Postgres() : BrandViewCacheTests(Engine.Postgres);
