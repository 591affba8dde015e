using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// GraphQL.NET ships with no limits; these are ours, checked on every request before any validation rule runs:
/// first the document's shape (counts of fragments, selections, directives, variables), then its cost and depth for
/// this request's variables. Cost and depth are computed with each fragment costed once (memoised), so a document
/// whose fragments each spread the next one twice costs linear time to analyse, not exponential. List fields weigh
/// by their page size ('first'/'last').
/// </summary>
public sealed class GraphQLLimits
{
    public int MaxDepth { get; init; } = 12;
    public int MaxComplexity { get; init; } = 20_000;
    /// <summary>One deadline for parse, validation and execution (client disconnect and shutdown cancel it too).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxFragments { get; init; } = 100;
    /// <summary>Fields, fragment spreads and inline fragments in the whole document.</summary>
    public int MaxSelections { get; init; } = 2_000;
    public int MaxDirectives { get; init; } = 100;
    public int MaxVariables { get; init; } = 100;
    /// <summary>Errors beyond this many are summarised in one line.</summary>
    public int MaxErrors { get; init; } = 50;
    /// <summary>A response that grows past this is cut off (the connection is aborted).</summary>
    public long MaxResponseBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The multiplier a list field without 'first' is assumed to return.</summary>
    const double DefaultListMultiplier = 10;

    static readonly RoleAuthorizationRule Authorization = new();

    public static GraphQLLimits From(IConfiguration config) => new()
    {
        MaxResponseBytes = config.GetValue("GraphQL:MaxResponseBytes", 16L * 1024 * 1024),
        Timeout = TimeSpan.FromSeconds(config.GetValue("GraphQL:TimeoutSeconds", 10.0)),
    };

    // ---- Shape: cheap counts over the syntax tree, so no later pass sees a pathological document. ----

    /// <summary>
    /// Before parsing: every directive starts with '@', so a text with far more '@' than the directive limit allows
    /// (strings may hold a few) is refused without building its syntax tree.
    /// </summary>
    public string? CheckText(string query) =>
        query.AsSpan().Count('@') > 4 * MaxDirectives ? $"The document has more than {MaxDirectives} directives." : null;

    /// <summary>Null when the document is within the counts; otherwise why not.</summary>
    public string? CheckShape(GraphQLDocument document, Inputs? variables)
    {
        if (CheckVariableCount(variables) is { } tooMany) return tooMany;
        int fragments = 0, selections = 0, directives = 0, variableDefinitions = 0;
        var stack = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLFragmentDefinition f:
                    fragments++;
                    directives += f.Directives?.Count ?? 0;
                    stack.Push(f.SelectionSet);
                    break;
                case GraphQLOperationDefinition o:
                    directives += o.Directives?.Count ?? 0;
                    variableDefinitions += o.Variables?.Count ?? 0;
                    stack.Push(o.SelectionSet);
                    break;
            }
        }
        if (fragments > MaxFragments) return $"The document defines {fragments} fragments; the limit is {MaxFragments}.";
        if (variableDefinitions > MaxVariables) return $"The document declares {variableDefinitions} variables; the limit is {MaxVariables}.";
        while (stack.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                if (++selections > MaxSelections) return $"The document has more than {MaxSelections} selections.";
                switch (selection)
                {
                    case GraphQLField f:
                        directives += f.Directives?.Count ?? 0;
                        if (f.SelectionSet is not null) stack.Push(f.SelectionSet);
                        break;
                    case GraphQLInlineFragment i:
                        directives += i.Directives?.Count ?? 0;
                        stack.Push(i.SelectionSet);
                        break;
                    case GraphQLFragmentSpread s:
                        directives += s.Directives?.Count ?? 0;
                        break;
                }
                if (directives > MaxDirectives) return $"The document has more than {MaxDirectives} directives.";
            }
        }
        return directives > MaxDirectives ? $"The document has more than {MaxDirectives} directives." : null;
    }

    /// <summary>The one count that reads the request rather than the document.</summary>
    public string? CheckVariableCount(Inputs? variables) =>
        variables?.Count > MaxVariables ? $"The request has {variables.Count} variables; the limit is {MaxVariables}." : null;

    // ---- Cost and depth: every operation and every fragment of the document, for this request's variables. ----

    public readonly record struct Cost(double Complexity, int Depth);

    /// <summary>
    /// Fields whose whole subtree the cost and depth rules skip: introspection (`__schema`, `__type`), fixed in shape and
    /// bounded by <see cref="IntrospectionLimits"/> in every operation that uses it, so tools' standard query fits.
    /// </summary>
    static bool Uncounted(GraphQLField field) => IntrospectionLimits.IsIntrospectionRoot(field.Name.StringValue);

    /// <summary>Null when every operation and fragment is within depth and complexity; otherwise why not.</summary>
    public string? CheckCost(GraphQLDocument document, Inputs? variables, ISchema schema, CancellationToken ct)
    {
        var analysis = new CostAnalysis(document, variables, schema, ct);
        foreach (var definition in document.Definitions)
        {
            Cost cost;
            switch (definition)
            {
                case GraphQLOperationDefinition o:
                    cost = analysis.Operation(o);
                    break;
                // A fragment on an introspection type (`on __Type`) can only be spread inside introspection, which
                // IntrospectionLimits bounds; validation refuses it anywhere else, and an unused one.
                case GraphQLFragmentDefinition f when f.TypeCondition.Type.Name.StringValue.StartsWith("__", StringComparison.Ordinal):
                    continue;
                case GraphQLFragmentDefinition f:
                    cost = analysis.Fragment(f.FragmentName.Name.StringValue, null);
                    break;
                default: continue;
            }
            if (analysis.Error is not null) return analysis.Error;
            if (cost.Depth > MaxDepth) return $"The query is too deep: depth {cost.Depth} exceeds the limit of {MaxDepth}.";
            if (cost.Complexity > MaxComplexity)
                return $"The query is too complex: complexity {(double.IsFinite(cost.Complexity) ? cost.Complexity.ToString("0", CultureInfo.InvariantCulture) : "beyond measure")} exceeds the limit of {MaxComplexity}.";
        }
        return null;
    }

    /// <summary>The cost of one operation for one set of variables (tests compare it with a naive expansion).</summary>
    public static Cost Measure(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables, ISchema schema) =>
        new CostAnalysis(document, variables, schema, CancellationToken.None).Operation(operation);

    /// <summary>
    /// A field costs 1 plus its children times its multiplier: a list's 'first'/'last' (at least 1), 1 for an 'id'
    /// argument, the 'first' of a connection above it, or 10. A fragment's cost per unit is computed once per
    /// (fragment, inherited 'first') and reused, so analysis is linear in the document's size.
    /// </summary>
    sealed class CostAnalysis
    {
        readonly Dictionary<string, GraphQLFragmentDefinition> fragments = new(StringComparer.Ordinal);
        readonly Dictionary<(string, double?), Cost> memo = [];
        readonly HashSet<string> inProgress = new(StringComparer.Ordinal);
        readonly Inputs? variables;
        readonly ISchema schema;
        readonly CancellationToken ct;
        readonly Dictionary<string, GraphQLValue?> variableDefaults = new(StringComparer.Ordinal);
        public string? Error { get; private set; }

        public CostAnalysis(GraphQLDocument document, Inputs? variables, ISchema schema, CancellationToken ct)
        {
            this.variables = variables;
            this.schema = schema;
            this.ct = ct;
            foreach (var d in document.Definitions)
                if (d is GraphQLFragmentDefinition f) fragments.TryAdd(f.FragmentName.Name.StringValue, f);
        }

        public Cost Operation(GraphQLOperationDefinition operation)
        {
            variableDefaults.Clear();
            foreach (var v in operation.Variables?.Items ?? []) variableDefaults[v.Variable.Name.StringValue] = v.DefaultValue;
            IGraphType? root = operation.Operation switch
            {
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => schema.Query,
            };
            memo.Clear(); // defaults differ per operation
            return Selections(operation.SelectionSet, root, null);
        }

        public Cost Fragment(string name, double? inheritedFirst)
        {
            if (memo.TryGetValue((name, inheritedFirst), out var known)) return known;
            if (!fragments.TryGetValue(name, out var definition)) return default; // the core rules report unknown fragments
            if (!inProgress.Add(name)) { Error ??= $"Fragment '{name}' spreads itself."; return default; }
            var cost = Selections(definition.SelectionSet, schema.AllTypes[definition.TypeCondition.Type.Name.StringValue], inheritedFirst);
            inProgress.Remove(name);
            memo[(name, inheritedFirst)] = cost;
            return cost;
        }

        Cost Selections(GraphQLSelectionSet set, IGraphType? parent, double? inheritedFirst)
        {
            ct.ThrowIfCancellationRequested();
            double complexity = 0;
            var depth = 0;
            foreach (var selection in set.Selections)
            {
                Cost child;
                switch (selection)
                {
                    case GraphQLField f when !Included(f.Directives) || Uncounted(f): continue;
                    case GraphQLField f: child = Field(f, parent, inheritedFirst); break;
                    case GraphQLFragmentSpread s when Included(s.Directives): child = Fragment(s.FragmentName.Name.StringValue, inheritedFirst); break;
                    case GraphQLInlineFragment i when Included(i.Directives):
                        var type = i.TypeCondition is null ? parent : schema.AllTypes[i.TypeCondition.Type.Name.StringValue];
                        child = Selections(i.SelectionSet, type, inheritedFirst);
                        break;
                    default: continue;
                }
                complexity += child.Complexity;
                depth = Math.Max(depth, child.Depth);
            }
            return new Cost(complexity, depth);
        }

        Cost Field(GraphQLField field, IGraphType? parent, double? inheritedFirst)
        {
            if (field.SelectionSet is null) return new Cost(1, 1);
            var definition = (Unwrap(parent) as IComplexGraphType)?.GetField(field.Name.StringValue);
            var isList = IsList(definition?.ResolvedType);
            var first = IntArgument(field, definition, "first") ?? IntArgument(field, definition, "last");
            double multiplier = !isList ? 1
                : first is { } n ? Math.Max(1, n)
                : field.Arguments?.Items.Any(a => a.Name.StringValue == "id") == true ? 1
                : inheritedFirst is { } p ? Math.Max(1, p)
                : DefaultListMultiplier;
            var children = Selections(field.SelectionSet, Unwrap(definition?.ResolvedType), isList ? null : first);
            return new Cost(1 + multiplier * children.Complexity, 1 + children.Depth);
        }

        static IGraphType? Unwrap(IGraphType? type)
        {
            while (type is NonNullGraphType or ListGraphType) type = type is NonNullGraphType nn ? nn.ResolvedType : ((ListGraphType)type).ResolvedType;
            return type;
        }

        static bool IsList(IGraphType? type) => (type is NonNullGraphType nn ? nn.ResolvedType : type) is ListGraphType;

        double? IntArgument(GraphQLField field, FieldType? definition, string name)
        {
            var argument = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name);
            if (argument is null) return definition?.Arguments?.Find(name)?.DefaultValue is { } d ? Number(d) : null;
            return argument.Value switch
            {
                GraphQLIntValue i => double.TryParse(i.Value.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : double.PositiveInfinity,
                GraphQLVariable v => VariableValue(v.Name.StringValue) is { } value ? Number(value) ?? (value is GraphQLIntValue iv ? double.Parse(iv.Value.Span, CultureInfo.InvariantCulture) : null) : null,
                _ => null,
            };
        }

        object? VariableValue(string name) =>
            variables is not null && variables.TryGetValue(name, out var value) ? value
            : variableDefaults.TryGetValue(name, out var d) ? d : null;

        static double? Number(object value) => value switch
        {
            int or long or short or byte or decimal or double or float or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            BigInteger b => (double)b,
            _ => null,
        };

        /// <summary>@skip/@include for this request's variables; a condition we cannot read counts as included.</summary>
        bool Included(GraphQLDirectives? directives)
        {
            if (directives is null) return true;
            foreach (var d in directives.Items)
            {
                var name = d.Name.StringValue;
                if (name is not ("skip" or "include")) continue;
                var condition = d.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "if")?.Value;
                bool? value = condition switch
                {
                    GraphQLBooleanValue b => b.BoolValue,
                    GraphQLVariable v => VariableValue(v.Name.StringValue) switch { bool x => x, GraphQLBooleanValue bv => bv.BoolValue, _ => null },
                    _ => null,
                };
                if (value is null) continue;
                if (name == "skip" && value.Value) return false;
                if (name == "include" && !value.Value) return false;
            }
            return true;
        }
    }

    // ---- Remembered validation: the schema rules' verdict by text, the role rule's by text and roles. ----

    IReadOnlyList<IValidationRule>? all;
    IReadOnlyList<IValidationRule>? perRequest;

    /// <summary>
    /// The rules that depend on the caller (roles). A document whose text already passed every rule needs only these:
    /// the core rules check the document against a schema that does not change. Cost and depth are not validation
    /// rules any more: <see cref="CheckCost"/> runs on every request, so no remembered verdict can let a costly
    /// variant through.
    /// </summary>
    public IReadOnlyList<IValidationRule> PerRequestRules() => perRequest ??= Rules().Skip(DocumentValidator.CoreRules.Count()).ToList();

    readonly ConcurrentDictionary<string, bool> validDocuments = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, bool> validRequests = new(StringComparer.Ordinal);
    const int MaxRemembered = 10_000, MaxRememberedLength = 8_192;
    // Text → its syntax tree, for short documents that executed: parsed once, shared by every later request with that
    // text (GraphQL.NET's own document cache does the same: validation and execution do not change a parsed document).
    // Fewer and shorter than the verdicts above, since a tree is many times its text.
    readonly ConcurrentDictionary<string, GraphQLDocument> parsedDocuments = new(StringComparer.Ordinal);
    const int MaxParsed = 500, MaxParsedLength = 4_096;

    /// <summary>
    /// The parsed document of a text that already passed the shape counts and every rule, or null: such a text is
    /// neither parsed nor counted again (the counts read only the document; the variable count is checked per request).
    /// </summary>
    public GraphQLDocument? RememberedDocument(string query) => parsedDocuments.GetValueOrDefault(query);

    /// <summary>
    /// Whether exactly this request (text, caller's roles, and every variable that can change a page size or an
    /// @skip/@include: see <see cref="RequestKey"/>) passed cost, depth and every rule before. Cost and depth read
    /// nothing else, so a variant that costs more (another 'first', another Boolean) has another key and is checked.
    /// </summary>
    public bool IsRememberedRequest(string requestKey) => validRequests.ContainsKey(requestKey);

    /// <summary>The rules this request still needs: none, the caller-dependent ones, or all.</summary>
    public IReadOnlyList<IValidationRule> RulesFor(string query, string requestKey) =>
        validRequests.ContainsKey(requestKey) ? [] : validDocuments.ContainsKey(query) ? PerRequestRules() : Rules();

    public void RememberValid(string query, string requestKey, GraphQLDocument document)
    {
        if (query.Length > MaxRememberedLength) return;
        Remember(validDocuments, query, true, MaxRemembered);
        Remember(validRequests, requestKey, true, MaxRemembered);
        if (query.Length <= MaxParsedLength) Remember(parsedDocuments, query, document, MaxParsed);
    }

    static void Remember<T>(ConcurrentDictionary<string, T> map, string key, T value, int max)
    {
        if (map.ContainsKey(key)) return; // lock-free; Count takes every lock of the map
        if (map.Count >= max) map.Clear(); // bounded: a flood of unique queries cannot grow it
        map.TryAdd(key, value);
    }

    /// <summary>
    /// What, besides the text, could change a rule's verdict: the caller's roles, and (should a rule ever read them)
    /// every variable that can steer @skip/@include or a page size: Booleans, numbers and explicit nulls.
    /// </summary>
    public static string RequestKey(string query, ClaimsPrincipal user, Inputs? variables)
    {
        var sb = new System.Text.StringBuilder(query.Length + 32).Append(query).Append('\u001F');
        foreach (var role in user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order()) sb.Append(role).Append(',');
        if (variables is not null)
            foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                if (value is null or bool || Number(value) is not null)
                    sb.Append('\u001F').Append(name).Append('=').Append(value is null ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    static double? Number(object value) => value switch
    {
        int or long or short or byte or decimal or double or float or uint or ulong => 0,
        BigInteger => 0,
        _ => null,
    };

    public IReadOnlyList<IValidationRule> Rules() => all ??= DocumentValidator.CoreRules.Concat<IValidationRule>([
        new IntrospectionLimits(), // introspection's own bound: its subtrees are Uncounted by the cost rule
        Authorization,
    ]).ToList();
}
