using System.Reflection;
using SupplyChain.Import;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// The header check names every column a manifest reads. The list is derived from the manifest classes, so this test
/// fills every value-expression setting of every manifest section with its own column and expects each one back.
/// </summary>
public class ColumnsNamedTests
{
    [Fact]
    public void Every_value_expression_setting_of_a_manifest_is_a_named_column()
    {
        var expected = new List<string>();
        T Filled<T>(T spec) where T : notnull
        {
            foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var column = $"{typeof(T).Name}.{p.Name}";
                if (p.PropertyType == typeof(ValueExpr)) { p.SetValue(spec, new ValueExpr { Column = column }); expected.Add(column); }
                else if (p.PropertyType == typeof(Dictionary<string, ValueExpr>))
                { p.SetValue(spec, new Dictionary<string, ValueExpr> { ["k"] = new() { Column = column } }); expected.Add(column); }
            }
            return spec;
        }

        var entity = Filled(new EntitySpec());
        entity.Aliases.Add(Filled(new AliasSpec()));
        var claim = Filled(new ClaimSpec { Source = Filled(new RowSourceSpec()) });
        var response = Filled(new ResponseSpec { Source = new RowSourceSpec { Title = new ValueExpr { First = [new() { Column = "first.a" }, new() { Const = "x" }] } } });
        expected.Add("first.a");
        var manifest = new Manifest { Entities = { ["e"] = entity }, Claims = { claim }, Responses = { response }, Where = { new RowFilter { Column = "filter" } } };
        expected.Add("filter");

        var named = ImportRunner.ColumnsNamed(manifest).ToHashSet();
        var missing = expected.Where(c => !named.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "settings the header check does not name: " + string.Join(", ", missing));
        Assert.True(expected.Count >= 30, $"the test filled only {expected.Count} settings: the manifest classes have more");
    }
}
