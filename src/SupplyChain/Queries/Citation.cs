using System.Text;
using SupplyChain.Domain;

namespace SupplyChain.Queries;

/// <summary>
/// A source cited at a place in it, in every form we give out, from one set of parts: plain text in the house style
/// (Author, A. et al. (2020) "Title", Publisher, p. 5. URL), the parts a page marks up as HTML (<see cref="Of"/>; the
/// server's HtmlBits.Cite), BibTeX, RIS and CSL-JSON (<see cref="Queries.CslJson"/>).
/// </summary>
public static class Citation
{
    /// <summary>What a page shows of a citation, in house order: title (linked to the source), publisher, date as published, where, via.</summary>
    public sealed record Parts(long SourceId, string Title, string? Publisher, string Date, string Where, string? Via);

    public static Parts Of(SourceView s, string? page, string? locator) =>
        new(s.Id, s.Title, s.Publisher, Wording.TimeWords.Date(s.Published), Where(page, locator), string.IsNullOrWhiteSpace(s.Via) ? null : s.Via);

    /// <summary>Where in the source: "p. 5, Table 2"; empty when unknown.</summary>
    public static string Where(string? page, string? locator) =>
        string.Join(", ", new[] { string.IsNullOrWhiteSpace(page) ? null : "p. " + page, string.IsNullOrWhiteSpace(locator) ? null : locator }.Where(x => x is not null));

    /// <summary>The claim as a CSL-JSON item (Zotero, Mendeley, pandoc).</summary>
    public static System.Text.Json.Nodes.JsonObject CslJsonItem(ClaimView c) => CslJson.Item(c);

    public static string Format(SourceView s, string? page, string? locator)
    {
        var sb = new StringBuilder();
        var authors = Authors(s.Authors);
        sb.Append(authors ?? s.Publisher ?? "Unknown author");
        sb.Append(PartialDate.YearOf(s.Published) is { } year ? $" ({year}) " : " (n.d.) ");
        sb.Append('"').Append(s.Title).Append('"');
        if (authors is not null && s.Publisher is not null) sb.Append(", ").Append(s.Publisher);
        if (!string.IsNullOrWhiteSpace(s.Version)) sb.Append(", version ").Append(s.Version);
        if (Where(page, locator) is { Length: > 0 } where) sb.Append(", ").Append(where);
        sb.Append('.');
        if (!string.IsNullOrWhiteSpace(s.Via)) sb.Append(" Via ").Append(s.Via).Append('.');
        if (!string.IsNullOrWhiteSpace(s.Url)) sb.Append(' ').Append(s.Url);
        return sb.ToString();
    }

    /// <summary>"Xu, Vicky Xiuzhong; Cave, Danielle" → "Xu, V. X. et al."</summary>
    static string? Authors(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors)) return null;
        var list = authors.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = list[0];
        var parts = first.Split(',', 2, StringSplitOptions.TrimEntries);
        var name = parts.Length == 2
            ? parts[0] + ", " + string.Join(" ", parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(g => g[0] + "."))
            : first;
        return list.Length switch { 1 => name, 2 => $"{name} and {list[1]}", _ => name + " et al." };
    }

    /// <summary>
    /// A BibTeX entry that LaTeX accepts: the specials of every text field escaped (&amp; % $ # _ { } ~ ^ \), people as
    /// "Family, Given and Family, Given", a corporate author double-braced ({{Radio Free Asia}}) so BibTeX does not split it.
    /// </summary>
    public static string BibTeX(ClaimView c)
    {
        var s = c.Source;
        var key = $"sc{c.Id}";
        var sb = new StringBuilder();
        sb.Append("@misc{").Append(key).Append(",\n");
        void Raw(string k, string? v) { if (!string.IsNullOrWhiteSpace(v)) sb.Append("  ").Append(k).Append(" = {").Append(v).Append("},\n"); }
        void F(string k, string? v) => Raw(k, v is null ? null : TeX(v));
        var people = s.Authors?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        Raw("author", people.Length > 0 ? string.Join(" and ", people.Select(TeX)) : s.Publisher is { } corp ? "{" + TeX(corp) + "}" : null);
        F("title", s.Title);
        F("publisher", s.Publisher);
        var published = PartialDate.Parse(s.Published);
        F("year", published?.YearText);
        F("month", published?.Month?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A URL keeps its characters (the url package reads it verbatim); only braces would break the entry.
        Raw("url", s.Url?.Replace("{", "%7B").Replace("}", "%7D"));
        F("note", string.Join("; ", new[] { c.Page is null ? null : $"p. {c.Page}", c.Locator, c.ExternalId is null ? null : $"claim {c.ExternalId}" }.Where(x => x is not null)));
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>Text safe inside a BibTeX field for LaTeX.</summary>
    public static string TeX(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        // Composed form: pdflatex knows "ç" (U+00E7) but not "c" + a combining cedilla, as some published files write it.
        foreach (var ch in text.Normalize(NormalizationForm.FormC))
            sb.Append(ch switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\textbraceleft{}", '}' => @"\textbraceright{}", // BibTeX counts even escaped braces
                '&' => @"\&", '%' => @"\%", '$' => @"\$", '#' => @"\#", '_' => @"\_",
                '~' => @"\textasciitilde{}", '^' => @"\textasciicircum{}",
                '\n' or '\r' => " ",
                _ => ch.ToString(),
            });
        return sb.ToString();
    }

    public static string Ris(ClaimView c)
    {
        var s = c.Source;
        var sb = new StringBuilder();
        void F(string tag, string? v) { if (!string.IsNullOrWhiteSpace(v)) sb.Append(tag).Append("  - ").Append(v.Replace('\n', ' ')).Append('\n'); }
        F("TY", s.Kind == Domain.SourceKind.NewsArticle ? "NEWS" : "RPRT");
        foreach (var a in s.Authors?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []) F("AU", a);
        F("TI", s.Title);
        F("PB", s.Publisher);
        F("PY", PartialDate.YearOf(s.Published));
        F("DA", RisDate(s.Published));
        F("SP", c.Page);
        F("UR", s.Url);
        F("N1", c.Locator);
        sb.Append("ER  - \n");
        return sb.ToString();
    }

    /// <summary>RIS date as the spec writes it: "YYYY/MM/DD/" with empty parts kept ("2020/07//", "2020///").</summary>
    public static string? RisDate(string? published)
    {
        if (PartialDate.Parse(published) is not { } d) return null;
        return $"{d.YearText}/{d.Month:00}/{d.Day:00}/";
    }
}
