using System.Text;
using CsvHelper;

namespace SupplyChain.Import.Readers;

/// <summary>
/// CSV through CsvHelper 34, configured strictly: its defaults would let an unterminated quote swallow the rest of
/// the file, pad short rows and accept any bytes. Every problem is collected with its line, not just the first.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<SourceRow> Read(string path, Manifest manifest, List<ImportError> errors)
    {
        var bytes = ManifestFiles.ReadAllBytes(path, manifest.Limits.MaxFileBytes);
        var name = Path.GetFileName(path);
        if (!CheckUtf8(bytes, name, errors)) yield break;

        var skip = manifest.Csv?.SkipLines ?? 0;
        var start = 0;
        for (var i = 0; i < skip && start < bytes.Length; i++)
        {
            var nl = Array.IndexOf(bytes, (byte)'\n', start);
            start = nl < 0 ? bytes.Length : nl + 1;
        }

        // A DOS end-of-file mark (0x1A) closing the file, as OFAC's sdn.csv has on its own last line, is not a record.
        var end = bytes.Length;
        while (end > start && bytes[end - 1] is 0x1A or (byte)'\r' or (byte)'\n') end--;
        var headerless = manifest.Csv?.Columns is { Count: > 0 } given ? given : null;
        var nulls = new HashSet<string>(manifest.Csv?.NullValues ?? [], StringComparer.Ordinal);

        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = (manifest.Csv?.Delimiter ?? ",")[0],
            HasHeader = headerless is null,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            MissingField = CsvMissingFieldHandling.Throw,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = 4 * 1024 * 1024,
            OnMalformedRecord = r => malformed.Add(r),
        };

        using var csv = CsvReader.Create(new ReadOnlyMemory<byte>(bytes, start, end - start), options);
        IReadOnlyDictionary<string, int> header;
        string[] headerNames;
        try
        {
            if (headerless is null) csv.ReadHeader();
            headerNames = headerless?.ToArray() ?? csv.Headers.ToArray();
            header = SourceRow.BuildHeader(headerNames);
        }
        catch (CsvFormatException e)
        {
            errors.Add(new ImportError(name, (int)e.LineNumber + skip, null, $"header is malformed: {e.Message}"));
            yield break;
        }
        var duplicate = headerNames.GroupBy(SourceRow.HeaderKey).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) errors.Add(new ImportError(name, 1 + skip, null, $"header names column '{duplicate.Key}' twice"));

        var maxField = manifest.Limits.MaxFieldChars;
        var rows = 0;
        while (true)
        {
            bool more;
            string?[]? values = null;
            int line = 0;
            try
            {
                more = csv.Read();
                if (more)
                {
                    line = (int)csv.LineNumber + skip;
                    values = new string?[csv.FieldCount];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var v = csv.GetString(i);
                        if (v.Length > maxField)
                        {
                            errors.Add(new ImportError(name, line, i + 1, $"field '{ColumnName(headerNames, i)}' is {v.Length} characters long; the limit is {maxField}"));
                            v = v[..maxField];
                        }
                        values[i] = v.Length == 0 || (nulls.Count > 0 && nulls.Contains(v.Trim())) ? null : v;
                    }
                }
            }
            catch (CsvFormatException e)
            {
                errors.Add(new ImportError(name, (int)e.LineNumber + skip, e.FieldIndex is { } fi ? (int)fi + 1 : null, e.Message));
                yield break;
            }
            foreach (var m in malformed) errors.Add(new ImportError(name, (int)m.LineNumber + skip, null, Describe(m.Reason, headerNames.Length)));
            malformed.Clear();
            if (!more) break;
            if (++rows > manifest.Limits.MaxRows)
            {
                errors.Add(new ImportError(name, line, null, $"more than {manifest.Limits.MaxRows} rows; the limit is set in the manifest's limits.maxRows"));
                yield break;
            }
            yield return new SourceRow(path, line, $"row {line}", header, values!);
        }
    }

    static string ColumnName(string[] headers, int i) => i < headers.Length ? headers[i] : $"#{i + 1}";

    static string Describe(CsvMalformedReason reason, int headerCount) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (unterminated quote)",
        CsvMalformedReason.StrayQuote => "a quote stands inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text follows a closing quote",
        CsvMalformedReason.FieldCountMismatch => $"wrong number of fields: the header has {headerCount}",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        _ => $"malformed record ({reason})",
    };

    /// <summary>Invalid UTF-8 is refused with the line it is on; a UTF-8 byte order mark is fine.</summary>
    internal static bool CheckUtf8(byte[] bytes, string name, List<ImportError> errors)
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try { strict.GetCharCount(bytes); return true; }
        catch (DecoderFallbackException)
        {
            // Find the lines: decode line by line so the report can name each.
            int line = 1, start = 0, found = 0;
            for (var i = 0; i <= bytes.Length; i++)
            {
                if (i < bytes.Length && bytes[i] != (byte)'\n') continue;
                try { strict.GetCharCount(bytes, start, i - start); }
                catch (DecoderFallbackException e)
                {
                    errors.Add(new ImportError(name, line, e.Index >= 0 ? e.Index + 1 : null, "invalid UTF-8 (save the file as UTF-8, or set csv.encoding in the manifest)"));
                    if (++found >= 20) break;
                }
                line++; start = i + 1;
            }
            return false;
        }
    }
}
