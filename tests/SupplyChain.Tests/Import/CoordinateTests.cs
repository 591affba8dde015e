using SupplyChain.Import;
using Xunit;

namespace SupplyChain.Tests.Import;

/// <summary>
/// A latitude or longitude of "NaN" or "Infinity" parses as a double but is no place: it is a row error naming the row
/// and column (it used to reach the database, where SQLite refused the whole import and PostgreSQL stored it).
/// </summary>
public sealed class CoordinateTests
{
    [Fact]
    public void Non_finite_coordinates_are_row_errors_naming_the_column()
    {
        var dir = Directory.CreateTempSubdirectory("sc-coords-").FullName;
        File.WriteAllText(Path.Combine(dir, "MADE_UP_list.csv"), "name,country,lat,lng\nMade-up Textile One,China,22.5,114.1\nMade-up Textile Two,China,NaN,114.1\nMade-up Textile Three,China,22.5,-Infinity\nMade-up Textile Four,China,,\n");
        var manifestPath = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifestPath, """
            {
              "format": "csv", "files": ["MADE_UP_list.csv"],
              "source": { "title": "MADE-UP list (test fixture)", "url": "https://example.org/MADE_UP_list.csv", "kind": "Dataset" },
              "entities": { "f": { "type": { "const": "Facility" }, "name": "name", "country": "country", "latitude": "lat", "longitude": "lng" } },
              "claims": [ { "subject": "f", "predicate": { "const": "NamedIn" }, "object": "$source" } ]
            }
            """);
        var errors = new List<ImportError>();
        var (rows, _) = ImportRunner.ReadAndMap(Manifest.Load(manifestPath), Path.Combine(dir, "MADE_UP_list.csv"), errors);
        Assert.Equal(2, rows.Count); // the first and the one without coordinates
        Assert.Null(rows[1].Entities["f"][0].Latitude);
        Assert.Collection(errors,
            e => { Assert.Equal(3, e.Line); Assert.Equal(3, e.Column); Assert.Contains("latitude 'NaN' is not a number", e.Reason); },
            e => { Assert.Equal(4, e.Line); Assert.Equal(4, e.Column); Assert.Contains("longitude '-Infinity' is not a number", e.Reason); });
    }
}
