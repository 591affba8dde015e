using GraphQL.Types;
using SupplyChain.Resolution;

namespace SupplyChain.Server.GraphQL;

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
