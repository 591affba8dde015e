using GraphQL.Types;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.GraphQL;

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
