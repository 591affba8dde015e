using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace SupplyChain.Server.Web.Pages.Access;

/// <summary>Sign-out removes the server-side session, so a copy of the cookie stops working as well.</summary>
public sealed class SignOutModel : WebPage
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }
}
