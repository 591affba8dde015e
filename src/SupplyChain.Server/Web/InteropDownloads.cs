using System.Text.Json;
using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.Web;

/// <summary>
/// Downloads that neighbouring tools load: FollowTheMoney entities (JSON lines), CSL-JSON citations (Zotero, pandoc),
/// and the change feed as JSON lines. The same writers as the CLI's `export --format ftm|csl|changes`.
/// </summary>
public static class InteropDownloads
{
    public const string JsonLines = "application/x-ndjson; charset=utf-8";
    const string CslJsonType = "application/vnd.citationstyles.csl+json; charset=utf-8";

    public static void Map(WebApplication app)
    {
        app.MapGet("/exports/ftm.jsonl", async (HttpContext http, SupplyChainDbFactory factory) =>
        {
            http.Response.ContentType = JsonLines;
            http.Response.Headers.ContentDisposition = "attachment; filename=\"supplychain-ftm.jsonl\"";
            await FtmExport.WriteAsync(factory, http.Response.Body, http.RequestAborted);
        }).RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);

        app.MapGet("/claims/{id:long}.csl.json", async (long id, EvidenceQueries queries, CancellationToken ct) =>
            await queries.ClaimAsync(id, ct) is { } claim ? Results.Text(CslJson.Write([claim]), CslJsonType) : Results.NotFound())
            .RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);

        app.MapGet("/sources/{id:long}.csl.json", async (long id, EvidenceQueries queries, CancellationToken ct) =>
            Results.Text(CslJson.Write(await Exports.AllClaimsAsync(queries, new ClaimFilter(SourceId: id), ct)), CslJsonType))
            .RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);

        app.MapGet("/changes.jsonl", async (HttpContext http, ChangeFeed feed, string? since, int? limit) =>
        {
            ChangePage page;
            try { page = await feed.SinceAsync(since, Math.Clamp(limit ?? 1000, 1, ChangeFeed.MaxPage), http.RequestAborted); }
            catch (FormatException e)
            {
                http.Response.StatusCode = 400;
                await http.Response.WriteAsJsonAsync(new { error = e.Message });
                return;
            }
            http.Response.ContentType = JsonLines;
            if (page.EndCursor is not null) http.Response.Headers["X-Next-Cursor"] = page.EndCursor;
            http.Response.Headers["X-Has-More"] = page.HasNextPage ? "true" : "false";
            await ChangeLines.WriteAsync(page, http.Response.Body, http.RequestAborted);
        }).RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);
    }
}
