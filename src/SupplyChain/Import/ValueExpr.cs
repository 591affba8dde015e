using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupplyChain.Import;

/// <summary>
/// How a manifest names a value: "Factory Name" (a column), {"const": "NIKE"}, {"template": "row {$line}: {Factory Name}"},
/// {"column": "predicate", "map": {"SOURCES_FROM": "SourcesFrom"}}. Map keys are compared without case or spaces;
/// a value that no key matches is an error naming the row, unless the map has a "*" default.
/// </summary>
public sealed partial class ValueExpr
{
    public string? Column { get; set; }
    public string? Const { get; set; }
    public string? Template { get; set; }
    public Dictionary<string, string>? Map { get; set; }
    /// <summary>Used when the column is empty.</summary>
    public string? Default { get; set; }

    public string? Evaluate(SourceRow row)
    {
        string? raw;
        if (Const is not null) raw = Const;
        else if (Template is not null) raw = TemplateRegex().Replace(Template, m => row.Get(m.Groups[1].Value) ?? "");
        else if (Column is not null) raw = row.Get(Column);
        else raw = null;
        if (string.IsNullOrWhiteSpace(raw)) raw = Default;
        if (raw is null) return null;
        raw = raw.Trim();
        if (Map is null) return raw;
        var key = MapKey(raw);
        foreach (var (k, v) in Map)
            if (MapKey(k) == key) return v;
        if (Map.TryGetValue("*", out var fallback)) return fallback;
        throw new RowException($"value '{raw}' of {Describe()} is not in the manifest's map ({string.Join(", ", Map.Keys)})");
    }

    public string Describe() => Column is not null ? $"column '{Column}'" : Template is not null ? $"template '{Template}'" : $"constant '{Const}'";

    static string MapKey(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\{([^{}]+)\}")] private static partial Regex TemplateRegex();
}

/// <summary>An error in one row: the runner adds file, line and column and keeps going, to report all at once.</summary>
public sealed class RowException(string message, string? column = null) : Exception(message)
{
    public string? ColumnName { get; } = column;
}

sealed class ValueExprConverter : JsonConverter<ValueExpr>
{
    public override ValueExpr? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ValueExpr { Column = reader.GetString() };
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a value is a column name (string) or an object with column, const, template, map");
        var e = new ValueExpr();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var prop = reader.GetString()!.ToLowerInvariant();
            reader.Read();
            switch (prop)
            {
                case "column": e.Column = reader.GetString(); break;
                case "const": e.Const = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan); break;
                case "template": e.Template = reader.GetString(); break;
                case "default": e.Default = reader.GetString(); break;
                case "map": e.Map = JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options); break;
                default: throw new JsonException($"'{prop}' is not a value property (column, const, template, map, default)");
            }
        }
        if (e.Column is null && e.Const is null && e.Template is null) throw new JsonException("a value needs one of column, const, template");
        return e;
    }

    public override void Write(Utf8JsonWriter writer, ValueExpr value, JsonSerializerOptions options) =>
        throw new NotSupportedException("manifests are read, not written");
}
