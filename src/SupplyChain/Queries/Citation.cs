using System.Text;
using SupplyChain.Domain;

namespace SupplyChain.Queries;

/// <summary>Human citations in one house style: Author, A. et al. (2020) "Title", Publisher, p. 5. URL</summary>
public static class Citation
{
    public static string Format(SourceView s, string? page, string? locator)
    {
        var sb = new StringBuilder();
        var authors = Authors(s.Authors);
        sb.Append(authors ?? s.Publisher ?? "Unknown author");
        sb.Append(PartialDate.YearOf(s.Published) is { } year ? $" ({year}) " : " (n.d.) ");
        sb.Append('"').Append(s.Title).Append('"');
        if (authors is not null && s.Publisher is not null) sb.Append(", ").Append(s.Publisher);
        if (!string.IsNullOrWhiteSpace(s.Version)) sb.Append(", version ").Append(s.Version);
        if (!string.IsNullOrWhiteSpace(page)) sb.Append(", p. ").Append(page);
        if (!string.IsNullOrWhiteSpace(locator)) sb.Append(", ").Append(locator);
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
