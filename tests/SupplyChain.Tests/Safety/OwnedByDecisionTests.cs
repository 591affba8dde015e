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
        // The review page (signed in as a researcher) lists the pair, offers "owned by" and refuses it without a source.
        var session = await Attacks.SessionAttackTests.SignInAsync(http, key);
        var (antiforgery, token) = await Attacks.SessionAttackTests.FormTokenAsync(http, "/review", session);
        using (var get = new HttpRequestMessage(HttpMethod.Get, "/review"))
        {
            get.Headers.Add("Cookie", session);
            var page = await (await http.SendAsync(get)).Content.ReadAsStringAsync();
            Assert.Contains($"id=\"candidate-{candidate.Id}\"", page);
            Assert.Contains("value=\"owned-by\"", page);
        }
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/review?handler=Decide")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["id"] = candidate.Id.ToString(), ["decision"] = "owned-by", ["owner"] = ownerId.ToString(), ["__RequestVerificationToken"] = token,
            }),
        })
        {
            post.Headers.Add("Cookie", $"{session}; {antiforgery}");
            using var r = await http.SendAsync(post);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, r.StatusCode);
            var body = await r.Content.ReadAsStringAsync();
            Assert.Contains("needs a source", body);
            Assert.Contains("Nothing was written", body);
        }
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

    /// <summary>The CLI verb (on the server's service wiring): refused without a source, then recorded with one.</summary>
    [SkippableFact]
    public async Task The_cli_review_owned_by_refuses_without_a_source_and_records_with_one()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        var options = TestDatabase.Create(engine, "ownedcli");
        var factory = new SupplyChainDbFactory(options);
        await factory.MigrateAsync();
        Assert.True((await new SupplyChain.Import.ImportRunner(factory).ImportAsync(Repo.Seed)).Succeeded);
        var candidate = (await new ReviewQueue(factory).PendingAsync(1000)).Single(m => m.IncomingName is "Samsung" or "Samsung Electronics" && m.ExistingName is "Samsung" or "Samsung Electronics");
        var ownerId = candidate.IncomingName == "Samsung Electronics" ? candidate.IncomingId : candidate.ExistingId;
        string[] db = ServerProcess.DatabaseArgs(options);

        var (listExit, list) = await ServerProcess.RunAsync(["review", "list", "--first", "1000", .. db]);
        Assert.True(listExit == 0, list);
        Assert.Contains($"{candidate.Id}\tBrand", list);

        var (noSource, refused) = await ServerProcess.RunAsync(["review", "owned-by", candidate.Id.ToString(), "--owner", ownerId.ToString(), .. db]);
        Assert.Equal(1, noSource);
        Assert.Contains("needs a source", refused);
        await using (var read = factory.Create())
            Assert.False(await read.Claims.AnyAsync(c => c.Predicate == Predicate.OwnedBy && c.ExternalId == $"review-{candidate.Id}"));

        var (exit, output) = await ServerProcess.RunAsync(["review", "owned-by", candidate.Id.ToString(), "--owner", ownerId.ToString(),
            "--url", "https://example.org/made-up-cli", "--title", "MADE-UP CLI test source", "--quote", "MADE-UP quote", .. db]);
        Assert.True(exit == 0, output);
        Assert.Contains("OwnedBy", output);
        await using var after = factory.Create();
        var claim = await after.Claims.Include(c => c.Source).SingleAsync(c => c.Predicate == Predicate.OwnedBy && c.ExternalId == $"review-{candidate.Id}");
        Assert.Equal("MADE-UP CLI test source", claim.Source!.Title);
    }
}

public sealed class OwnedByDecisionTests_Sqlite() : OwnedByDecisionTests(Engine.Sqlite);
public sealed class OwnedByDecisionTests_Postgres() : OwnedByDecisionTests(Engine.Postgres);
