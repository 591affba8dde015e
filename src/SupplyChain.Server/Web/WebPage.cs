using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SupplyChain.Server.Web;

/// <summary>Base of every page: security headers that keep imported text inert even if an encoding slip ever happened.</summary>
public abstract class WebPage : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var h = context.HttpContext.Response.Headers;
        h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        h["X-Content-Type-Options"] = "nosniff";
        h["Referrer-Policy"] = "no-referrer";
        base.OnPageHandlerExecuting(context);
    }
}
