using GraphQL.Types;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

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
