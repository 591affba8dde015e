using GraphQL;
using GraphQL.Types;
using SupplyChain.Queries;

namespace SupplyChain.Server.GraphQL;

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
