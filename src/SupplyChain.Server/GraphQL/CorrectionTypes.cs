using GraphQL.Types;
using SupplyChain.Domain;

namespace SupplyChain.Server.GraphQL;

/// <summary>A submission from the public corrections form, as the researchers' queue shows it (the sender's address hash is not exposed).</summary>
public sealed class CorrectionType : ObjectGraphType<Correction>
{
    public CorrectionType()
    {
        Name = "Correction";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeGraphType>>("receivedAt").Resolve(c => c.Source.ReceivedAt);
        Field<NonNullGraphType<StringGraphType>>("kind").Description("CORRECTION or RIGHT_OF_REPLY.").Resolve(c => Wording.Codes.Of(c.Source.Kind.ToString()));
        Field<NonNullGraphType<StringGraphType>>("page").Resolve(c => c.Source.Page);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
        Field<StringGraphType>("evidenceUrl").Resolve(c => c.Source.EvidenceUrl);
        Field<StringGraphType>("sentBy").Resolve(c => c.Source.SentBy);
    }
}
