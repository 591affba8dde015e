using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Review;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety;

/// <summary>
/// Issue 12 item 3: "Samsung" / "Samsung Electronics" waits in the queue as "same, or OWNED_BY?". A reviewer can answer
/// "owned by" only with a source; the answer is an OWNED_BY claim citing it, shown on the brand page with that citation.
/// </summary>
public abstract class OwnedByDecisionTests(Engine engine)
{
    const string Mutation = """
        mutation($id: ID!, $owner: ID, $url: String, $title: String, $quote: String) {
          decideMatch(id: $id, decision: OWNED_BY, ownerId: $owner, sourceUrl: $url, sourceTitle: $title, quote: $quote) { id status }
        }
        """;

    [SkippableFact]
    public async Task Owned_by_needs_a_source_and_then_shows_on_the_brand_page_with_its_citation()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine, seed: true);
        using var http = server.Client();
        var key = (await server.Service<ApiKeys>().CreateAsync("owned-by test", Role.Researcher, "test")).Key;
        async Task<JsonNode> PostAsync(object variables)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Mutation, variables }) };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var r = await http.SendAsync(req);
            return JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        }
        var factory = server.Service<SupplyChainDbFactory>();
        async Task<(int Claims, int Sources, int Companies, long Version)> CountsAsync()
        {
            await using var db = factory.Create();
            return (await db.Claims.CountAsync(), await db.Sources.CountAsync(), await db.Companies.CountAsync(),
                await db.DataVersions.Select(v => v.Version).SingleAsync());
        }

        var queue = server.Service<ReviewQueue>();
        var candidate = (await queue.PendingAsync(1000)).Single(m => new[] { m.IncomingName, m.ExistingName }.Order().SequenceEqual(["Samsung", "Samsung Electronics"]));
        var ownerId = candidate.IncomingName == "Samsung Electronics" ? candidate.IncomingId : candidate.ExistingId;
        var before = await CountsAsync();

        // No source: refused, with a message that says why, and nothing written (the pair still waits).
        var refused = await PostAsync(new { id = candidate.Id, owner = ownerId });
        Assert.Contains("needs a source", refused["errors"]?[0]?["message"]?.ToString() ?? refused.ToJsonString());
        var half = await PostAsync(new { id = candidate.Id, owner = ownerId, url = "https://example.org/made-up", title = "MADE-UP title only" });
        Assert.Contains("needs a source", half["errors"]?[0]?["message"]?.ToString() ?? half.ToJsonString());
        var plain = await Assert.ThrowsAsync<ReviewException>(() => queue.DecideAsync(candidate.Id, MatchDecision.OwnedBy, "test", null));
        Assert.Contains("source", plain.Message);
        Assert.Equal(before, await CountsAsync());
        Assert.Contains(await queue.PendingAsync(1000), m => m.Id == candidate.Id);
        Assert.DoesNotContain("Owned by", await http.GetStringAsync("/brands/samsung"));

        // With a source (MADE-UP for this test): one claim Samsung OWNED_BY the company "Samsung Electronics", citing it.
        const string title = "MADE-UP test source on Samsung ownership";
        const string quote = "MADE-UP quote for the owned-by review test";
        var decided = await PostAsync(new { id = candidate.Id, owner = ownerId, url = "https://example.org/made-up-ownership", title, quote });
        Assert.True(decided["errors"] is null, decided.ToJsonString());
        Assert.Equal("OWNED_BY", (string)decided["data"]!["decideMatch"]!["status"]!);

        var after = await CountsAsync();
        Assert.Equal(before.Claims + 1, after.Claims);
        Assert.Equal(before.Sources + 1, after.Sources);
        Assert.True(after.Version > before.Version, "the decision did not move the data version");
        await using (var db = factory.Create())
        {
            var samsung = await db.Brands.SingleAsync(b => b.Slug == "samsung");
            var claim = await db.Claims.Include(c => c.Source).SingleAsync(c => c.Predicate == Predicate.OwnedBy && c.SubjectKind == EntityKind.Brand && c.SubjectId == samsung.Id);
            Assert.Equal(title, claim.Source!.Title);
            Assert.Equal(quote, claim.Quote);
            Assert.Equal(EntityKind.Company, claim.ObjectKind);
            Assert.Equal("Samsung Electronics", (await db.Companies.SingleAsync(c => c.Id == claim.ObjectId)).Name);
            Assert.Null((await db.Brands.SingleAsync(b => b.Id == ownerId)).MergedIntoId); // never merged: still two entities

            var page = await http.GetStringAsync("/brands/samsung");
            Assert.Contains("Owned by", page);
            Assert.Contains("/claims/" + claim.Id, page);
            Assert.Contains(title, page);
        }
        // Decided once: a second answer is refused.
        var again = await PostAsync(new { id = candidate.Id, owner = ownerId, url = "https://example.org/made-up-ownership", title, quote });
        Assert.Contains("already decided", again["errors"]?[0]?["message"]?.ToString() ?? again.ToJsonString());
    }
}

public sealed class OwnedByDecisionTests_Sqlite() : OwnedByDecisionTests(Engine.Sqlite);
public sealed class OwnedByDecisionTests_Postgres() : OwnedByDecisionTests(Engine.Postgres);
