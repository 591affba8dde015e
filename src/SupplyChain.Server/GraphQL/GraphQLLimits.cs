using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace SupplyChain.Server.GraphQL;

/// <summary>GraphQL.NET ships with no limits; these are ours. List fields weigh by their page size ('first').</summary>
public sealed class GraphQLLimits
{
    public int MaxDepth { get; init; } = 12;
    public int MaxComplexity { get; init; } = 20_000;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    static readonly RoleAuthorizationRule Authorization = new();

    IReadOnlyList<IValidationRule>? all;
    IReadOnlyList<IValidationRule>? perRequest;

    /// <summary>
    /// The rules that depend on the caller or the variables (cost, roles). A document whose text already passed every
    /// rule needs only these: the core rules check the document against a schema that does not change.
    /// </summary>
    public IReadOnlyList<IValidationRule> PerRequestRules() => perRequest ??= Rules().Skip(DocumentValidator.CoreRules.Count()).ToList();

    // Documents that passed validation: by text (the core rules' verdict), and by text + caller roles + integer
    // variables (every rule's verdict: the cost rule reads only first/last, the role rule only the caller's roles).
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> validDocuments = new(StringComparer.Ordinal);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> validRequests = new(StringComparer.Ordinal);
    const int MaxRemembered = 10_000, MaxRememberedLength = 8_192;

    /// <summary>The rules this request still needs: none, the caller-dependent ones, or all.</summary>
    public IReadOnlyList<IValidationRule> RulesFor(string query, string requestKey) =>
        validRequests.ContainsKey(requestKey) ? [] : validDocuments.ContainsKey(query) ? PerRequestRules() : Rules();

    public void RememberValid(string query, string requestKey)
    {
        if (query.Length > MaxRememberedLength) return;
        Remember(validDocuments, query);
        Remember(validRequests, requestKey);
    }

    static void Remember(System.Collections.Concurrent.ConcurrentDictionary<string, bool> map, string key)
    {
        if (map.Count >= MaxRemembered) map.Clear(); // bounded: a flood of unique queries cannot grow it
        map.TryAdd(key, true);
    }

    /// <summary>What, besides the text, decides whether a document passes: the caller's roles and its integer variables.</summary>
    public static string RequestKey(string query, System.Security.Claims.ClaimsPrincipal user, global::GraphQL.Inputs? variables)
    {
        var sb = new System.Text.StringBuilder(query.Length + 32).Append(query).Append('\u001F');
        foreach (var role in user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order()) sb.Append(role).Append(',');
        if (variables is not null)
            foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
                if (value is int or long or short or byte or decimal or double or System.Numerics.BigInteger) sb.Append('\u001F').Append(name).Append('=').Append(value);
        return sb.ToString();
    }

    public IReadOnlyList<IValidationRule> Rules() => all ??= DocumentValidator.CoreRules.Concat<IValidationRule>([
        // Introspection-only operations meet IntrospectionLimits instead of the data depth/cost rule (see IntrospectionLimits).
        new IntrospectionLimits.DataOnly(new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity, DefaultListImpactMultiplier = 10 })),
        new IntrospectionLimits(),
        Authorization,
    ]).ToList();
}
