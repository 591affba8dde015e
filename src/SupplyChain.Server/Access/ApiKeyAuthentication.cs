using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupplyChain.Access;
using SupplyChain.Domain;
using Claim = System.Security.Claims.Claim;

namespace SupplyChain.Server.Access;

/// <summary>
/// Who is calling: anonymous readers by default; API clients by `Authorization: Bearer KEY` (or `X-Api-Key`); web
/// users by a cookie obtained at /signin with a key. Roles nest: an admin is also a researcher. The cookie only names
/// a server-side session (<see cref="CookieSessions"/>), and the key behind it is looked up again on every request, so
/// revoking a key or signing out ends the session at once.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Researcher = "researcher";
    public const string Admin = "admin";
    public const string KeyIdClaim = "key_id";

    public static ClaimsPrincipal Principal(ApiKeys.Holder holder, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, holder.Name), new(KeyIdClaim, holder.KeyId.ToString()) };
        if (holder.Role >= Role.Researcher) claims.Add(new Claim(ClaimTypes.Role, Researcher));
        if (holder.Role >= Role.Admin) claims.Add(new Claim(ClaimTypes.Role, Admin));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.LoginPath = "/signin";
        o.LogoutPath = "/signout";
        o.Cookie.Name = "sc_session";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict; // with JSON-only POSTs to /graphql, a cookie cannot be ridden cross-site
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidateSessionAsync;
        // An API caller with a stale cookie gets 401, not a redirect to a sign-in page.
        o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = 401; return Task.CompletedTask; };
        o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = 403; return Task.CompletedTask; };
    }

    /// <summary>Every request with a session cookie: the key must still exist and be unrevoked; its role is re-read.</summary>
    static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var keys = ctx.HttpContext.RequestServices.GetRequiredService<ApiKeys>();
        var holder = long.TryParse(ctx.Principal?.FindFirst(KeyIdClaim)?.Value, out var id) ? await keys.HolderAsync(id, ctx.HttpContext.RequestAborted) : null;
        if (holder is null)
        {
            ctx.RejectPrincipal();
            // Drops the server-side session and expires the cookie; this request goes on as anonymous, so anything
            // that needs a role answers 401.
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        ctx.ReplacePrincipal(Principal(holder, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Reads an API key from the request headers; an invalid key is refused outright (401), not downgraded.
    /// Repeated failures from one client are throttled before any lookup (<see cref="FailedAuthentication"/>).
    /// </summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var presented = http.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth[7..] : http.Request.Headers["X-Api-Key"].ToString();
        if (!string.IsNullOrEmpty(presented))
        {
            var failures = http.RequestServices.GetRequiredService<FailedAuthentication>();
            if (await failures.RefuseIfLockedAsync(http)) return;
            var holder = await http.RequestServices.GetRequiredService<ApiKeys>().AuthenticateAsync(presented, http.RequestAborted);
            if (holder is null)
            {
                failures.Record(http);
                await RefuseAsync(http, "The API key is unknown or revoked.");
                return;
            }
            http.User = Principal(holder, "ApiKey");
        }
        await next(http);
    }

    static async Task RefuseAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = 401;
        await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message } } });
    }
}
