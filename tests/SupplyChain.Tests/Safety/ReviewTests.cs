using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;
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

public sealed class ReviewTests_Sqlite() : ReviewTests(Engine.Sqlite);
public sealed class ReviewTests_Postgres() : ReviewTests(Engine.Postgres);
