using SupplyChain.Exposure;

namespace SupplyChain.Wording;

/// <summary>
/// A brand status in every form it is shown: the code (GraphQL, CSV, JSON, exports), the badge label, the sentence
/// beside it and the longer meaning on /about. Written once so no page, export or API says it differently.
/// </summary>
public static class StatusWords
{
    public const string NotACleanBill = "not a clean bill of health";

    public static string Code(BrandStatus s) => s switch
    {
        BrandStatus.Linked => "LINKED",
        BrandStatus.LinkAllegedWeakly => "LINK_ALLEGED_WEAKLY",
        BrandStatus.LinkEnded => "LINK_ENDED",
        BrandStatus.NamedInReport => "NAMED_IN_REPORT",
        BrandStatus.SuppliersKnown => "SUPPLIERS_KNOWN",
        BrandStatus.StatementsOnly => "STATEMENTS_ONLY",
        _ => "NO_EVIDENCE",
    };

    public static string Label(BrandStatus s) => s switch
    {
        BrandStatus.Linked => "Linked",
        BrandStatus.LinkAllegedWeakly => "Link alleged on weak evidence",
        BrandStatus.LinkEnded => "Link reported ended",
        BrandStatus.NamedInReport => "Named in a report",
        BrandStatus.SuppliersKnown => "Suppliers known; no link found yet",
        BrandStatus.StatementsOnly => "Has made statements on Xinjiang",
        _ => "Nothing held yet",
    };

    /// <summary>The sentence beside the badge (GraphQL statusText, /api/brands/search, pages).</summary>
    public static string Sentence(BrandStatus s) => s switch
    {
        BrandStatus.Linked => "Linked: a supplier of this brand is reported to have received transferred Uyghur workers or was listed by a government",
        BrandStatus.LinkAllegedWeakly => "Link alleged on weak evidence: a step of the path rests only on low-confidence sources",
        BrandStatus.LinkEnded => $"Link reported ended: the brand or a source says the link ended; it stays on record as history, {NotACleanBill}",
        BrandStatus.NamedInReport => $"Named in a report for its supply chain; which supplier is not yet in our data. This is {NotACleanBill}",
        BrandStatus.SuppliersKnown => $"Suppliers known; none of them is linked to a programme or list in our data yet. This is {NotACleanBill}",
        BrandStatus.StatementsOnly => $"The brand's own statements discuss Xinjiang or the allegations; no supplier link is in our data yet. This is {NotACleanBill}",
        _ => $"In our database, but no source we hold says anything about it yet. This is {NotACleanBill}",
    };

    /// <summary>What the status means, for /about.</summary>
    public static string Meaning(BrandStatus s) => s switch
    {
        BrandStatus.Linked => "A path brand → supplier (→ owner) → programme or list with no reported end, and no step resting only on low-confidence evidence.",
        BrandStatus.LinkAllegedWeakly => "A path with no reported end, but a step rests only on low-confidence sources (copies, hedged reports).",
        BrandStatus.LinkEnded => "Every path has a reported end: the brand said it left the supplier, or said the transfers there stopped, or a source reports the relationship ended. A promise to end it later is a commitment, not an ending.",
        BrandStatus.NamedInReport => "A report names the brand for its supply chain, but the supplier it names is not yet in our data.",
        BrandStatus.SuppliersKnown => "We hold the brand's suppliers (e.g. its own disclosure), and none of them is linked to a programme or list in our data yet.",
        BrandStatus.StatementsOnly => "We hold the brand's own statements about Xinjiang or the allegations, and no supplier link yet.",
        _ => "We hold the name (e.g. from a brand registry) and no claim or statement about it.",
    };

    /// <summary>Statuses that say a link is on record now.</summary>
    public static bool IsLinked(BrandStatus s) => s is BrandStatus.Linked or BrandStatus.LinkAllegedWeakly;
}
