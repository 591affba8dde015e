using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using SupplyChain.Data;

namespace SupplyChain.Server.Access;

/// <summary>Authentication, Data Protection keys, forwarded headers and rate limits: the server's access wiring.</summary>
public static class AccessSetup
{
    public static void AddAccess(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddSingleton<CookieSessions>();
        builder.Services.AddSingleton<FailedAuthentication>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(ApiKeyAuthentication.ConfigureCookie);
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<CookieSessions>((o, sessions) => o.SessionStore = sessions);
        builder.Services.AddAuthorization();
        builder.Services.AddRateLimiter(o => RateLimits.Configure(o, config));

        // The key ring that protects cookies and antiforgery tokens belongs to this deployment, not to the user
        // account's shared default ring: a folder beside the SQLite database, or DataProtection:KeysPath.
        var keys = KeysFolder(config, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(keys);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("SupplyChain");

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.GetValue("ShutdownTimeoutSeconds", 5.0)));
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in KnownProxies(config)) o.KnownProxies.Add(proxy);
            o.ForwardLimit = 1;
        });
    }

    /// <summary>Only addresses listed in ForwardedHeaders:KnownProxies may say who the client is.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration config) =>
        (config["ForwardedHeaders:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address."))
            .ToList();

    public static string KeysFolder(IConfiguration config, string contentRoot)
    {
        if (config["DataProtection:KeysPath"] is { Length: > 0 } configured) return Path.GetFullPath(configured, contentRoot);
        var db = AppServices.DatabaseOptionsFrom(config);
        if (db.Provider == DatabaseProvider.Sqlite
            && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DataSource is { Length: > 0 } file && file != ":memory:")
        {
            var full = Path.GetFullPath(file, contentRoot);
            return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".keys");
        }
        return Path.Combine(contentRoot, "data", "keys");
    }

    public static void UseAccess(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0) app.UseForwardedHeaders();
        app.UseAuthentication();
        app.Use(ApiKeyAuthentication.Middleware);
    }
}
