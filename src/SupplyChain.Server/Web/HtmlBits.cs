using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web;

/// <summary>Small pieces of markup built with TagBuilder, which encodes every text it is given.</summary>
public static class HtmlBits
{
    /// <summary>An entity's name: a link for brands and sources, plain text (with country) for the rest.</summary>
    /// <summary>Terms a shopper may not know, each linked to its plain explanation on /about.</summary>
    static readonly (string Term, string Anchor)[] JargonTerms =
    [
        ("Withhold Release Order", "wro"), ("BIS Entity List", "entity-list"), ("Entity List", "entity-list"),
        ("UFLPA", "uflpa"), ("labour transfer programme", "labour-transfer"),
    ];

    /// <summary>Text with each jargon term linked to /about (text HTML-encoded; only the links are markup).</summary>
    public static IHtmlContent Jargon(string text)
    {
        var result = new HtmlContentBuilder();
        var rest = text;
        while (rest.Length > 0)
        {
            var hit = JargonTerms.Select(t => (t.Term, t.Anchor, At: rest.IndexOf(t.Term, StringComparison.OrdinalIgnoreCase)))
                .Where(h => h.At >= 0).OrderBy(h => h.At).ThenByDescending(h => h.Term.Length).FirstOrDefault();
            if (hit.Term is null) { result.Append(rest); break; }
            result.Append(rest[..hit.At]);
            var a = new TagBuilder("a");
            a.Attributes["href"] = "/about#" + hit.Anchor;
            a.AddCssClass("jargon");
            a.InnerHtml.Append(rest.Substring(hit.At, hit.Term.Length));
            result.AppendHtml(a);
            rest = rest[(hit.At + hit.Term.Length)..];
        }
        return result;
    }

    public static IHtmlContent Entity(EntityView e, bool withCountry = true)
    {
        TagBuilder tag;
        if (e.Kind == EntityKind.Brand && e.Slug is not null) { tag = new TagBuilder("a"); tag.Attributes["href"] = "/brands/" + Uri.EscapeDataString(e.Slug); }
        else if (e.Kind == EntityKind.Source) { tag = new TagBuilder("a"); tag.Attributes["href"] = $"/sources/{e.Id}"; }
        else tag = new TagBuilder("span");
        tag.AddCssClass("ent");
        tag.InnerHtml.Append(e.Name);
        var result = new HtmlContentBuilder().AppendHtml(tag);
        if (withCountry && !string.IsNullOrEmpty(e.CountryCode)) result.Append($" ({Words.Country(e.CountryCode)})");
        return result;
    }

    /// <summary>
    /// A citation as a page shows it: <c>&lt;cite&gt;&lt;a href="/sources/ID"&gt;Title&lt;/a&gt;&lt;/cite&gt;, Publisher, 11 Mar 2020, p. 5. Via X.</c>
    /// (the parts from the core <see cref="Citation"/>; every text encoded). Callers add their own links after it.
    /// </summary>
    public static IHtmlContent Cite(Citation.Parts p)
    {
        var a = new TagBuilder("a");
        a.Attributes["href"] = $"/sources/{p.SourceId}";
        a.InnerHtml.Append(p.Title);
        var cite = new TagBuilder("cite");
        cite.InnerHtml.AppendHtml(a);
        var result = new HtmlContentBuilder().AppendHtml(cite);
        if (p.Publisher is not null) result.Append(", " + p.Publisher);
        result.Append(", " + p.Date);
        if (p.Where.Length > 0) result.Append(", " + p.Where);
        result.Append(".");
        if (p.Via is not null) result.Append($" Via {p.Via}.");
        return result;
    }

    /// <summary>A link out to an imported address, only when it is a plain web address.</summary>
    public static IHtmlContent External(string? url, string text)
    {
        if (Words.SafeUrl(url) is not { } safe) return HtmlString.Empty;
        var a = new TagBuilder("a");
        a.Attributes["href"] = safe;
        a.Attributes["rel"] = "noopener noreferrer nofollow";
        a.AddCssClass("ext");
        a.InnerHtml.Append(text);
        return a;
    }
}
