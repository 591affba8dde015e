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
/// a change by another writer shows once this process's change signal sees the version move, never before and never later.
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

        // Another writer adds a claim about the brand and moves the data version in the same transaction, as imports do.
        await using (var db = factory.Create())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            const string locator = "MADE-UP test claim (BrandViewCacheTests)";
            db.Claims.Add(new Claim
            {
                SubjectKind = template.SubjectKind, SubjectId = template.SubjectId, SubjectAsPublished = template.SubjectAsPublished,
                Predicate = template.Predicate, ObjectKind = template.ObjectKind, ObjectId = template.ObjectId, ObjectAsPublished = template.ObjectAsPublished,
                SourceId = template.SourceId, Locator = locator, Summary = "MADE-UP: test data, not evidence.",
                EvidenceType = template.EvidenceType, Confidence = template.Confidence, ExternalId = "MADE-UP-1",
                Fingerprint = Fingerprints.Of(template.SubjectKind, template.SubjectId, template.Predicate, template.ObjectKind, template.ObjectId,
                    template.SourceId, null, locator, "MADE-UP-1"),
            });
            await db.SaveChangesAsync();
            await DataVersion.BumpAsync(db, CancellationToken.None);
            await tx.CommitAsync();
        }

        // Until this process sees the new version, pages read the view it holds (the one its search index was built from)...
        Assert.Equal(before.Count, (await queries.ClaimsAboutAsync(EntityKind.Brand, brand)).Count);
        Assert.Equal(totalBefore, (await queries.ClaimsAsync(new ClaimFilter(), 5, null)).TotalCount);
        // ...and as soon as the change signal has seen it, the new claim and the new total are there.
        Assert.True(await refresh.RefreshAsync());
        var after = await queries.ClaimsAboutAsync(EntityKind.Brand, brand);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Contains(after, c => c.Locator == "MADE-UP test claim (BrandViewCacheTests)");
        Assert.Equal(totalBefore + 1, (await queries.ClaimsAsync(new ClaimFilter(), 5, null)).TotalCount);
        // Proposed claims (a reviewer's view) are never served from the cache.
        Assert.Equal(after.Count, (await queries.ClaimsAboutAsync(EntityKind.Brand, brand, includeProposed: true)).Count(c => c.Status != ClaimStatus.Proposed));
    }
}

public sealed class BrandViewCacheTests_Sqlite() : BrandViewCacheTests(Engine.Sqlite);
public sealed class BrandViewCacheTests_Postgres() : BrandViewCacheTests(Engine.Postgres);
