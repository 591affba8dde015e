using System.Globalization;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Wording;

namespace SupplyChain.Server.Web;

/// <summary>
/// The careful words the pages use. A page says what a source reports ("linked to", "named in", "reported to have
/// received"), never more: no page says a brand "uses forced labour".
/// </summary>
public static class Words
{
    /// <summary>A short label for a status badge (the core wording module's, as everywhere).</summary>
    public static string StatusLabel(BrandStatus s) => StatusWords.Label(s);

    /// <summary>The sentence that explains a status (the same words the API gives as statusText).</summary>
    public static string StatusText(BrandStatus s) => StatusWords.Sentence(s);

    public static string StatusClass(BrandStatus s) => s switch
    {
        BrandStatus.Linked => "st-linked",
        BrandStatus.LinkAllegedWeakly => "st-weak",
        BrandStatus.LinkEnded => "st-ended",
        BrandStatus.NamedInReport => "st-named",
        BrandStatus.SuppliersKnown => "st-suppliers",
        BrandStatus.StatementsOnly => "st-statements",
        _ => "st-none",
    };

    public static string Confidence(Confidence c) => c switch
    {
        Domain.Confidence.High => "High confidence",
        Domain.Confidence.Medium => "Medium confidence",
        _ => "Low confidence",
    };

    /// <summary>What a confidence grade means (the source's own firmness, not our certainty).</summary>
    public static string ConfidenceMeaning(Confidence c) => c switch
    {
        Domain.Confidence.High => "the source states it as its own finding, or a government acted",
        Domain.Confidence.Medium => "the source reports another's finding",
        _ => "a copy or repost, or the source hedges heavily",
    };

    public static string Stance(Stance s) => s switch
    {
        Domain.Stance.NoReply => "Did not reply",
        Domain.Stance.DeniedLink => "Denied the link",
        Domain.Stance.NoDirectRelationship => "Said it has no direct relationship",
        Domain.Stance.Investigating => "Said it is investigating",
        Domain.Stance.CommittedToExit => "Committed to end the relationship",
        Domain.Stance.ConfirmedExited => "Said it has ended the relationship",
        Domain.Stance.DisputedFact => "Disputed the facts",
        Domain.Stance.PolicyStatementOnly => "Gave a policy statement only",
        Domain.Stance.Acknowledged => "Acknowledged forced labour",
        Domain.Stance.AcknowledgedSupplierSaidStopped => "Acknowledged the supplier; said the transfers stopped",
        Domain.Stance.AcknowledgedTransfers => "Acknowledged the transfers; denied forced labour",
        _ => s.ToString(),
    };

    /// <summary>A claim as a phrase between its subject and object: "sources from", "is owned by".</summary>
    public static string Predicate(Predicate p, bool reversed = false) => p switch
    {
        Domain.Predicate.SourcesFrom => reversed ? "supplies" : "sources from",
        Domain.Predicate.ReceivedTransferredWorkers => "is reported to have received workers transferred under",
        Domain.Predicate.ListedOn => "was placed on",
        Domain.Predicate.NamedIn => "is named in",
        Domain.Predicate.OwnedBy => reversed ? "owns" : "is owned by",
        Domain.Predicate.EndedRelationship => "is reported to have ended its relationship with",
        Domain.Predicate.CommittedToEnd => "committed to end its relationship with",
        _ => "— statement concerning",
    };

    /// <summary>The predicate's name for filters and tables.</summary>
    public static string PredicateName(Predicate p) => p switch
    {
        Domain.Predicate.SourcesFrom => "Sources from",
        Domain.Predicate.ReceivedTransferredWorkers => "Received transferred workers",
        Domain.Predicate.ListedOn => "Listed on",
        Domain.Predicate.NamedIn => "Named in",
        Domain.Predicate.OwnedBy => "Owned by",
        Domain.Predicate.EndedRelationship => "Ended relationship",
        Domain.Predicate.CommittedToEnd => "Committed to end relationship",
        _ => "Other statement (denial, action)",
    };

    /// <summary>A review decision as the review page reports it.</summary>
    public static string MatchStatus(MatchStatus s) => s switch
    {
        Domain.MatchStatus.Merged => "merged into the existing entity",
        Domain.MatchStatus.Rejected => "kept as two entities",
        Domain.MatchStatus.OwnedBy => "recorded as owned by, with an OWNED_BY claim citing the source",
        Domain.MatchStatus.Confirmed => "confirmed",
        _ => "pending",
    };

    public static string ClaimStatus(ClaimStatus s) => s switch
    {
        Domain.ClaimStatus.Active => "Active (not retracted)",
        Domain.ClaimStatus.Disputed => "Disputed",
        Domain.ClaimStatus.Retracted => "Retracted",
        Domain.ClaimStatus.Superseded => "Superseded by a newer version of the source",
        _ => "Proposed (not yet reviewed; not evidence)",
    };

    public static string EvidenceType(EvidenceType e) => e switch
    {
        Domain.EvidenceType.NewsInvestigation => "News investigation",
        Domain.EvidenceType.NgoReport => "NGO or research report",
        Domain.EvidenceType.GovernmentAction => "Government action",
        Domain.EvidenceType.CompanyStatement => "Company statement",
        Domain.EvidenceType.CompanyDisclosure => "Company disclosure",
        Domain.EvidenceType.Aggregator => "Aggregator",
        Domain.EvidenceType.AcademicStudy => "Academic study",
        _ => "Other",
    };

    public static string SourceKind(SourceKind k) => k switch
    {
        Domain.SourceKind.Report => "Report",
        Domain.SourceKind.SupplierDisclosure => "Supplier disclosure",
        Domain.SourceKind.GovernmentList => "Government list or notice",
        Domain.SourceKind.NewsArticle => "News article",
        Domain.SourceKind.CompanyStatement => "Company statement",
        Domain.SourceKind.Dataset => "Dataset",
        Domain.SourceKind.BrandRegistry => "Brand registry",
        _ => "Other",
    };

    public static string EntityKind(EntityKind k) => k switch
    {
        Domain.EntityKind.Facility => "factory",
        Domain.EntityKind.Company => "company",
        Domain.EntityKind.Programme => "programme or list",
        Domain.EntityKind.Source => "source",
        _ => "brand",
    };

    public static string Plural(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n:N0} {many ?? one + "s"}";

    /// <summary>"2020-03-11" → "11 Mar 2020"; dates are shown as precisely as published.</summary>
    public static string Date(string? date) => TimeWords.Date(date);

    /// <summary>How old a published date is, in plain words ("6 years old").</summary>
    public static string Age(string? date, DateTime now) => TimeWords.Age(date, now);

    /// <summary>Imported links are shown only when they are plain web addresses: never javascript: or data: URLs.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u.AbsoluteUri : null;

    public static string Country(string? code) => Resolution.CountryCodes.EnglishName(code) ?? code ?? "";

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Where in the source: "p. 5, para 3".</summary>
    public static string Locator(string? page, string? locator) => Citation.Where(page, locator);

    public static string Truncate(string? text, int max) =>
        text is null ? "" : text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
