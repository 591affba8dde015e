using GraphQL;
using GraphQL.Types;
using SupplyChain.Access;
using SupplyChain.Domain;
using SupplyChain.Live;
using SupplyChain.Resolution;
using SupplyChain.Review;
using SupplyChain.Search;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.GraphQL;

public sealed class MatchDecisionType : EnumerationGraphType<MatchDecision> { public MatchDecisionType() { Name = "MatchDecision"; } }
public sealed class RoleType : EnumerationGraphType<Role> { public RoleType() { Name = "Role"; } }

public sealed class MatchCandidateType : ObjectGraphType<MatchCandidate>
{
    public MatchCandidateType()
    {
        Name = "MatchCandidate";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EntityKindType>>("entityKind").Resolve(c => c.Source.EntityKind);
        Field<NonNullGraphType<IdGraphType>>("incomingId").Resolve(c => c.Source.IncomingId);
        Field(x => x.IncomingName);
        Field<NonNullGraphType<IdGraphType>>("existingId").Resolve(c => c.Source.ExistingId);
        Field(x => x.ExistingName);
        Field(x => x.Score);
        Field(x => x.Rule);
        Field<NonNullGraphType<MatchStatusType>>("status").Resolve(c => c.Source.Status);
        Field(x => x.DecidedBy, nullable: true);
        Field<DateTimeGraphType>("decidedAt").Resolve(c => c.Source.DecidedAt);
        Field(x => x.Note, nullable: true);
    }
}

public sealed class ResponderLinkType : ObjectGraphType<ResponderLinkCandidate>
{
    public ResponderLinkType()
    {
        Name = "ResponderLinkCandidate";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("responseId").Resolve(c => c.Source.ResponseId);
        Field<NonNullGraphType<IdGraphType>>("brandId").Resolve(c => c.Source.BrandId);
        Field(x => x.NameAsPublished);
        Field<NonNullGraphType<MatchStatusType>>("status").Resolve(c => c.Source.Status);
        Field(x => x.DecidedBy, nullable: true);
    }
}

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(x => x.Actor);
        Field(x => x.Action);
        Field(x => x.Target);
        Field(x => x.Before, nullable: true);
        Field(x => x.After, nullable: true);
    }
}

public sealed record NewKey(long Id, string Key, string Prefix, Role Role);

public sealed class NewKeyType : ObjectGraphType<NewKey>
{
    public NewKeyType()
    {
        Name = "NewApiKey";
        Description = "The key is shown this once; only its hash is stored.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(x => x.Key);
        Field(x => x.Prefix);
        Field<NonNullGraphType<RoleType>>("role").Resolve(c => c.Source.Role);
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        ImportJobFields.AddMutation(this);

        Field<NonNullGraphType<MatchCandidateType>>("decideMatch")
            .Description("MERGE: the incoming entity redirects to the existing one and its claims move. REJECT: never proposed again. " +
                "OWNED_BY (brand pairs): the side ownerId names owns the other, recorded as an OWNED_BY claim citing sourceId, or a new " +
                "source made from sourceUrl, sourceTitle and quote; refused without a source (name similarity is not evidence).")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<MatchDecisionType>>("decision").Argument<StringGraphType>("note")
            .Argument<IdGraphType>("ownerId", "OWNED_BY: the side of the pair that owns the other.")
            .Argument<IdGraphType>("sourceId", "OWNED_BY: a source we hold that states the ownership.")
            .Argument<StringGraphType>("sourceUrl", "OWNED_BY, with sourceTitle and quote: a new source stating the ownership.")
            .Argument<StringGraphType>("sourceTitle").Argument<StringGraphType>("quote")
            .AuthorizeWithRoles(ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c =>
            {
                var queue = Service<ReviewQueue>(c);
                var id = c.GetArgument<long>("id");
                var decision = c.GetArgument<MatchDecision>("decision");
                var note = c.GetArgument<string?>("note");
                var result = decision != MatchDecision.OwnedBy
                    ? await Guard(() => queue.DecideAsync(id, decision, Actor(c), note, c.CancellationToken))
                    : await Guard(() => queue.DecideOwnedByAsync(id,
                        c.GetArgument<long?>("ownerId") ?? throw new ReviewException("OWNED_BY needs ownerId: the side of the pair that owns the other"),
                        new OwnershipSource(c.GetArgument<long?>("sourceId"), c.GetArgument<string?>("sourceUrl"), c.GetArgument<string?>("sourceTitle"), c.GetArgument<string?>("quote")),
                        Actor(c), note, c.CancellationToken));
                await Service<DataRefresh>(c).RefreshAsync(ct: c.CancellationToken);
                return result;
            });

        Field<NonNullGraphType<ResponderLinkType>>("decideResponderLink")
            .Description("Confirm (or reject) that a parent company's response speaks for the brand it names in brackets.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<BooleanGraphType>>("confirm")
            .AuthorizeWithRoles(ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c =>
            {
                var link = await Guard(() => Service<ReviewQueue>(c).DecideResponderLinkAsync(c.GetArgument<long>("id"), c.GetArgument<bool>("confirm"), Actor(c), c.CancellationToken));
                await Service<DataRefresh>(c).RefreshAsync(ct: c.CancellationToken);
                return link;
            });

        Field<NonNullGraphType<ClaimType>>("retractClaim")
            .Description("Retract a claim with a reason. It is kept, labelled, and listed in the public change log.")
            .Argument<NonNullGraphType<IdGraphType>>("id").Argument<NonNullGraphType<StringGraphType>>("reason")
            .AuthorizeWithRoles(ApiKeyAuthentication.Admin)
            .ResolveAsync(async c =>
            {
                var claim = await Guard(() => Service<ReviewQueue>(c).RetractAsync(c.GetArgument<long>("id"), c.GetArgument<string>("reason"), Actor(c), c.CancellationToken));
                await Service<DataRefresh>(c).RefreshAsync(ct: c.CancellationToken);
                return await c.Queries().ClaimAsync(claim.Id, c.CancellationToken);
            });

        Field<NonNullGraphType<NewKeyType>>("createApiKey")
            .Argument<NonNullGraphType<StringGraphType>>("name").Argument<NonNullGraphType<RoleType>>("role")
            .AuthorizeWithRoles(ApiKeyAuthentication.Admin)
            .ResolveAsync(async c =>
            {
                var k = await Service<ApiKeys>(c).CreateAsync(c.GetArgument<string>("name"), c.GetArgument<Role>("role"), Actor(c), c.CancellationToken);
                return new NewKey(k.Id, k.Key, k.Prefix, k.Role);
            });

        Field<NonNullGraphType<BooleanGraphType>>("revokeApiKey")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithRoles(ApiKeyAuthentication.Admin)
            .ResolveAsync(async c => await Service<ApiKeys>(c).RevokeAsync(c.GetArgument<long>("id"), Actor(c), c.CancellationToken));
    }

    static T Service<T>(IResolveFieldContext c) where T : notnull => c.RequestServices!.GetRequiredService<T>();

    static string Actor(IResolveFieldContext c) => c.User?.Identity?.Name is { } n ? $"key:{n}" : "anonymous";

    static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try { return await action(); }
        catch (ReviewException e) { throw new ExecutionError(e.Message); }
    }
}
