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
        new("Apple Supplier List (February 2018)", "apple-supplier-list-2018",
            "Apple's list of its top 200 suppliers and their facilities in 2017, a 30-page PDF; rows rebuilt from the page text, each cited to its page.",
            "© 2018 Apple Inc. Not bundled or seeded: the copy we hold may be used only as a test fixture. Imported only where an operator supplies Apple's PDF; attributed to Apple Inc."),
        new("Apple supplier lists, editions 2012–2022 (CommonWealth Magazine compilation)", "apple-supplier-list-editions",
            "Every facility on Apple's yearly supplier lists (2012–2018, 2020–2022; none published for 2019), one row per facility per edition, compiled by CommonWealth Magazine (天下雜誌). Not seeded.",
            "The compilation is MIT-licensed (© 2021 cwgrouptw); the facts are Apple Inc.'s published lists. Attributed to Apple Inc. and CommonWealth Magazine."),
        new("US Treasury OFAC SDN list (3 May 2024)", "ofac-sdn",
            "The Specially Designated Nationals list in OFAC's sdn.csv format; entities only (not people, ships or aircraft).",
            "US federal government work, public domain in the US. Attributed to the US Department of the Treasury, OFAC."),
        new("UK Sanctions List (11 August 2025)", "uk-sanctions-list",
            "The UK's consolidated sanctions list, summary spreadsheet (ODS); entities only.",
            "UK government data, Open Government Licence v3.0. Contains public sector information licensed under the Open Government Licence v3.0."),
        new("US DOL List of Goods Produced by Child Labor or Forced Labor", "dol-goods-list",
            "Goods and the countries where the US Department of Labor finds them produced with child or forced labour (2022 list, as of August 2023). Product-category context, not evidence about any company.",
            "US federal government work, public domain in the US. Attributed to the US Department of Labor (ILAB)."),
        new("WikiRate brand owners (Has Brands)", "wikirate-brand-owners",
            "Parent company → brand relationships with their year, from WikiRate (with the Clean Clothes Campaign's Fashion Checker); ownership and licensing are mixed.",
            "CC BY-SA 4.0: © WikiRate contributors and the Clean Clothes Campaign; derived data is shared alike under the same licence."),
    ];

    static string Of(string folder) => Bundled.Single(d => d.Folder == folder).Licence;

    /// <summary>The terms line for one source.</summary>
    public static string For(SourceView s)
    {
        var publisher = s.Publisher ?? "";
        if (publisher.StartsWith("Australian Strategic Policy Institute", StringComparison.OrdinalIgnoreCase) && s.Kind == SourceKind.Report)
            return Of("aspi-uyghurs-for-sale-brands");
        if (s.Kind == SourceKind.SupplierDisclosure && publisher.StartsWith("Nike", StringComparison.OrdinalIgnoreCase)) return Of("nike-factory-list");
        if (s.Kind == SourceKind.BrandRegistry && publisher.Contains("name-suggestion-index", StringComparison.OrdinalIgnoreCase)) return Of("nsi-brand-aliases");
        if (s.Kind == SourceKind.SupplierDisclosure && publisher.Contains("CommonWealth Magazine", StringComparison.OrdinalIgnoreCase)) return Of("apple-supplier-list-editions");
        if (s.Kind == SourceKind.SupplierDisclosure && publisher.StartsWith("Apple", StringComparison.OrdinalIgnoreCase)) return Of("apple-supplier-list-2018");
        if (s.Kind == SourceKind.GovernmentList && publisher.Contains("Office of Foreign Assets Control", StringComparison.OrdinalIgnoreCase)) return Of("ofac-sdn");
        if (s.Kind == SourceKind.GovernmentList && publisher.StartsWith("UK Foreign", StringComparison.OrdinalIgnoreCase)) return Of("uk-sanctions-list");
        if (s.Kind == SourceKind.GovernmentList && publisher.StartsWith("US Department of Labor", StringComparison.OrdinalIgnoreCase)) return Of("dol-goods-list");
        if (s.Kind == SourceKind.Dataset && publisher.StartsWith("WikiRate", StringComparison.OrdinalIgnoreCase)) return Of("wikirate-brand-owners");
        return "We hold the facts this source states, its address and our own short summary; the source's text belongs to its publisher. Read it at the link.";
    }
}
