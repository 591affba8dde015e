using GraphQL.Validation;
using GraphQLParser.AST;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// Introspection has its own bound. The standard query that tools send (graphql-js getIntrospectionQuery: TypeRef
/// nested 9 levels) is deeper than any data query we allow, yet cheap and fixed in shape: it walks the schema, never
/// the data. So the data depth and cost rule skips the subtrees of __schema and __type (GraphQLLimits.Uncounted), and
/// every operation that selects them meets this rule instead, measured whole (data fields included), so neither
/// introspection nor data slips past both.
/// </summary>
public sealed class IntrospectionLimits : ValidationRuleBase
{
    public const string Code = "INTROSPECTION_LIMIT";
    /// <summary>The standard query is 14 deep (__schema types fields args type + 9 × ofType).</summary>
    public const int MaxDepth = 20;
    /// <summary>Field selections with fragments expanded: the standard query has about 260.</summary>
    public const int MaxFields = 1_000;
    /// <summary>List-valued selections (types, fields, args, ...) with fragments expanded: each walks part of the schema once; the standard query has 14.</summary>
    public const int MaxLists = 40;

    static readonly HashSet<string> RootFields = ["__schema", "__type", "__typename"];
    static readonly HashSet<string> ListFields = ["types", "directives", "fields", "args", "inputFields", "interfaces", "enumValues", "possibleTypes", "locations"];

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is { } op && UsesIntrospection(context.Document, op))
        {
            var (depth, fields, lists) = Measure(context.Document, op.SelectionSet);
            string? why = depth > MaxDepth ? $"nested {depth} levels (at most {MaxDepth})"
                : fields > MaxFields ? $"{fields} fields (at most {MaxFields})"
                : lists > MaxLists ? $"{lists} list fields (at most {MaxLists})" : null;
            if (why is not null)
                context.ReportError(new ValidationError(context.Document.Source, Code, $"This introspection query is too large: {why}. The standard introspection query fits.", op));
        }
        return default;
    }

    public static bool IsIntrospectionRoot(string fieldName) => fieldName is "__schema" or "__type";

    /// <summary>True when a root field the operation selects (through fragments too) is `__schema` or `__type`: the
    /// cost rule skips those subtrees, so this bound applies to every such operation, mixed with data fields or not.</summary>
    public static bool UsesIntrospection(GraphQLDocument document, GraphQLOperationDefinition op)
    {
        var roots = new List<string>();
        CollectRoots(document, op.SelectionSet, roots, new HashSet<string>());
        return roots.Any(IsIntrospectionRoot);
    }

    /// <summary>True when every root field the operation selects (through fragments too) is an introspection field.</summary>
    public static bool IsIntrospectionOnly(GraphQLDocument document, GraphQLOperationDefinition op)
    {
        var roots = new List<string>();
        CollectRoots(document, op.SelectionSet, roots, new HashSet<string>());
        return roots.Count > 0 && roots.Any(r => r != "__typename") && roots.All(RootFields.Contains);
    }

    static void CollectRoots(GraphQLDocument document, GraphQLSelectionSet set, List<string> roots, HashSet<string> seen)
    {
        foreach (var selection in set.Selections)
            switch (selection)
            {
                case GraphQLField f: roots.Add(f.Name.StringValue); break;
                case GraphQLInlineFragment i: CollectRoots(document, i.SelectionSet, roots, seen); break;
                case GraphQLFragmentSpread s when seen.Add(s.FragmentName.Name.StringValue) && Fragment(document, s) is { } def:
                    CollectRoots(document, def.SelectionSet, roots, seen); break;
            }
    }

    /// <summary>Depth, fields and list fields with every fragment expanded where it is used; a fragment cycle counts as too deep.</summary>
    static (int Depth, int Fields, int Lists) Measure(GraphQLDocument document, GraphQLSelectionSet set)
    {
        int fields = 0, lists = 0, deepest = 0;
        void Walk(GraphQLSelectionSet s, int depth, FragmentPath path)
        {
            if (depth > MaxDepth || fields > MaxFields) { deepest = Math.Max(deepest, depth); return; }
            foreach (var selection in s.Selections)
                switch (selection)
                {
                    case GraphQLField f:
                        fields++;
                        if (ListFields.Contains(f.Name.StringValue)) lists++;
                        deepest = Math.Max(deepest, depth);
                        if (f.SelectionSet is { } sub) Walk(sub, depth + 1, path);
                        break;
                    case GraphQLInlineFragment i: Walk(i.SelectionSet, depth, path); break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        if (path.Contains(name)) { deepest = MaxDepth + 1; break; }
                        if (Fragment(document, spread) is { } def) Walk(def.SelectionSet, depth, path.Push(name));
                        break;
                }
        }
        Walk(set, 1, FragmentPath.Empty);
        return (deepest, fields, lists);
    }

    static GraphQLFragmentDefinition? Fragment(GraphQLDocument document, GraphQLFragmentSpread spread) =>
        document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(d => d.FragmentName.Name.Value == spread.FragmentName.Name.Value);

    sealed record FragmentPath(string? Head, FragmentPath? Tail)
    {
        public static readonly FragmentPath Empty = new(null, null);
        public FragmentPath Push(string name) => new(name, this);
        public bool Contains(string name) => Head == name || (Tail?.Contains(name) ?? false);
    }

}
