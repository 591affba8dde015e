using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupplyChain.Import;

/// <summary>
/// How a manifest names a value: "Factory Name" (a column), {"const": "NIKE"}, {"template": "row {$line}: {Factory Name}"},
/// {"column": "predicate", "map": {"SOURCES_FROM": "SourcesFrom"}}. Map keys are compared without case or spaces;
/// a value that no key matches is an error naming the row, unless the map has a "*" default.
/// {"first": [expr, expr, ...]} takes the first that gives a non-empty value: a researcher's per-row reading
/// ({"column": "response_id", "map": {"RSP-002": "...", "*": ""}}) before the file's own word.
/// </summary>
public sealed partial class ValueExpr
{
    public string? Column { get; set; }
    public string? Const { get; set; }
    public string? Template { get; set; }
    public Dictionary<string, string>? Map { get; set; }
    /// <summary>Used when the column is empty.</summary>
    public string? Default { get; set; }
    public List<ValueExpr>? First { get; set; }
    /// <summary>A regular expression: the value becomes every match (its first group, if it has one) joined by
    /// <see cref="Join"/>; no match is an empty value. For names inside free text ("a.k.a. 'X'").</summary>
    public string? Pattern { get; set; }
    public string Join { get; set; } = ";";
    /// <summary>Literal replacements applied to the value ("] [" → ", ").</summary>
    public Dictionary<string, string>? Replace { get; set; }
    /// <summary>A .NET date format the value is written in ("dd-MM-yyyy"); the value becomes yyyy-MM-dd.</summary>
    public string? DateFormat { get; set; }

    public string? Evaluate(SourceRow row)
    {
        if (First is not null)
        {
            foreach (var e in First)
                if (e.Evaluate(row) is { Length: > 0 } v) return v;
            return Default;
        }
        string? raw;
        if (Const is not null) raw = Const;
        else if (Template is not null) raw = Fill(row);
        else if (Column is not null) raw = row.Get(Column);
        else raw = null;
        if (string.IsNullOrWhiteSpace(raw)) raw = Default;
        if (raw is null) return null;
        raw = raw.Trim();
        if (Pattern is not null)
        {
            var found = Regex.Matches(raw, Pattern, RegexOptions.None, TimeSpan.FromSeconds(1))
                .Select(m => (m.Groups.Count > 1 ? m.Groups[1].Value : m.Value).Trim()).Where(v => v.Length > 0).ToList();
            if (found.Count == 0) return null;
            raw = string.Join(Join, found);
        }
        if (Replace is not null)
            foreach (var (from, to) in Replace) raw = raw.Replace(from, to, StringComparison.Ordinal);
        if (DateFormat is not null)
        {
            if (!DateOnly.TryParseExact(raw, DateFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                throw new RowException($"'{raw}' of {Describe()} is not a date written {DateFormat}", Column);
            raw = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Map is null) return raw;
        var key = MapKey(raw);
        foreach (var (k, v) in mapKeys ??= Map.Select(kv => (MapKey(kv.Key), kv.Value)).ToArray())
            if (k == key) return v;
        if (Map.TryGetValue("*", out var fallback)) return fallback;
        throw new RowException($"value '{raw}' of {Describe()} is not in the manifest's map ({string.Join(", ", Map.Keys)})");
    }

    public string Describe() => First is not null ? $"first of ({string.Join(", ", First.Select(f => f.Describe()))})" : Column is not null ? $"column '{Column}'" : Template is not null ? $"template '{Template}'" : $"constant '{Const}'";

    /// <summary>The map's keys as compared (made once: a map is read on every row).</summary>
    (string Key, string Value)[]? mapKeys;

    /// <summary>The template cut at its "{column}" places once (what the template pattern finds): literal text, or a column.</summary>
    (string Text, bool IsColumn)[]? templateParts;

    string Fill(SourceRow row)
    {
        var parts = templateParts ??= Cut(Template!);
        if (parts.Length == 1 && !parts[0].IsColumn) return parts[0].Text;
        var values = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++) values[i] = parts[i].IsColumn ? row.Get(parts[i].Text) ?? "" : parts[i].Text;
        return string.Concat(values);
    }

    static (string Text, bool IsColumn)[] Cut(string template)
    {
        var parts = new List<(string, bool)>();
        var at = 0;
        foreach (Match m in TemplateRegex().Matches(template))
        {
            if (m.Index > at) parts.Add((template[at..m.Index], false));
            parts.Add((m.Groups[1].Value, true));
            at = m.Index + m.Length;
        }
        if (at < template.Length || parts.Count == 0) parts.Add((template[at..], false));
        return parts.ToArray();
    }

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
                case "first": e.First = JsonSerializer.Deserialize<List<ValueExpr>>(ref reader, options); break;
                case "pattern": e.Pattern = reader.GetString(); break;
                case "join": e.Join = reader.GetString() ?? ";"; break;
                case "replace": e.Replace = JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options); break;
                case "dateformat": e.DateFormat = reader.GetString(); break;
                default: throw new JsonException($"'{prop}' is not a value property (column, const, template, map, default, first, pattern, join, replace, dateFormat)");
            }
        }
        if (e.Column is null && e.Const is null && e.Template is null && e.First is not { Count: > 0 }) throw new JsonException("a value needs one of column, const, template, first");
        return e;
    }

    public override void Write(Utf8JsonWriter writer, ValueExpr value, JsonSerializerOptions options) =>
        throw new NotSupportedException("manifests are read, not written");
}
