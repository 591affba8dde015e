using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using SupplyChain.Access;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.Web.Pages.Access;

/// <summary>
/// Cookie sign-in with an API key. The form carries an antiforgery token (Razor Pages check it on every POST); the
/// cookie names a server-side session; failures count towards the client's failed-authentication limit.
/// </summary>
public sealed class SignInModel(ApiKeys keys, FailedAuthentication failures) : WebPage
{
    public bool Failed { get; private set; }
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet(bool failed = false) => Failed = failed;

    public async Task<IActionResult> OnPostAsync([FromForm] string? key, CancellationToken ct)
    {
        if (failures.IsLocked(HttpContext))
        {
            Response.Headers.RetryAfter = "60";
            return StatusCode(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins: try again in 60 s.");
        }
        var holder = await keys.AuthenticateAsync(key ?? "", ct);
        if (holder is null)
        {
            failures.Record(HttpContext);
            return Redirect("/signin?failed=true");
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ApiKeyAuthentication.Principal(holder, CookieAuthenticationDefaults.AuthenticationScheme));
        return Redirect("/");
    }
}
