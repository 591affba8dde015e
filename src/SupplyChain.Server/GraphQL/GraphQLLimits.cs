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

    /// <summary>GraphQL.NET's core rules plus ours, built once (the rules keep no per-request state).</summary>
    public IReadOnlyList<IValidationRule> Rules() => all ??= DocumentValidator.CoreRules.Concat<IValidationRule>([
        new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity, DefaultListImpactMultiplier = 10 }),
        Authorization,
    ]).ToList();
}
