using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;

namespace SupplyChain.Server.GraphQL;

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
