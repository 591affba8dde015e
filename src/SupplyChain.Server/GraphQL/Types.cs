using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

static class Resolve
{
    public static EvidenceQueries Queries(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<EvidenceQueries>();
    public static BrandSearch Search(this IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<BrandSearch>();

    /// <summary>The index one request reads, pinned on first use, with the snapshot it carries: every field sees the same view.</summary>
    public static Task<BrandIndex> Index(this IResolveFieldContext ctx) => ctx.Once("index", () => Task.FromResult(ctx.Search().Index));
    public static async Task<GraphSnapshot> Snapshot(this IResolveFieldContext ctx) => GraphSnapshot.Of(await ctx.Index());

    /// <summary>
    /// One load per request for data several fields read (a brand's claims, a source's coverage): the first field to
    /// ask starts it, the others await the same task. Outside our endpoint (no shared request context) it just loads.
    /// </summary>
    public static Task<T> Once<T>(this IResolveFieldContext ctx, string key, Func<Task<T>> load) =>
        ctx.UserContext is System.Collections.Concurrent.ConcurrentDictionary<string, object?> shared
            ? (Task<T>)shared.GetOrAdd(key, _ => load())!
            : load();

    public static Task<IReadOnlyList<ClaimView>> BrandClaims(this IResolveFieldContext<BrandCard> c) =>
        c.Once($"claims:brand:{c.Source.Id}", () => c.Queries().ClaimsAboutAsync(EntityKind.Brand, c.Source.Id, ct: c.CancellationToken));
}

public sealed class BrandHitType : ObjectGraphType<BrandHit>
{
    public BrandHitType()
    {
        Name = "BrandHit";
        Field<NonNullGraphType<BrandType>>("brand").Resolve(c => c.Source.Brand);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("0 to 1; FUZZY hits score at most 0.6.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("matchedName").Description("The name, alias or owner name the query matched.").Resolve(c => c.Source.MatchedName);
        Field<NonNullGraphType<MatchKindType>>("matchKind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<BooleanGraphType>>("weak").Description("A typo-tolerant match: show it labelled, with the matched name.").Resolve(c => c.Source.IsWeak);
    }
}

/// <summary>A brand. Search fields come from the in-memory index; evidence fields load on demand.</summary>
public sealed class BrandType : ObjectGraphType<BrandCard>
{
    public BrandType()
    {
        Name = "Brand";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("slug").Resolve(c => c.Source.Slug);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("sectors")
            .Resolve(c => c.Source.Sectors?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? []);
        Field<NonNullGraphType<BrandStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<StringGraphType>>("statusText").Description("The status in the careful words a page shows.").Resolve(c => Wording.StatusWords.Sentence(c.Source.Status));
        Field<NonNullGraphType<IntGraphType>>("claimCount").Resolve(c => c.Source.ClaimCount);
        Field<NonNullGraphType<IntGraphType>>("sourceCount").Resolve(c => c.Source.SourceCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AliasType>>>>("aliases")
            .ResolveAsync(async c => (await c.Queries().BrandByIdAsync(c.Source.Id, c.CancellationToken))?.Aliases ?? []);
        Field<CompanyType>("owner").Description("The company most ownership claims name (see owners and ownershipClaims for every one).")
            .ResolveAsync(async c => (await c.Snapshot()).OwnersOf(c.Source.Id).Select(o => new CompanyRef(o.CompanyId, o.Name)).FirstOrDefault());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompanyType>>>>("owners")
            .Description("Every company a live ownership claim names, most-cited first (a source may list a licensee as an owner).")
            .ResolveAsync(async c => (await c.Snapshot()).OwnersOf(c.Source.Id).Select(o => new CompanyRef(o.CompanyId, o.Name)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("ownershipClaims")
            .Description("The claims that say who owns this brand, each with its citation.")
            .ResolveAsync(async c => (await c.BrandClaims())
                .Where(x => x.Predicate == Predicate.OwnedBy && x.Subject.Kind == EntityKind.Brand && x.Subject.Id == c.Source.Id).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims")
            .Argument<PredicateType>("predicate")
            .Description("Claims about this brand with full citations, retracted ones included and labelled.")
            .ResolveAsync(async c =>
            {
                var all = await c.BrandClaims();
                var p = c.GetArgument<Predicate?>("predicate");
                return p is null ? all : all.Where(x => x.Predicate == p).ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityType>>>>("facilities")
            .Description("Suppliers this brand sources from, per our claims.")
            .ResolveAsync(async c => (await c.BrandClaims())
                .Where(x => x.Predicate == Predicate.SourcesFrom && x.Subject.Id == c.Source.Id && x.Status != ClaimStatus.Retracted)
                .Select(x => x.Object).DistinctBy(o => (o.Kind, o.Id)).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityType>>>>("programmes")
            .Description("Programmes and lists this brand's exposure paths reach.")
            .ResolveAsync(async c => (await Exposure(c)).Paths.Select(p => p.Steps[^1].To).DistinctBy(o => o.Id).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExposurePathType>>>>("exposure")
            .ResolveAsync(async c => (await Exposure(c)).Paths);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CounterEvidenceType>>>>("counterEvidence")
            .Description("Denials and disputes, placed beside the step they answer.")
            .ResolveAsync(async c => (await Exposure(c)).Counter);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseType>>>>("responses")
            .Description("The brand's answers, its owner's, and a parent's that speak for it, in date order.")
            .ResolveAsync(async c => await c.Queries().ResponsesForBrandAsync(await c.Snapshot(), c.Source.Id, c.CancellationToken));
        Field<StringGraphType>("newestEvidence").Description("Publication date of the newest source behind this brand's claims.")
            .ResolveAsync(async c => (await c.BrandClaims())
                .Select(x => x.Source.Published).Where(d => d is not null).Max());
        EditionFields.Add(this); // supplier lists across editions, DOL goods context (Editions/)
    }

    static async Task<ExposureView> Exposure(IResolveFieldContext<BrandCard> c) =>
        await c.Queries().ExposureAsync(await c.Snapshot(), c.Source.Id, c.CancellationToken);
}

public sealed record CompanyRef(long Id, string Name);

public sealed class CompanyType : ObjectGraphType<CompanyRef>
{
    public CompanyType()
    {
        Name = "Company";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BrandType>>>>("brands").Description("Brands this company owns, per ownership claims.")
            .ResolveAsync(async c =>
            {
                var index = await c.Index();
                return GraphSnapshot.Of(index).BrandsOf(c.Source.Id).Select(index.ById).OfType<BrandCard>().OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ToList();
            });
    }
}

public sealed class AliasType : ObjectGraphType<AliasView>
{
    public AliasType()
    {
        Name = "Alias";
        Field(x => x.Name);
        Field(x => x.Language, nullable: true).Description("BCP-47 language, e.g. zh.");
        Field(x => x.Script, nullable: true).Description("ISO 15924 script, e.g. Hani.");
        Field(x => x.Kind);
    }
}

public sealed class EntityType : ObjectGraphType<EntityView>
{
    public EntityType()
    {
        Name = "Entity";
        Description = "A brand, company, facility, programme or list, or a source named as an object.";
        Field<NonNullGraphType<EntityKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(x => x.Name);
        Field(x => x.Slug, nullable: true);
        Field(x => x.CountryCode, nullable: true);
    }
}

public sealed class SourceType : ObjectGraphType<SourceView>
{
    static Task<(int Brands, int Facilities, int Claims)> Coverage(IResolveFieldContext<SourceView> c) =>
        c.Once($"coverage:{c.Source.Id}", () => c.Queries().CoverageAsync(c.Source.Id, c.CancellationToken));

    public SourceType()
    {
        Name = "Source";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(x => x.Title);
        Field(x => x.Publisher, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("authors")
            .Resolve(c => c.Source.Authors?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
        Field(x => x.Published, nullable: true).Description("As precise as published: 2020, 2020-07 or 2020-03-01.");
        Field(x => x.Version, nullable: true);
        Field(x => x.Url, nullable: true);
        Field(x => x.ArchivedUrl, nullable: true);
        Field(x => x.Sha256, nullable: true).Description("SHA-256 of the file we imported, when we imported one.");
        Field(x => x.Via, nullable: true).Description("The original, where the page we read reported another outlet's work.");
        Field<NonNullGraphType<SourceKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<IdGraphType>("supersedes").Resolve(c => c.Source.SupersedesId);
        Field<NonNullGraphType<StringGraphType>>("citation").Resolve(c => Citation.Format(c.Source, null, null));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceType>>>>("versions")
            .ResolveAsync(async c => await c.Queries().SourceVersionsAsync(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("brandCount").ResolveAsync(async c => (await Coverage(c)).Brands);
        Field<NonNullGraphType<IntGraphType>>("facilityCount").ResolveAsync(async c => (await Coverage(c)).Facilities);
        Field<NonNullGraphType<IntGraphType>>("claimCount").ResolveAsync(async c => (await Coverage(c)).Claims);
    }
}

public sealed class ClaimType : ObjectGraphType<ClaimView>
{
    public ClaimType()
    {
        Name = "Claim";
        Description = "One statement linking two entities, with its source and where in the source it stands.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EntityType>>("subject").Resolve(c => c.Source.Subject);
        Field(x => x.SubjectAsPublished, nullable: true).Description("The subject as the source names it.");
        Field<NonNullGraphType<PredicateType>>("predicate").Resolve(c => c.Source.Predicate);
        Field<NonNullGraphType<EntityType>>("object").Resolve(c => c.Source.Object);
        Field(x => x.ObjectAsPublished, nullable: true);
        Field<NonNullGraphType<SourceType>>("source").Resolve(c => c.Source.Source);
        Field(x => x.Page, nullable: true).Description("Page number, where the source has pages.");
        Field(x => x.Locator, nullable: true).Description("Section, table, row, paragraph or footnote.");
        Field(x => x.Quote, nullable: true);
        Field(x => x.Summary, nullable: true).Description("A researcher's own words for what the source states.");
        Field<NonNullGraphType<EvidenceTypeType>>("evidenceType").Resolve(c => c.Source.EvidenceType);
        Field<NonNullGraphType<ConfidenceType>>("confidence").Resolve(c => c.Source.Confidence);
        Field(x => x.PeriodFrom, nullable: true);
        Field(x => x.PeriodTo, nullable: true);
        Field<NonNullGraphType<ClaimStatusType>>("status").Resolve(c => c.Source.Status);
        Field(x => x.StatusReason, nullable: true);
        Field<DateTimeGraphType>("statusChangedAt").Resolve(c => c.Source.StatusChangedAt);
        Field(x => x.ExternalId, nullable: true).Description("The id the published file gives the row.");
        Field<IdGraphType>("importBatch").Resolve(c => c.Source.ImportBatchId);
        Field<NonNullGraphType<StringGraphType>>("citation").Description("Ready-made human citation.").Resolve(c => c.Source.Citation);
    }
}

public sealed class ResponseType : ObjectGraphType<ResponseView>
{
    public ResponseType()
    {
        Name = "CompanyResponse";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EntityType>>("responder").Resolve(c => c.Source.Responder);
        Field(x => x.ResponderAsPublished);
        Field(x => x.AboutAsPublished, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityType>>>>("about").Resolve(c => c.Source.About);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityType>>>>("speaksFor").Resolve(c => c.Source.SpeaksFor);
        Field<NonNullGraphType<StanceType>>("stance").Resolve(c => c.Source.Stance);
        Field(x => x.StatementDate, nullable: true);
        Field(x => x.Date, nullable: true).Description("The statement's date, else the reporting page's.");
        Field(x => x.Summary, nullable: true);
        Field(x => x.Url, nullable: true);
        Field<NonNullGraphType<SourceType>>("source").Resolve(c => c.Source.Source);
        Field(x => x.Locator, nullable: true);
        Field(x => x.ExternalId, nullable: true);
        Field<NonNullGraphType<StringGraphType>>("citation").Resolve(c => c.Source.Citation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("answers")
            .Description("The claims this response answers: its responder's links to what it is about, and the claims about those suppliers.")
            .ResolveAsync(async c => await c.Queries().ClaimsAnsweredAsync(c.Source.Id, c.CancellationToken));
    }
}

public sealed class ExposureStepType : ObjectGraphType<StepView>
{
    public ExposureStepType()
    {
        Name = "ExposureStep";
        Field<NonNullGraphType<EntityType>>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<EntityType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<PredicateType>>("predicate").Resolve(c => c.Source.Predicate);
        Field<NonNullGraphType<BooleanGraphType>>("reversed").Description("True when the claim runs from `to` to `from` (e.g. `to` is owned by `from`).").Resolve(c => c.Source.Reversed);
        Field<NonNullGraphType<ConfidenceType>>("confidence").Resolve(c => c.Source.Confidence);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims").Resolve(c => c.Source.Claims);
    }
}

public sealed class ExposurePathType : ObjectGraphType<PathView>
{
    public ExposurePathType()
    {
        Name = "ExposurePath";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExposureStepType>>>>("steps").Resolve(c => c.Source.Steps);
        Field<NonNullGraphType<ConfidenceType>>("strength").Description("The weakest step's confidence.").Resolve(c => c.Source.Strength);
        Field<NonNullGraphType<BooleanGraphType>>("ended").Resolve(c => c.Source.Ended);
        Field(x => x.EndedNote, nullable: true);
        Field(x => x.Period, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("endingClaims").Resolve(c => c.Source.EndingClaims);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseType>>>>("endingResponses").Resolve(c => c.Source.EndingResponses);
    }
}

public sealed class CounterEvidenceType : ObjectGraphType<CounterView>
{
    public CounterEvidenceType()
    {
        Name = "CounterEvidence";
        Field<NonNullGraphType<EntityType>>("stepFrom").Resolve(c => c.Source.StepFrom);
        Field<NonNullGraphType<EntityType>>("stepTo").Resolve(c => c.Source.StepTo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims").Resolve(c => c.Source.Claims);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResponseType>>>>("responses").Resolve(c => c.Source.Responses);
    }
}

public sealed record StanceCount(Stance Stance, int Count);

public sealed class ResponseRateType : ObjectGraphType<ResponseRate>
{
    public ResponseRateType()
    {
        Name = "ResponseRate";
        Field<NonNullGraphType<SourceType>>("source").Resolve(c => c.Source.Source);
        Field(x => x.BrandsNamed);
        Field(x => x.BrandsAnswered);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StanceCountType>>>>("byStance")
            .Resolve(c => c.Source.ByStance.OrderBy(kv => kv.Key).Select(kv => new StanceCount(kv.Key, kv.Value)).ToList());
    }
}

public sealed class StanceCountType : ObjectGraphType<StanceCount>
{
    public StanceCountType()
    {
        Name = "StanceCount";
        Field<NonNullGraphType<StanceType>>("stance").Resolve(c => c.Source.Stance);
        Field(x => x.Count);
    }
}

public sealed class PageInfoType : ObjectGraphType<(bool HasNextPage, string? EndCursor)>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>Cursor connections: cursors are opaque ids; items in id order.</summary>
public class ConnectionType<TNode, TItem> : ObjectGraphType<Page<TItem>> where TNode : IGraphType
{
    public ConnectionType(string name)
    {
        Name = name;
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Counted only when asked for: it scans every match.").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNode>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => (c.Source.HasNextPage, Cursor.Encode(c.Source.EndCursor)));
    }
}

public sealed class BrandConnectionType : ConnectionType<BrandType, BrandCard> { public BrandConnectionType() : base("BrandConnection") { } }
public sealed class ClaimConnectionType : ConnectionType<ClaimType, ClaimView> { public ClaimConnectionType() : base("ClaimConnection") { } }
public sealed class SourceConnectionType : ConnectionType<SourceType, SourceView> { public SourceConnectionType() : base("SourceConnection") { } }

public static class Cursor
{
    public static string? Encode(string? id) => id is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("c:" + id));
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("c:") && long.TryParse(text[2..], out var id)) return id;
        }
        catch (FormatException) { }
        throw new ExecutionError($"'{cursor}' is not a cursor this API gave out");
    }
}

/// <summary>A screened name's match: the same shape for facilities and brands, named for what it matches.</summary>
public abstract class EntityMatchType : ObjectGraphType<EntityMatch>
{
    protected EntityMatchType(string name, string entityField)
    {
        Name = name;
        Field<NonNullGraphType<EntityType>>(entityField).Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<FloatGraphType>>("score").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<MatchVerdictType>>("verdict").Resolve(c => c.Source.Verdict);
        Field<NonNullGraphType<StringGraphType>>("rule").Resolve(c => c.Source.Rule);
    }
}

public sealed class FacilityMatchType() : EntityMatchType("FacilityMatch", "facility");
public sealed class BrandMatchType() : EntityMatchType("BrandMatch", "brand");

public sealed class ChangeType : ObjectGraphType<ClaimChange>
{
    public ChangeType()
    {
        Name = "ClaimChange";
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(x => x.Change).Description("ADDED or RETRACTED.");
        Field<NonNullGraphType<IdGraphType>>("claimId").Resolve(c => c.Source.ClaimId);
        Field(x => x.Summary);
        Field(x => x.Reason, nullable: true);
    }
}
