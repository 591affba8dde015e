using GraphQL;
using GraphQL.Types;
using SupplyChain.Queries;

namespace SupplyChain.Server.GraphQL;

public sealed class ChangeKindType : EnumerationGraphType<ChangeKind>
{
    public ChangeKindType() { Name = "ChangeKind"; }
}

public sealed class ChangeEventType : ObjectGraphType<ChangeEvent>
{
    public ChangeEventType()
    {
        Name = "ChangeEvent";
        Description = "One change for a mirror to apply. Pass its cursor to changesSince to continue after it.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque and stable: the same cursor always continues at the same place.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<ChangeKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<IdGraphType>("claimId").Resolve(c => c.Source.ClaimId);
        Field<IdGraphType>("responseId").Resolve(c => c.Source.ResponseId);
        Field<EntityKindType>("entityKind").Resolve(c => c.Source.EntityKind);
        Field<IdGraphType>("mergedId").Description("ENTITY_MERGED: the entity that now redirects.").Resolve(c => c.Source.MergedId);
        Field<IdGraphType>("mergedIntoId").Description("ENTITY_MERGED: the entity it redirects to.").Resolve(c => c.Source.MergedIntoId);
        Field<NonNullGraphType<StringGraphType>>("summary").Resolve(c => c.Source.Summary);
        Field<StringGraphType>("reason").Resolve(c => c.Source.Reason);
    }
}

public sealed class ChangePageType : ObjectGraphType<ChangePage>
{
    public ChangePageType()
    {
        Name = "ChangePage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeEventType>>>>("nodes").Resolve(c => c.Source.Items);
        Field<StringGraphType>("endCursor").Description("Pass it as 'cursor' next time; unchanged when nothing new happened.").Resolve(c => c.Source.EndCursor);
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
    }

    /// <summary>changesSince(cursor, first): oldest first; no cursor starts from the beginning.</summary>
    public static void AddTo(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ChangePageType>>("changesSince")
            .Description("The change feed: claims added, retracted and superseded, responses added, entities merged, after 'cursor', oldest first. Also as /changes.jsonl?since=CURSOR.")
            .Argument<StringGraphType>("cursor").Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .ResolveAsync(async c =>
            {
                try
                {
                    return await c.RequestServices!.GetRequiredService<ChangeFeed>().SinceAsync(c.GetArgument<string?>("cursor"), QueryType.Page(c.GetArgument("first", 100)), c.CancellationToken);
                }
                catch (FormatException e) { throw new ExecutionError(e.Message); }
            });
}
