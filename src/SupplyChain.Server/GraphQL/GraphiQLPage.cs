using Microsoft.Net.Http.Headers;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// GraphiQL at /graphql for a browser: a GET that accepts text/html gets wwwroot/graphiql/index.html (built from
/// src/SupplyChain.Server/GraphiQL, committed, served from our origin under the pages' strict CSP). Every other
/// request (JSON clients, POSTs, GETs asking for JSON) goes on to the GraphQL endpoint unchanged.
/// </summary>
public static class GraphiQLPage
{
    const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Use(WebApplication app)
    {
        var page = app.Environment.WebRootFileProvider.GetFileInfo("graphiql/index.html");
        app.Use(async (http, next) =>
        {
            if (!WantsPage(http.Request) || !page.Exists) { await next(http); return; }
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = Csp;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h.CacheControl = "no-cache";
            h.Vary = "Accept";
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.SendFileAsync(page, http.RequestAborted);
        });
    }

    /// <summary>A browser navigating to /graphql (or the page's own path): GET or HEAD, HTML acceptable.</summary>
    static bool WantsPage(HttpRequest r)
    {
        if (!HttpMethods.IsGet(r.Method) && !HttpMethods.IsHead(r.Method)) return false;
        if (r.Path.Equals("/graphiql/index.html", StringComparison.OrdinalIgnoreCase) || r.Path.Equals("/graphiql/", StringComparison.OrdinalIgnoreCase)) return true;
        if (!r.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)) return false;
        return MediaTypeHeaderValue.TryParseList(r.Headers.Accept, out var accepted)
            && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
    }
}
