using SupplyChain.Import;
using SupplyChain.Import.Readers;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// Issue 14: rows are mapped in parallel blocks. The drafts, the skipped count and the errors, in their order (the
/// reader's own errors interleaved with the mapping errors row by row, the error cap stopping at the same row) must be
/// those of mapping one row after another, across block boundaries.
/// </summary>
public sealed class ParallelMapTests
{
    /// <summary>The reference: one row after another, as the runner did before.</summary>
    static (List<RowDraft> Rows, int Skipped) OneByOne(Manifest manifest, string file, List<ImportError> errors)
    {
        var mapper = new RowMapper(manifest);
        var rows = new List<RowDraft>();
        var skipped = 0;
        foreach (var row in CsvRows.Read(file, manifest, errors))
        {
            try
            {
                var draft = mapper.Map(row);
                if (draft is null) skipped++;
                else rows.Add(draft);
            }
            catch (RowException e)
            {
                var col = e.ColumnName is null ? (int?)null : row.IndexOf(e.ColumnName) is var i and >= 0 ? i + 1 : null;
                errors.Add(new ImportError(Path.GetFileName(file), row.Line, col, e.Message));
                if (errors.Count > 10_000) break;
            }
        }
        return (rows, skipped);
    }

    static string Describe(RowDraft d) =>
        $"{d.Row.Line} | {string.Join("; ", d.Entities.SelectMany(kv => kv.Value.Select(e => $"{kv.Key}:{e.Kind}:{e.Name}:{e.Country}:{e.Address}")))} | " +
        string.Join("; ", d.Claims.Select(c => $"{c.SubjectAlias} {c.Predicate} {c.ObjectAlias} {c.Quote}"));

    [Theory]
    [InlineData(9_000, 0)]      // a few errors of both kinds, over three blocks
    [InlineData(30_000, 3)]     // every third row wrong: the error cap is reached part way through a block
    public void Parallel_blocks_map_as_one_row_after_another(int count, int everyNth)
    {
        var dir = Directory.CreateTempSubdirectory("sc-map-").FullName;
        var csv = new System.Text.StringBuilder("name,country,address,skip\n");
        for (var i = 0; i < count; i++)
        {
            var wrongCountry = everyNth > 0 ? i % everyNth == 1 : i % 997 == 5;    // a mapping error
            var longField = everyNth > 0 ? i % everyNth == 2 : i % 1_231 == 7;     // a reader error (field over the limit)
            var skip = i % 13 == 0 ? "" : "x";                                      // skipped rows (skipRowsWithout)
            csv.Append($"Factory {i},{(wrongCountry ? "Narnia" : i % 2 == 0 ? "China" : "VN")},{(longField ? new string('a', 60) : $"{i} Road")},{skip}\n");
        }
        csv.Append("Last,China,\"unterminated\n"); // a malformed last record: the reader's error after every row
        var file = Path.Combine(dir, "list.csv");
        File.WriteAllText(file, csv.ToString());
        var manifestPath = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifestPath, """
            {
              "format": "csv", "files": ["list.csv"], "skipRowsWithout": "skip",
              "limits": { "maxFieldChars": 40 },
              "source": { "title": "map test", "kind": "Dataset" },
              "entities": { "facility": { "type": { "const": "Facility" }, "name": "name", "country": "country", "address": "address" } },
              "claims": [ { "subject": "facility", "predicate": { "const": "NamedIn" }, "object": "$source", "quote": { "template": "{name}, {address}, {country}" } } ]
            }
            """);
        var manifest = Manifest.Load(manifestPath);

        var expectedErrors = new List<ImportError>();
        var (expectedRows, expectedSkipped) = OneByOne(manifest, file, expectedErrors);
        var errors = new List<ImportError>();
        var (rows, skipped) = ImportRunner.ReadAndMap(manifest, file, errors);

        Assert.True(expectedErrors.Count > 10 && expectedRows.Count > 1000 && expectedSkipped > 100, $"{expectedErrors.Count} errors, {expectedRows.Count} rows, {expectedSkipped} skipped");
        Assert.Contains(expectedErrors, e => e.Reason.Contains("limit is 40"));
        Assert.Contains(expectedErrors, e => e.Reason.Contains("Narnia"));
        Assert.Equal(expectedErrors.Select(e => e.ToString()), errors.Select(e => e.ToString()));
        Assert.Equal(expectedSkipped, skipped);
        Assert.Equal(expectedRows.Select(Describe), rows.Select(Describe));
    }
}
