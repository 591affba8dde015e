using System.Text;
using CsvHelper;

namespace SupplyChain.BrowserTests;

/// <summary>Reads a downloaded CSV back with CsvHelper 34 into header → value rows.</summary>
public static class Csv
{
    public static (string[] Header, List<Dictionary<string, string>> Rows) Parse(string text)
    {
        var options = new CsvReaderOptions { HasHeader = true, AllowLineBreaksInQuotes = true, SkipEmptyLines = true };
        using var csv = CsvReader.Create(new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(text)), options);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < csv.FieldCount && i < header.Length; i++) row[header[i]] = csv.GetString(i);
            rows.Add(row);
        }
        return (header, rows);
    }
}
