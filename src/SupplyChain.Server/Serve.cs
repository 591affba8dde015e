using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Resolution;
using SupplyChain.Search;
using SupplyChain.Server.Access;
using SupplyChain.Server.GraphQL;

namespace SupplyChain.Server;

public static class Serve
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await StartAsync(app);
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        // Named explicitly so Razor Pages are found when another assembly (a test runner, the benchmarks) hosts the app.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(Serve).Assembly.GetName().Name });
        builder.Services.AddSupplyChain(builder.Configuration);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Web/Pages");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 50 * 1024 * 1024);
        builder.AddAccess(); // sessions, key ring, forwarded headers, rate limits: see Access/AccessSetup.cs
        builder.Services.AddCors(o => o.AddPolicy("public-read", p => p.AllowAnyOrigin().WithMethods("GET", "POST").WithHeaders("Content-Type", "Accept")));
        builder.Services.AddHostedService<Live.DataRefreshService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Live.ImportJobs>());
        var app = builder.Build();
        GraphiQLPage.Use(app); // GET /graphql from a browser: the in-browser IDE (ecosystem)
        app.UseStaticFiles();
        app.UseAccess();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages(); // /signin and /signout are pages too (layout, CSP, antiforgery)
        Web.InteropDownloads.Map(app); // FtM, CSL-JSON, change feed downloads (ecosystem)
        GraphQLEndpoint.Map(app); // rate limited and open to other origins for reads: see GraphQLEndpoint.Map
        // The same lookup as searchBrands, as plain JSON: the benchmark's middle rung between the raw index and /graphql.
        app.MapGet("/api/brands/search", (string q, int? first, BrandSearch search) => q.Length > BrandIndex.MaxQueryLength
            ? Results.Json(new { errors = new[] { new { message = $"'q' is longer than {BrandIndex.MaxQueryLength} characters." } } }, statusCode: 400)
            : Results.Json(search.Search(q, Math.Clamp(first ?? 10, 1, 100)).Select(h => new
            {
                name = h.Brand.Name, slug = h.Brand.Slug, status = Wording.StatusWords.Code(h.Brand.Status), statusText = Wording.StatusWords.Sentence(h.Brand.Status), score = h.Score, matchedName = h.MatchedName, matchKind = h.Kind.ToString(),
            }))).RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);
        app.MapGet("/healthz", async (SupplyChainDbFactory factory, CancellationToken ct) =>
        {
            await using var db = factory.Create();
            return await db.Database.CanConnectAsync(ct) ? Results.Ok(new { status = "ok" }) : Results.StatusCode(503);
        });
        return app;
    }

    /// <summary>Schema up to date, bundled data imported (idempotent), search index built.</summary>
    public static async Task StartAsync(WebApplication app)
    {
        var factory = app.Services.GetRequiredService<SupplyChainDbFactory>();
        await factory.MigrateAsync();
        var search = app.Services.GetRequiredService<BrandSearch>();
        var runner = app.Services.GetRequiredService<ImportRunner>();
        var refresh = app.Services.GetRequiredService<SupplyChain.Live.DataRefresh>();
        runner.DataChanged += () => _ = refresh.RefreshAsync(); // at once here; other processes see it by polling the data version
        var log = app.Logger;
        if (app.Configuration.GetValue("Seed:Enabled", true) && AppServices.FindSeed(app.Configuration) is { } seed)
        {
            var report = await runner.ImportAsync(seed, new ImportOptions { Actor = "seed" });
            if (!report.Succeeded) throw new InvalidOperationException("The bundled data did not import:\n" + report.Summary());
            log.LogInformation("Bundled data: {Summary}", report.Summary().Trim());
        }
        await refresh.RefreshAsync(force: true);
        log.LogInformation("Search index: {Count} brands", search.Index.Count);
    }
}
