using GraphQL;
using GraphQL.Types;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.GraphQL;

public sealed class PageInfoType : ObjectGraphType<(bool HasNextPage, string? EndCursor)>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>Cursor connections: cursors are opaque ids; items in id order.</summary>
public class ConnectionType<TNode, TItem> : ObjectGraphType<Page<TItem>> where TNode : IGraphType
{
    public ConnectionType(string name)
    {
        Name = name;
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Counted only when asked for: it scans every match.").Resolve(c => c.Source.TotalCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNode>>>>("nodes").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => (c.Source.HasNextPage, Cursor.Encode(c.Source.EndCursor)));
    }
}

public sealed class BrandConnectionType : ConnectionType<BrandType, BrandCard> { public BrandConnectionType() : base("BrandConnection") { } }
public sealed class ClaimConnectionType : ConnectionType<ClaimType, ClaimView> { public ClaimConnectionType() : base("ClaimConnection") { } }
public sealed class SourceConnectionType : ConnectionType<SourceType, SourceView> { public SourceConnectionType() : base("SourceConnection") { } }

public static class Cursor
{
    public static string? Encode(string? id) => id is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("c:" + id));
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("c:") && long.TryParse(text[2..], out var id)) return id;
        }
        catch (FormatException) { }
        throw new ExecutionError($"'{cursor}' is not a cursor this API gave out");
    }
}
