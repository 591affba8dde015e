using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Review;
using SupplyChain.Tests.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety;

public abstract class ReviewTests(Engine engine)
{
    [SkippableFact]
    public async Task A_merge_redirects_the_old_entity_moves_its_claims_and_a_rejected_pair_is_never_proposed_again()
    {
        var f = await ImportFixture.CreateAsync(engine);
        f.Write("MADE_UP_a.csv", ImportFixture.Header +
            "Made-up Brandname Omega,Made-up Dye Works,China,1 Road,supplies,1\n" +
            "Made-up Brandnam Omega,Made-up Dye Works,China,1 Road,supplies,2\n" +   // near name: queued
            "Made-up Brand Sigma,Made-up Weaving Mill,China,2 Road,supplies,3\n" +
            "Made-up Brand Sigmma,Made-up Weaving Mill,China,2 Road,supplies,4\n");  // near name: queued
        Assert.True((await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_a.csv"))).Succeeded);
        var queue = new ReviewQueue(f.Factory);
        var pending = await queue.PendingAsync(10);
        var omega = Assert.Single(pending, m => m.IncomingName == "Made-up Brandnam Omega");
        var sigma = Assert.Single(pending, m => m.IncomingName == "Made-up Brand Sigmma");

        await queue.DecideAsync(omega.Id, MatchDecision.Merge, "test", "same brand, typo in source");
        await queue.DecideAsync(sigma.Id, MatchDecision.Reject, "test", "two brands");

        await using var db = f.Factory.Create();
        var old = await db.Brands.SingleAsync(b => b.Id == omega.IncomingId);
        Assert.Equal(omega.ExistingId, old.MergedIntoId);
        Assert.Equal(0, await db.Claims.CountAsync(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == omega.IncomingId));
        Assert.Equal(2, await db.Claims.CountAsync(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == omega.ExistingId));
        var redirected = await new EvidenceQueries(f.Factory).BrandAsync(old.Slug); // the old slug still answers
        Assert.Equal(omega.ExistingId, redirected!.Id);
        Assert.Equal(2, await db.Audit.CountAsync(a => a.Action == "merge" || a.Action == "reject-match"));

        // A later file naming both again: no new candidate between the rejected pair, and the merged name lands on the survivor.
        f.Write("MADE_UP_b.csv", ImportFixture.Header +
            "Made-up Brand Sigmma,Made-up Weaving Mill,China,2 Road,supplies,9\n" +
            "Made-up Brandnam Omega,Made-up Dye Works,China,1 Road,supplies,9\n");
        File.Delete(Path.Combine(f.Dir, "manifest.json"));
        var report = await f.Runner.ImportAsync(f.FacilityManifest("MADE_UP_b.csv", title: "MADE-UP second list"));
        Assert.True(report.Succeeded, report.Summary());
        Assert.Equal(0, report.Files[0].CandidatesQueued);
        Assert.Equal(3, await db.Claims.CountAsync(c => c.SubjectKind == EntityKind.Brand && c.SubjectId == omega.ExistingId));
    }
}

public abstract class ResponderLinkTests(Engine engine)
{
    [SkippableFact]
    public async Task A_reviewer_confirms_that_a_parents_response_speaks_for_its_brand()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var factory = await TestDatabase.CreateMigratedAsync(engine, "links");
        Assert.True((await new SupplyChain.Import.ImportRunner(factory).ImportAsync(Repo.Seed)).Succeeded);
        var queries = new EvidenceQueries(factory);
        var zara = (await queries.BrandAsync("zara"))!;
        var queue = new ReviewQueue(factory);
        var link = (await queue.PendingResponderLinksAsync(100)).First(l => l.BrandId == zara.Id && l.NameAsPublished == "Zara");
        Assert.DoesNotContain(await queries.ResponsesForBrandAsync(await GraphSnapshot.LoadAsync(factory), zara.Id), r => r.SpeaksFor.Any(b => b.Id == zara.Id));

        await queue.DecideResponderLinkAsync(link.Id, confirm: true, "test");

        var responses = await queries.ResponsesForBrandAsync(await GraphSnapshot.LoadAsync(factory), zara.Id);
        Assert.Equal(2, responses.Count(r => r.ResponderAsPublished == "Inditex (Zara)"));
        Assert.Contains(responses, r => r.SpeaksFor.Any(b => b.Id == zara.Id));
        Assert.DoesNotContain(await queue.PendingResponderLinksAsync(100), l => l.BrandId == zara.Id); // one decision settles the pair
    }
}

public sealed class ResponderLinkTests_Sqlite() : ResponderLinkTests(Engine.Sqlite);
public sealed class ResponderLinkTests_Postgres() : ResponderLinkTests(Engine.Postgres);

public sealed class ReviewTests_Sqlite() : ReviewTests(Engine.Sqlite);
public sealed class ReviewTests_Postgres() : ReviewTests(Engine.Postgres);
