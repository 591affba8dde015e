using GraphQL;
using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

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
