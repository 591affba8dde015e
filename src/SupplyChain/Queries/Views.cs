using SupplyChain.Domain;
using SupplyChain.Exposure;

namespace SupplyChain.Queries;

public sealed record SourceView(long Id, string Title, string? Publisher, string? Authors, string? Published, string? Version, string? Url,
    string? ArchivedUrl, string? Sha256, SourceKind Kind, string? Via, long? SupersedesId)
{
    public static SourceView From(Source s) => new(s.Id, s.Title, s.Publisher, s.Authors, s.Published, s.Version, s.Url, s.ArchivedUrl, s.Sha256, s.Kind, s.Via, s.SupersedesId);
}

public sealed record EntityView(EntityKind Kind, long Id, string Name, string? Slug, string? CountryCode)
{
    public EntityRef Ref => new(Kind, Id);
}

public sealed record ClaimView(long Id, EntityView Subject, string? SubjectAsPublished, Predicate Predicate, EntityView Object, string? ObjectAsPublished,
    SourceView Source, string? Page, string? Locator, string? Quote, string? Summary, EvidenceType EvidenceType, Confidence Confidence,
    string? PeriodFrom, string? PeriodTo, ClaimStatus Status, string? StatusReason, DateTime? StatusChangedAt, string? ExternalId, long? ImportBatchId)
{
    public string Citation => Queries.Citation.Format(Source, Page, Locator);
}

public sealed record ResponseView(long Id, EntityView Responder, string ResponderAsPublished, string? AboutAsPublished, IReadOnlyList<EntityView> About,
    IReadOnlyList<EntityView> SpeaksFor, Stance Stance, string? StatementDate, string? Summary, string? Url, SourceView Source, string? Locator, string? ExternalId)
{
    public string Citation => Queries.Citation.Format(Source, null, Locator);
    /// <summary>The date to sort by: the statement's own date, else the date of the page that reported it.</summary>
    public string? Date => StatementDate ?? Source.Published;
}

public sealed record StepView(EntityView From, EntityView To, Predicate Predicate, bool Reversed, Confidence Confidence, IReadOnlyList<ClaimView> Claims);

public sealed record PathView(IReadOnlyList<StepView> Steps, Confidence Strength, bool Ended, string? EndedNote, string? Period,
    IReadOnlyList<ClaimView> EndingClaims, IReadOnlyList<ResponseView> EndingResponses)
{
    /// <summary>The path's time facts (ending, commitments, newest evidence) for <see cref="Wording.TimeWords.ForPath"/>.</summary>
    public required ExposurePath Facts { get; init; }
    public IReadOnlyList<ClaimView> CommitmentClaims { get; init; } = [];
    public IReadOnlyList<ResponseView> CommitmentResponses { get; init; } = [];
    public string Time(DateTime now) => Wording.TimeWords.ForPath(Facts, now);
}

public sealed record CounterView(EntityView StepFrom, EntityView StepTo, IReadOnlyList<ClaimView> Claims, IReadOnlyList<ResponseView> Responses);

public sealed record ExposureView(BrandStatus Status, IReadOnlyList<PathView> Paths, IReadOnlyList<CounterView> Counter);

public sealed record AliasView(string Name, string? Language, string? Script, string Kind);

public sealed record BrandView(long Id, string Name, string Slug, string? Sectors, string? WikidataQid, IReadOnlyList<AliasView> Aliases)
{
    public IReadOnlyList<string> SectorList => Sectors?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, bool HasNextPage, string? EndCursor);

public sealed record ResponseRate(SourceView Source, int BrandsNamed, int BrandsAnswered, IReadOnlyDictionary<Stance, int> ByStance);

public sealed record ClaimChange(DateTime At, string Change, long ClaimId, string Summary, string? Reason);
