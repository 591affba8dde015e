using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupplyChain.Import;
using SupplyChain.Search;
using SupplyChain.Server;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>
/// The real server (Kestrel on a free loopback port) on a fresh SQLite database with the bundled seed, plus one brand
/// list whose names look like spreadsheet formulas (to prove the CSV export escapes them). One per test run.
/// Chromium is Debian's (/usr/bin/chromium), launched by Playwright; a machine without it skips the browser tests.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    /// <summary>Brand names that a spreadsheet would run as formulas if a CSV cell began with them.</summary>
    public static readonly string[] FormulaNames = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+SUM(1;2)", "@cmd", "-2+3"];

    readonly string work = Path.Combine(Path.GetTempPath(), "sc-browser-" + Guid.NewGuid().ToString("N")[..8]);
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    IPlaywright? playwright;
    IBrowser? browser;
    readonly SemaphoreSlim browserLock = new(1, 1);

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SupplyChain.sln"))) return dir.FullName;
            throw new InvalidOperationException("SupplyChain.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ScreenshotDir
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(work);
        var repo = RepoRoot;
        App = Serve.Build([
            "--urls=http://127.0.0.1:0",
            // Razor Pages are found through the application's assembly; under a test host the entry assembly is the runner's.
            $"--contentRoot={Path.Combine(repo, "src", "SupplyChain.Server")}", // wwwroot (site.css, site.js) lives there
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:SupplyChain=Data Source={Path.Combine(work, "supplychain.db")}",
            $"--Seed:Path={Path.Combine(repo, "datasets", "seed.json")}",
            "--Logging:LogLevel:Default=Warning",
            $"--Imports:Folder={Path.Combine(work, "imports")}", // /imports uploads and job files stay in this run's folder
        ]);
        await Serve.StartAsync(App);
        await ImportFormulaListAsync();
        await App.StartAsync();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A tiny "report" naming brands whose names begin with = + @ -, imported through the product's own pipeline.</summary>
    async Task ImportFormulaListAsync()
    {
        var dir = Path.Combine(work, "formula-list");
        Directory.CreateDirectory(dir);
        await File.WriteAllLinesAsync(Path.Combine(dir, "names.txt"), FormulaNames);
        await File.WriteAllTextAsync(Path.Combine(dir, "manifest.json"), """
            {
              "format": "list",
              "files": ["names.txt"],
              "list": { "split": "lines", "column": "name" },
              "source": { "title": "Test list of formula-looking names", "publisher": "Browser tests", "published": "2024-01-15", "kind": "Report" },
              "entities": { "brand": { "type": { "const": "Brand" }, "name": "name" } },
              "claims": [
                { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                  "locator": { "template": "{$locator}" }, "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } }
              ]
            }
            """);
        var report = await App.Services.GetRequiredService<ImportRunner>().ImportAsync(Path.Combine(dir, "manifest.json"), new ImportOptions { Actor = "browser-tests" });
        if (!report.Succeeded) throw new InvalidOperationException("formula list did not import:\n" + report.Summary());
        await App.Services.GetRequiredService<BrandSearch>().RebuildAsync();
    }

    public async Task<IBrowser> BrowserAsync()
    {
        await browserLock.WaitAsync();
        try
        {
            if (browser is not null) return browser;
            playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return browser;
        }
        finally { browserLock.Release(); }
    }

    /// <summary>A fresh context (own cookies, viewport, JavaScript setting) with the server as base URL.</summary>
    public async Task<IBrowserContext> ContextAsync(int width = 1280, int height = 900, bool javaScript = true)
    {
        var b = await BrowserAsync();
        var context = await b.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        Http?.Dispose();
        if (App is not null) { await App.StopAsync(); await App.DisposeAsync(); }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition("server")]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>;
