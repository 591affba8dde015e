using System.Text;
using CsCheck;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Import;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Tests.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Properties;

public sealed class PropertyTests
{
    static readonly Gen<string> Names = Gen.String[Gen.Char["abcdefgABCDEFG &'’.,()-/:ÉéüＮｉ李宁0123 \t"], 0, 40];

    [Fact]
    public void Name_keys_are_idempotent_lower_case_and_free_of_punctuation() =>
        Names.Sample(name =>
        {
            var key = NameNormalizer.Key(name);
            Assert.Equal(key, NameNormalizer.Key(key));
            Assert.Equal(NameNormalizer.Fold(name), NameNormalizer.Fold(NameNormalizer.Fold(name)));
            Assert.All(key, ch => Assert.True(char.IsLetterOrDigit(ch) && !char.IsUpper(ch) || ch == ' ', $"'{ch}' in key '{key}' of '{name}'"));
            Assert.DoesNotContain("  ", key);
            Assert.Equal(key, NameNormalizer.Key(name.ToUpperInvariant().Replace('’', '\'')));
        }, iter: 2000);

    static readonly Gen<string> Cells = Gen.OneOf(
        Gen.String[Gen.Char["abc ,\"\n\r\t=+-@;'x1"], 0, 20],
        Gen.Const("=HYPERLINK(\"http://x\")"), Gen.Const("+1"), Gen.Const("-2"), Gen.Const("@SUM(A1)"), Gen.Const("\tx"), Gen.Const("\rx"));

    [Fact]
    public void Csv_exports_round_trip_and_never_start_a_text_cell_with_a_formula_trigger() =>
        Gen.Select(Cells.Array[1, 6], Gen.Int[0, 1_000_000]).Sample((cells, number) =>
        {
            using var stream = new MemoryStream();
            using (var csv = CsvWriter.Create(stream, Exports.SafeCsv, leaveOpen: true))
            {
                csv.WriteHeader(Enumerable.Range(0, cells.Length + 1).Select(i => $"c{i}").ToArray());
                foreach (var c in cells) csv.WriteField(c);
                csv.WriteField(number, default);
                csv.EndRecord();
                csv.Flush();
            }
            stream.Position = 0;
            using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, AllowLineBreaksInQuotes = true });
            Assert.True(reader.Read());
            for (var i = 0; i < cells.Length; i++)
            {
                var back = reader.GetString(i);
                var trigger = cells[i].Length > 0 && "=+-@\t\r".Contains(cells[i][0]);
                if (trigger) Assert.True(back.EndsWith(cells[i], StringComparison.Ordinal) && back.Length > cells[i].Length && !"=+-@\t\r".Contains(back[0]), $"'{cells[i]}' came back as '{back}'");
                else Assert.Equal(cells[i], back);
            }
            Assert.Equal(number.ToString(), reader.GetString(cells.Length)); // numbers stay numbers: no escape
        }, iter: 500);

    enum Fault { UnterminatedQuote, TooFewFields, TooManyFields, InvalidUtf8, StrayQuote }

    /// <summary>1,000 generated malformed files: each refused, the first error on the line the fault is on, nothing written.</summary>
    [Fact]
    public async Task A_thousand_malformed_csv_files_are_each_refused_at_the_right_line_with_nothing_written()
    {
        var f = await ImportFixture.CreateAsync(Engine.Sqlite);
        var manifest = f.FacilityManifest("MADE_UP_fuzz.csv");
        var runner = f.Runner;
        var rng = new Random(20261125);
        for (var n = 0; n < 1000; n++)
        {
            var before = rng.Next(0, 16);
            var fault = (Fault)rng.Next(0, 5);
            var after = rng.Next(0, 6);
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(ImportFixture.Header));
            for (var i = 0; i < before; i++) bytes.AddRange(Encoding.UTF8.GetBytes($"Made-up Brand {i},Made-up Factory {i},China,{i} Road,supplies,{i}\n"));
            var faultLine = before + 2;
            bytes.AddRange(fault switch
            {
                Fault.UnterminatedQuote => Encoding.UTF8.GetBytes("Made-up Brand X,\"Made-up Factory X,China,1 Road,supplies,1\n"),
                Fault.TooFewFields => Encoding.UTF8.GetBytes("Made-up Brand X,Made-up Factory X,China\n"),
                Fault.TooManyFields => Encoding.UTF8.GetBytes("Made-up Brand X,Made-up Factory X,China,1 Road,supplies,1,extra,more\n"),
                Fault.InvalidUtf8 => [.. Encoding.UTF8.GetBytes("Made-up Brand X,Made-up Fac"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("tory,China,1 Road,supplies,1\n")],
                Fault.StrayQuote => Encoding.UTF8.GetBytes("Made-up Brand X,Made-up \"Factory\" X\"y,China,1 Road,supplies,1\n"),
                _ => throw new InvalidOperationException(),
            });
            for (var i = 0; i < after; i++) bytes.AddRange(Encoding.UTF8.GetBytes($"Made-up Brand {i},Made-up Factory {i},China,{i} Road,supplies,{i}\n"));
            f.WriteBytes("MADE_UP_fuzz.csv", [.. bytes]);
            var report = await runner.ImportAsync(manifest);
            Assert.False(report.Succeeded, $"case {n} ({fault} at line {faultLine}) was accepted");
            Assert.Equal(faultLine, report.Errors.Min(e => e.Line));
        }
        await using var db = f.Factory.Create();
        Assert.Equal(0, await db.Claims.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        Assert.Equal(0, await db.Brands.CountAsync());
    }
}
