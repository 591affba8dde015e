using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SupplyChain.Access;
using SupplyChain.Domain;
using Claim = System.Security.Claims.Claim;

namespace SupplyChain.Server.Access;

/// <summary>
/// Who is calling: anonymous readers by default; API clients by `Authorization: Bearer KEY` (or `X-Api-Key`); web
/// users by a cookie obtained at /signin with a key. Roles nest: an admin is also a researcher.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static ClaimsPrincipal Principal(ApiKeys.Holder holder, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, holder.Name), new("key_id", holder.KeyId.ToString()) };
        if (holder.Role >= Role.Researcher) claims.Add(new Claim(ClaimTypes.Role, Researcher));
        if (holder.Role >= Role.Admin) claims.Add(new Claim(ClaimTypes.Role, Admin));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Reads an API key from the request headers; an invalid key is refused outright (401), not downgraded.</summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var presented = http.Request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth[7..] : http.Request.Headers["X-Api-Key"].ToString();
        if (!string.IsNullOrEmpty(presented))
        {
            var holder = await http.RequestServices.GetRequiredService<ApiKeys>().AuthenticateAsync(presented, http.RequestAborted);
            if (holder is null)
            {
                http.Response.StatusCode = 401;
                await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "The API key is unknown or revoked." } } });
                return;
            }
            http.User = Principal(holder, "ApiKey");
        }
        await next(http);
    }

    public static void MapSignIn(WebApplication app)
    {
        app.MapPost("/signin", async (HttpContext http, ApiKeys keys) =>
        {
            var form = await http.Request.ReadFormAsync();
            var holder = await keys.AuthenticateAsync(form["key"].ToString(), http.RequestAborted);
            if (holder is null) return Results.Redirect("/signin?failed=1");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(holder, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Redirect("/");
        }).DisableAntiforgery();
        app.MapGet("/signin", (HttpContext http) => Results.Content($$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · SupplyChain</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main"><h1>Sign in</h1>
            {{(http.Request.Query.ContainsKey("failed") ? "<p role=\"alert\">That key is unknown or revoked.</p>" : "")}}
            <p>Researchers and admins sign in with the API key an admin gave them. Reading needs no sign-in.</p>
            <form method="post" action="/signin"><label for="key">API key</label> <input id="key" name="key" type="password" autocomplete="off" required>
            <button type="submit">Sign in</button></form></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        }).DisableAntiforgery();
    }
}
