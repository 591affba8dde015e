namespace SupplyChain.Import;

/// <summary>One record of a published file, whatever its format, with where it stands in that file.</summary>
public sealed class SourceRow(string file, int line, string locator, IReadOnlyDictionary<string, int> header, string?[] values)
{
    public string File { get; } = file;
    /// <summary>1-based line (CSV), sheet row (XLSX), or item number (lists, JSON).</summary>
    public int Line { get; } = line;
    /// <summary>Human locator: "row 17", "section 'Factories', table 2, row 3".</summary>
    public string Locator { get; } = locator;
    public string? Section { get; init; }
    public string? Anchor { get; init; }
    /// <summary>The PDF page the row starts on.</summary>
    public int? Page { get; init; }
    /// <summary>JSON items name only the fields they have: a missing one reads as empty, not as an error.</summary>
    public bool Sparse { get; init; }

    /// <summary>A column's value; "$line", "$file", "$locator", "$section", "$page" give the row's position.</summary>
    public string? Get(string column)
    {
        switch (column)
        {
            case "$line": return Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "$file": return Path.GetFileName(File);
            case "$locator": return Locator;
            case "$section": return Section;
            case "$anchor": return Anchor;
            case "$page": return Page?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var i = IndexOf(column);
        if (i < 0 && Sparse) return null;
        if (i < 0) throw new RowException($"the file has no column '{column}' (columns: {string.Join(", ", header.Keys)})", column);
        return i < values.Length ? values[i] : null;
    }

    public int IndexOf(string column) => header.TryGetValue(ColumnKey(column), out var i) ? i : -1;

    /// <summary>
    /// The header key of a column name a manifest reads. A handful of names are read for every row of a file, and making
    /// the key takes five strings: each name's key is remembered (up to a bound, past which it is made each time).
    /// </summary>
    static string ColumnKey(string column) =>
        ColumnKeys.TryGetValue(column, out var key) ? key : ColumnKeys.Count < 4096 ? ColumnKeys.GetOrAdd(column, HeaderKey) : HeaderKey(column);

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ColumnKeys = new(StringComparer.Ordinal);

    public bool HasColumn(string column) => column.StartsWith('$') || IndexOf(column) >= 0;

    /// <summary>Headers match without case, surrounding space, doubled spaces or a byte order mark.</summary>
    public static string HeaderKey(string header) =>
        string.Join(' ', header.Replace("\uFEFF", "").Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static IReadOnlyDictionary<string, int> BuildHeader(IEnumerable<string> names)
    {
        var map = new Dictionary<string, int>();
        var i = 0;
        foreach (var n in names) { map.TryAdd(HeaderKey(n), i); i++; }
        return map;
    }
}

/// <summary>A problem found while reading, with file, line and column when known.</summary>
public sealed record ImportError(string File, int? Line, int? Column, string Reason)
{
    /// <summary>Reasons may quote the offending value; never more than this much of it reaches a terminal or a log.</summary>
    public const int MaxReasonChars = 400;

    public override string ToString() =>
        $"{File}{(Line is { } l ? $":{l}" : "")}{(Column is { } c ? $":{c}" : "")}: {(Reason.Length > MaxReasonChars ? Reason[..MaxReasonChars] + "…" : Reason)}";
}
