namespace SupplyChain.Domain;

/// <summary>Every imported row remembers the batch that wrote it.</summary>
public abstract class Imported
{
    public long Id { get; set; }
    public long? ImportBatchId { get; set; }
}

/// <summary>An entity that import can create, match and a reviewer can merge (old id then redirects).</summary>
public abstract class ResolvableEntity : Imported
{
    public string Name { get; set; } = "";
    /// <summary>Match key from <see cref="Resolution.NameNormalizer"/>; indexed for exact lookups.</summary>
    public string NameKey { get; set; } = "";
    public long? MergedIntoId { get; set; }
}

public class Brand : ResolvableEntity
{
    public string Slug { get; set; } = "";
    /// <summary>Semicolon-separated sectors, e.g. "apparel;footwear".</summary>
    public string? Sectors { get; set; }
    public string? WikidataQid { get; set; }
    // No owner column: a brand's owners are its live OWNED_BY claims (Exposure/GraphSnapshot), so a retraction or a merge
    // moves them with the evidence.
    public List<BrandAlias> Aliases { get; set; } = [];
}

public class BrandAlias : Imported
{
    public long BrandId { get; set; }
    public string Name { get; set; } = "";
    public string NameKey { get; set; } = "";
    /// <summary>BCP-47 language, e.g. "zh", "en"; null when unknown.</summary>
    public string? Language { get; set; }
    /// <summary>ISO 15924 script, e.g. "Hani", "Latn".</summary>
    public string? Script { get; set; }
    /// <summary>Why this is an alias: "alternate", "store-brand", "native", "transcription", "legal-name".</summary>
    public string Kind { get; set; } = "alternate";
}

public class Company : ResolvableEntity
{
    public string? CountryCode { get; set; }
    public string? WikidataQid { get; set; }
}

public class Facility : ResolvableEntity
{
    public string? NativeName { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? Province { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryCode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>External identifiers, "scheme:value" separated by ';' (e.g. "os:CN2019...;supplier-group:TAEKWANG").</summary>
    public string? Identifiers { get; set; }
}

public class Programme : ResolvableEntity
{
    public ProgrammeKind Kind { get; set; }
    public string? Jurisdiction { get; set; }
    public string? Description { get; set; }
}

public class Source : Imported
{
    public string Title { get; set; } = "";
    public string TitleKey { get; set; } = "";
    public string? Publisher { get; set; }
    /// <summary>Authors as published, separated by ';' ("Xu, Vicky Xiuzhong; Cave, Danielle").</summary>
    public string? Authors { get; set; }
    /// <summary>Date as precise as published: "2020", "2020-07" or "2020-03-01".</summary>
    public string? Published { get; set; }
    public string? Version { get; set; }
    public string? Url { get; set; }
    public string? ArchivedUrl { get; set; }
    public string? Sha256 { get; set; }
    public SourceKind Kind { get; set; }
    /// <summary>Where the page we read was a copy or a report of another outlet's work, the original.</summary>
    public string? Via { get; set; }
    /// <summary>A newer version of the same report points at the one it replaces.</summary>
    public long? SupersedesId { get; set; }
}

/// <summary>One statement linking two entities, never without its source.</summary>
public class Claim : Imported
{
    public EntityKind SubjectKind { get; set; }
    public long SubjectId { get; set; }
    /// <summary>The subject as the source names it ("Qingdao Taekwang Shoes Co. (Laixi)").</summary>
    public string? SubjectAsPublished { get; set; }
    public Predicate Predicate { get; set; }
    public EntityKind ObjectKind { get; set; }
    public long ObjectId { get; set; }
    public string? ObjectAsPublished { get; set; }

    public long SourceId { get; set; }
    public Source? Source { get; set; }
    /// <summary>Page number where the source has pages (PDF): fits a page from a PDF report.</summary>
    public string? LocatorPage { get; set; }
    /// <summary>Section, table, row, paragraph or footnote, as precise as known.</summary>
    public string? Locator { get; set; }
    public string? Quote { get; set; }
    /// <summary>A researcher's own words for what the source states, hedged as the source hedges.</summary>
    public string? Summary { get; set; }
    public EvidenceType EvidenceType { get; set; }
    public Confidence Confidence { get; set; }
    public string? PeriodFrom { get; set; }
    public string? PeriodTo { get; set; }

    public ClaimStatus Status { get; set; } = ClaimStatus.Active;
    public DateTime? StatusChangedAt { get; set; }
    public string? StatusReason { get; set; }

    /// <summary>The id the published file gives the row (e.g. "UFS-001"), for citation and re-import.</summary>
    public string? ExternalId { get; set; }
    /// <summary>Stable hash of subject, predicate, object, source and locator: re-imports find the claim again.</summary>
    public string Fingerprint { get; set; } = "";

    /// <summary>The claim's identity (what <see cref="Fingerprint"/> holds): import and merge both compute it here.</summary>
    public string Identity() =>
        Fingerprints.Of(SubjectKind, SubjectId, Predicate, ObjectKind, ObjectId, SourceId, LocatorPage, Locator, ExternalId);
}

public class CompanyResponse : Imported
{
    public EntityKind ResponderKind { get; set; }
    public long ResponderId { get; set; }
    /// <summary>The responder as the source names it ("Inditex (Zara)").</summary>
    public string ResponderAsPublished { get; set; } = "";
    /// <summary>What the response is about, as published.</summary>
    public string? AboutAsPublished { get; set; }
    public Stance Stance { get; set; }
    public string? StatementDate { get; set; }
    public string? Summary { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public long SourceId { get; set; }
    public Source? Source { get; set; }
    public string? Locator { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>Stable hash of responder, stance, source and locator: re-imports find the response again.</summary>
    public string Fingerprint { get; set; } = "";
    public List<ResponseSubject> Subjects { get; set; } = [];

    /// <summary>The response's identity (what <see cref="Fingerprint"/> holds): import and merge both compute it here.</summary>
    public string Identity() => Fingerprints.Of("response", ResponderKind, ResponderId, Stance, SourceId, Locator, ExternalId);
}

/// <summary>An entity a response speaks about or for, with how we know.</summary>
public class ResponseSubject
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    /// <summary>Stored as "about" or "for" (Data/SupplyChainDb), as it always was.</summary>
    public SubjectRole Role { get; set; } = SubjectRole.About;
    public EntityKind EntityKind { get; set; }
    public long EntityId { get; set; }
    public string NameAsPublished { get; set; } = "";
    /// <summary>The rule that linked it: "exact-name", "ownership-claim", "reviewer".</summary>
    public string Rule { get; set; } = "";
}

public class ImportBatch
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Format { get; set; } = "";
    public string? Manifest { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string ImportedBy { get; set; } = "";
    public long? SourceId { get; set; }
    public int RowsRead { get; set; }
    public int ClaimsAdded { get; set; }
    public int ClaimsRetracted { get; set; }
    public int EntitiesCreated { get; set; }
    public int EntitiesMatched { get; set; }
    public int CandidatesQueued { get; set; }
}

/// <summary>A possible identity between two entities, waiting for (or carrying) a reviewer's decision.</summary>
public class MatchCandidate
{
    public long Id { get; set; }
    public EntityKind EntityKind { get; set; }
    /// <summary>The entity import created for the incoming name.</summary>
    public long IncomingId { get; set; }
    /// <summary>The existing entity it may be.</summary>
    public long ExistingId { get; set; }
    public string IncomingName { get; set; } = "";
    public string ExistingName { get; set; } = "";
    public double Score { get; set; }
    public string Rule { get; set; } = "";
    public MatchStatus Status { get; set; } = MatchStatus.Pending;
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Note { get; set; }
    public long? ImportBatchId { get; set; }
}

/// <summary>A response by a parent naming a brand in brackets, waiting for a reviewer to say it speaks for that brand.</summary>
public class ResponderLinkCandidate
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public long BrandId { get; set; }
    public string NameAsPublished { get; set; } = "";
    public MatchStatus Status { get; set; } = MatchStatus.Pending;
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}
