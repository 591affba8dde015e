using System.Text.RegularExpressions;
using SupplyChain.Import;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// Templates are cut once and filled per row, and map keys folded once: the values must be those of replacing the
/// template pattern on every row and folding every key on every row (what the code did before, written out here).
/// </summary>
public sealed class ValueExprTests
{
    static readonly Dictionary<string, int> Header = new() { ["name"] = 0, ["city"] = 1, ["empty"] = 2, ["word"] = 3 };
    static SourceRow Row(params string?[] values) => new("MADE_UP.csv", 7, "row 7", Header, values);

    [Theory]
    [InlineData("{name}, {city}")]
    [InlineData("{name}")]
    [InlineData("plain text")]
    [InlineData("")]
    [InlineData("{$line}: {name} ({empty}) in {city}!")]
    [InlineData("{{name}}")]
    [InlineData("{ name}{city}{}x{")]
    [InlineData("}{name}{")]
    [InlineData("{Name }/{CITY}")]
    public void Templates_fill_as_the_pattern_replaced(string template)
    {
        var row = Row("Acme Textile", "Dhaka", "", "x");
        var byPattern = Regex.Replace(template, @"\{([^{}]+)\}", m => row.Get(m.Groups[1].Value) ?? "");
        var expected = string.IsNullOrWhiteSpace(byPattern) ? null : byPattern.Trim();
        var e = new ValueExpr { Template = template };
        Assert.Equal(expected, e.Evaluate(row));
        Assert.Equal(expected, e.Evaluate(row)); // the second row reads the cut parts
    }

    [Fact]
    public void A_template_naming_a_missing_column_is_a_row_error_as_before()
    {
        var row = Row("Acme", "Dhaka", "", "x");
        Assert.Throws<RowException>(() => Regex.Replace("{name} {nope}", @"\{([^{}]+)\}", m => row.Get(m.Groups[1].Value) ?? ""));
        var e = Assert.Throws<RowException>(() => new ValueExpr { Template = "{name} {nope}" }.Evaluate(row));
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Map_keys_compare_without_case_or_spaces_first_key_wins()
    {
        var e = new ValueExpr { Column = "word", Map = new() { ["Sources From"] = "SourcesFrom", ["SOURCES-FROM"] = "Other", ["*"] = "Fallback" } };
        Assert.Equal("SourcesFrom", e.Evaluate(Row("a", "b", "", "sources_from")));
        Assert.Equal("Fallback", e.Evaluate(Row("a", "b", "", "elsewhere")));
        var strict = new ValueExpr { Column = "word", Map = new() { ["A"] = "1" } };
        Assert.Equal("1", strict.Evaluate(Row("a", "b", "", " a ")));
        Assert.Throws<RowException>(() => strict.Evaluate(Row("a", "b", "", "b")));
    }
}
