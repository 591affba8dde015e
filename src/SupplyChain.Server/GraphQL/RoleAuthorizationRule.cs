using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// GraphQL.NET's AuthorizeWithRoles only records metadata; this rule enforces it. A field (or its type) that names
/// roles is refused unless the caller holds one of them, before anything executes.
/// </summary>
public sealed class RoleAuthorizationRule : ValidationRuleBase
{
    public const string Code = "ACCESS_DENIED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            var def = ctx.TypeInfo.GetFieldDef();
            if (def is null) return;
            var roles = def.GetRoles() ?? [];
            if (roles.Count == 0) return;
            var user = ctx.User;
            if (roles.Any(r => user?.IsInRole(r) == true)) return;
            var who = user?.Identity?.IsAuthenticated == true ? $"'{user.Identity.Name}' does not hold" : "an anonymous caller lacks";
            ctx.ReportError(new ValidationError(ctx.Document.Source, Code, $"'{def.Name}' needs the role {string.Join(" or ", roles)}; {who} it.", field));
        }));
}
