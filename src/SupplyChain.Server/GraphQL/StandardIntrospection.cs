using GraphQL.Types;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// What graphql-js 16's getIntrospectionQuery asks beyond GraphQL.NET's defaults: `isRepeatable` on directives,
/// `includeDeprecated`/`isDeprecated` on input values (GraphQL.NET has both behind feature switches), and
/// `specifiedByURL` on types, which GraphQL.NET 8 lacks (its issue #2495): we declare no @specifiedBy, so it is null;
/// and `includeDeprecated` on a directive's args, which it also lacks: no directive argument of ours is deprecated, so
/// every argument is listed either way.
/// </summary>
public static class StandardIntrospection
{
    public static void Enable(Schema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
    }

    public static void OnBeforeInitializeType(IGraphType type)
    {
        if (type is global::GraphQL.Introspection.__Type t && !t.HasField("specifiedByURL"))
            t.Field<StringGraphType>("specifiedByURL")
                .Description("A URL to the specification of a custom scalar; null: no scalar here declares one.")
                .Resolve(_ => null);
        if (type is global::GraphQL.Introspection.__Directive d && d.GetField("args") is { } args
            && args.Arguments?.Find("includeDeprecated") is null)
        {
            args.Arguments ??= new QueryArguments();
            args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
        }
    }
}
