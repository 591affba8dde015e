using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupplyChain.Access;
using SupplyChain.Domain;
using SupplyChain.Server.Access;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>
/// Issue 18, finding 1: a cookie from /signin must not outlive its key, its sign-out, or its server. Each test signs in
/// through the real form (antiforgery token and all) and then replays the cookie as an attacker holding a copy would.
/// </summary>
public abstract partial class SessionAttackTests(Engine engine)
{
    const string MintAdminKey = """mutation { createApiKey(name: "minted-by-cookie", role: ADMIN) { key } }""";

    /// <summary>Signs in through the form; returns the session cookie ("sc_session=...").</summary>
    internal static async Task<string> SignInAsync(HttpClient http, string key)
    {
        var (antiforgeryCookie, token) = await FormTokenAsync(http, "/signin");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var r = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/", r.Headers.Location!.OriginalString);
        return r.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("sc_session="));
    }

    internal static async Task<(string Cookie, string Token)> FormTokenAsync(HttpClient http, string path, string? cookie = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) get.Headers.Add("Cookie", cookie);
        using var r = await http.SendAsync(get);
        var html = await r.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the form carries an antiforgery token");
        var antiforgery = r.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery"));
        return (antiforgery, token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    static async Task<HttpStatusCode> MintWithCookieAsync(HttpClient http, string cookie)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(new JsonObject { ["query"] = MintAdminKey }.ToJsonString(), Encoding.UTF8, "application/json") };
        req.Headers.Add("Cookie", cookie);
        using var r = await http.SendAsync(req);
        return r.StatusCode;
    }

    [SkippableFact]
    public async Task A_revoked_keys_cookie_gets_401_on_the_next_request_here_and_on_a_second_instance()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var first = await OwnServer.StartAsync(engine);
        var created = await first.Service<ApiKeys>().CreateAsync("cookie-admin", Role.Admin, "test");
        using var http = first.Client();
        var cookie = await SignInAsync(http, created.Key);
        Assert.Equal(HttpStatusCode.OK, await MintWithCookieAsync(http, cookie)); // the session works while the key does

        // A second instance on the same database (a load-balanced pair) and one with a database of its own: the cookie
        // is nothing to either (sessions and key rings are per server and per deployment).
        await using var sameDatabase = await OwnServer.StartAsync(engine, first.Database);
        await using var otherDatabase = await OwnServer.StartAsync(engine);
        using var httpSame = sameDatabase.Client();
        using var httpOther = otherDatabase.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, await MintWithCookieAsync(httpSame, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await MintWithCookieAsync(httpOther, cookie));

        // Revoked the way `keys revoke` does it: straight in the database, not through this server.
        Assert.True(await first.Service<ApiKeys>().RevokeAsync(created.Id, "test"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MintWithCookieAsync(http, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await MintWithCookieAsync(http, cookie)); // and stays refused
        await using var db = first.Service<SupplyChain.Data.SupplyChainDbFactory>().Create();
        Assert.Equal(2, db.ApiKeys.Count()); // the one minted while the key was valid, and no other
    }

    [SkippableFact]
    public async Task Sign_out_ends_the_session_for_a_copied_cookie_too()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine);
        var created = await server.Service<ApiKeys>().CreateAsync("cookie-admin", Role.Admin, "test");
        using var http = server.Client();
        var cookie = await SignInAsync(http, created.Key);
        var copy = cookie;
        var (antiforgery, token) = await FormTokenAsync(http, "/signout", cookie);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/signout") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        signOut.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
        Assert.Equal(HttpStatusCode.Redirect, (await http.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MintWithCookieAsync(http, copy));
    }

    [SkippableFact]
    public async Task Sign_in_and_sign_out_refuse_a_post_without_the_antiforgery_token()
    {
        TestDatabase.SkipUnlessAvailable(engine);
        await using var server = await OwnServer.StartAsync(engine);
        var created = await server.Service<ApiKeys>().CreateAsync("cookie-admin", Role.Admin, "test");
        using var http = server.Client();
        var forged = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = created.Key }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("sc_session=")));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/signout", new FormUrlEncodedContent([]))).StatusCode);
    }
}

public sealed class SessionAttackTests_Sqlite() : SessionAttackTests(Engine.Sqlite);
public sealed class SessionAttackTests_Postgres() : SessionAttackTests(Engine.Postgres);

/// <summary>The key ring is the deployment's own: beside the SQLite file, or where configured; never the account's default.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task The_key_ring_lives_beside_the_database_and_only_its_owner_can_read_it()
    {
        await using var server = await OwnServer.StartAsync();
        var dbFile = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(server.Database.ConnectionString).DataSource;
        var folder = AccessSetup.KeysFolder(server.App.Configuration, server.App.Environment.ContentRootPath);
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(dbFile)), Path.GetDirectoryName(folder));
        using var http = server.Client();
        await http.GetAsync("/signin"); // the antiforgery token needs a key: one is written now
        Assert.NotEmpty(Directory.GetFiles(folder, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }
}
