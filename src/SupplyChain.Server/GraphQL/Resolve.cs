using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

static class Resolve
{
    public static EvidenceQueries Queries(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<EvidenceQueries>();
    public static BrandSearch Search(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<BrandSearch>();

    /// <summary>The index one request reads, pinned on first use, with the snapshot it carries: every field sees the same view.</summary>
    public static Task<BrandIndex> Index(this IResolveFieldContext ctx) => ctx.Once("index", () => Task.FromResult(ctx.Search().Index));
    public static async Task<GraphSnapshot> Snapshot(this IResolveFieldContext ctx) => GraphSnapshot.Of(await ctx.Index());

    /// <summary>
    /// One load per request for data several fields read (a brand's claims, a source's coverage): the first field to
    /// ask starts it, the others await the same task. Outside our endpoint (no shared request context) it just loads.
    /// </summary>
    public static Task<T> Once<T>(this IResolveFieldContext ctx, string key, Func<Task<T>> load) =>
        ctx.UserContext is System.Collections.Concurrent.ConcurrentDictionary<string, object?> shared
            ? (Task<T>)shared.GetOrAdd(key, _ => load())!
            : load();

    public static Task<IReadOnlyList<ClaimView>> BrandClaims(this IResolveFieldContext<BrandCard> c) =>
        c.Once($"claims:brand:{c.Source.Id}", () => c.Queries().ClaimsAboutAsync(EntityKind.Brand, c.Source.Id, ct: c.CancellationToken));
}
