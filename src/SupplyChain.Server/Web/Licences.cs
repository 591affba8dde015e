using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web;

/// <summary>Whose work a source is and on what terms we use it, from the bundled datasets' SOURCE.md notes.</summary>
public static class Licences
{
    public sealed record Dataset(string Name, string Folder, string What, string Licence);

    public static readonly IReadOnlyList<Dataset> Bundled =
    [
        new("ASPI “Uyghurs for sale” brand list", "aspi-uyghurs-for-sale-brands",
            "The 83 company names listed in Xu et al., “Uyghurs for sale” (Australian Strategic Policy Institute, 1 March 2020), as transcribed verbatim on two public web pages.",
            "The report is © ASPI. We hold only the names (facts), with attribution; the hosting pages state no licence."),
        new("Nike manufacturing map export (February 2021)", "nike-factory-list",
            "Nike, Inc.'s published list of 498 factories making its products, with the brands each makes.",
            "Published by Nike, Inc.; no licence stated. Used as published, attributed to Nike, Inc."),
        new("Curated claims and company responses", "curated-evidence",
            "Claims and responses read by hand from published news, NGO, company and government pages; each row keeps its URL and locator.",
            "The facts and addresses are facts; the summaries are written by this project and may be redistributed with it. Each page's own text belongs to its publisher."),
        new("name-suggestion-index brand names", "nsi-brand-aliases",
            "Brand names, other names and Wikidata identifiers for shop categories (apparel, electronics, cars).",
            "BSD 3-Clause (© name-suggestion-index contributors); Wikidata identifiers are CC0."),
    ];

    /// <summary>The terms line for one source.</summary>
    public static string For(SourceView s)
    {
        var publisher = s.Publisher ?? "";
        if (publisher.StartsWith("Australian Strategic Policy Institute", StringComparison.OrdinalIgnoreCase) && s.Kind == SourceKind.Report)
            return Bundled[0].Licence;
        if (s.Kind == SourceKind.SupplierDisclosure && publisher.StartsWith("Nike", StringComparison.OrdinalIgnoreCase)) return Bundled[1].Licence;
        if (s.Kind == SourceKind.BrandRegistry && publisher.Contains("name-suggestion-index", StringComparison.OrdinalIgnoreCase)) return Bundled[3].Licence;
        return "We hold the facts this source states, its address and our own short summary; the source's text belongs to its publisher. Read it at the link.";
    }
}
