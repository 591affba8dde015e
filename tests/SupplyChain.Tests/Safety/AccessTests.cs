using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Access;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety;

/// <summary>Who may do what, enforced field by field by our own validation rule, with every write audited.</summary>
public abstract class AccessTests(SeededServer server)
{
    async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string query, string? key = null, object? variables = null)
    {
        TestDatabase.SkipUnlessAvailable(server.Engine);
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (key is not null) req.Headers.Authorization = new("Bearer", key);
        var r = await server.Http.SendAsync(req);
        return (r.StatusCode, JsonNode.Parse(await r.Content.ReadAsStringAsync())!);
    }

    async Task<string> KeyAsync(Role role) => (await server.Service<ApiKeys>().CreateAsync($"test-{role}-{Guid.NewGuid():N}"[..20], role, "test")).Key;

    [SkippableFact]
    public async Task An_unauthenticated_mutation_is_refused_with_401_before_anything_runs()
    {
        var (status, body) = await PostAsync("""mutation { retractClaim(id: 1, reason: "x") { id } }""");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("needs the role admin", body["errors"]![0]!["message"]!.GetValue<string>());
        await using var db = server.Factory.Create();
        Assert.NotEqual(ClaimStatus.Retracted, (await db.Claims.SingleAsync(c => c.Id == 1)).Status);
    }

    [SkippableFact]
    public async Task Roles_are_enforced_field_by_field()
    {
        var researcher = await KeyAsync(Role.Researcher);
        var admin = await KeyAsync(Role.Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("{ matchCandidates(first: 1) { id } }")).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("{ matchCandidates(first: 1) { id } }", researcher)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("{ audit(first: 1) { id } }", researcher)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("{ audit(first: 1) { id } }", admin)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync("""mutation { createApiKey(name: "x", role: ADMIN) { key } }""", researcher)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("{ changeLog(first: 1) { change } }")).Status); // public
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("{ changeLog(first: 1) { change } }", "sc_not-a-real-key")).Status);
    }

    [SkippableFact]
    public async Task An_admin_retracts_a_claim_with_a_reason_audited_and_in_the_public_change_log()
    {
        var admin = await KeyAsync(Role.Admin);
        long claimId;
        await using (var db = server.Factory.Create())
            // One of the hundreds of factories in Nike's disclosure that lead nowhere else (never Taekwang, which other tests read).
            claimId = await db.Claims.Where(c => c.Source!.Publisher == "Nike, Inc." && c.Predicate == Predicate.SourcesFrom && c.Status == ClaimStatus.Active
                    && !db.Facilities.Any(f => f.Id == c.ObjectId && f.NameKey.Contains("taekwang")))
                .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        var (status, body) = await PostAsync("mutation($id: ID!) { retractClaim(id: $id, reason: \"test: listed in error\") { status statusReason } }", admin, new { id = claimId });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RETRACTED", body["data"]!["retractClaim"]!["status"]!.GetValue<string>());
        var log = await server.GraphQLAsync("{ changeLog(first: 5) { change claimId reason } }");
        Assert.Contains(log["data"]!["changeLog"]!.AsArray(), e => e!["change"]!.GetValue<string>() == "RETRACTED"
            && e["claimId"]!.GetValue<string>() == claimId.ToString() && e["reason"]!.GetValue<string>() == "test: listed in error");
        await using var check = server.Factory.Create();
        var audit = await check.Audit.Where(a => a.Action == "retract-claim" && a.Target == $"claim {claimId}").SingleAsync();
        Assert.Equal("Active", audit.Before);
        Assert.StartsWith("key:", audit.Actor);
    }

    [SkippableFact]
    public async Task A_researcher_rejects_a_match_candidate_and_it_is_remembered()
    {
        var researcher = await KeyAsync(Role.Researcher);
        long id;
        await using (var db = server.Factory.Create())
            id = await db.MatchCandidates.Where(m => m.Status == MatchStatus.Pending && m.EntityKind == EntityKind.Facility).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
        var (status, body) = await PostAsync("mutation($id: ID!) { decideMatch(id: $id, decision: REJECT, note: \"different factories\") { status decidedBy } }", researcher, new { id });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("REJECTED", body["data"]!["decideMatch"]!["status"]!.GetValue<string>());
        var (again, againBody) = await PostAsync("mutation($id: ID!) { decideMatch(id: $id, decision: MERGE) { status } }", researcher, new { id });
        Assert.Contains("already decided", againBody["errors"]![0]!["message"]!.GetValue<string>());
        await using var check = server.Factory.Create();
        Assert.True(await check.Audit.AnyAsync(a => a.Action == "reject-match" && a.After!.Contains("different factories")));
    }
}

[Collection("sqlite-server")] public sealed class AccessTests_Sqlite(SqliteSeededServer s) : AccessTests(s);
[Collection("postgres-server")] public sealed class AccessTests_Postgres(PostgresSeededServer s) : AccessTests(s);
