using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.GraphQL;

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
