using System.Globalization;
using System.Text;

namespace SupplyChain.Benchmarks;

/// <summary>
/// A made-up supplier list in the Open Supply Hub list layout (country,name,address,sector,lat,lng), imported through a
/// copy of the bundled datasets/open-supply-hub-lists/manifest.json whose title and URL say SYNTHETIC. Names are
/// "similar" as in real lists: recombined morphemes with the words that recur in them (Textile, Garment, Co., Ltd.);
/// 3% of rows repeat an earlier facility (the same factory listed twice), 2% are a near-spelling of an earlier one.
/// Deterministic for a given row count and salt.
/// </summary>
public static class SupplierList
{
    static readonly string[] Countries = ["CN", "CN", "CN", "China", "VN", "Viet Nam", "BD", "IN", "KH", "ID", "TR", "PK", "LK", "MM", "TH", "MX"];
    static readonly string[] Sectors = ["Apparel", "Footwear", "Electronics", "Home Textiles", "Accessories"];
    static readonly string[] Streets = ["Industrial Road", "Export Processing Zone", "Development Avenue", "Xinhua Road", "Nguyen Van Linh", "Ring Road", "Tongji Street"];

    public static string Write(string dir, int rows, ulong salt = 0)
    {
        Directory.CreateDirectory(dir);
        var stem = salt == 0 ? $"SYNTHETIC-supplier-list-{rows}" : $"SYNTHETIC-supplier-list-{rows}-s{salt}";
        var file = stem + ".csv";
        var rng = new Rng(Generator.Seed ^ 0x5A11E ^ (salt * 0x9E37));
        var forge = NameForge.FromDatasets(new Rng(Generator.Seed ^ 0xFAC ^ (salt * 0x7F4A)));
        var written = new List<(string Country, string Name, string Address)>();
        var sb = new StringBuilder(rows * 110);
        sb.Append("country,name,address,sector,lat,lng\n");
        for (var i = 0; i < rows; i++)
        {
            string country, name, address;
            var r = rng.NextDouble();
            if (r < 0.03 && written.Count > 0)
                (country, name, address) = rng.Pick(written); // the same factory listed twice
            else if (r < 0.05 && written.Count > 0)
            {
                var (c, n, a) = rng.Pick(written);
                var at = 1 + rng.Next(Math.Max(1, n.Length - 2));
                (country, name, address) = (c, n[..at] + n[(at + 1)..], a); // a letter dropped
            }
            else
            {
                country = rng.Pick(Countries);
                name = forge.Next("facility");
                address = $"No. {1 + rng.Next(999)} {rng.Pick(Streets)}, Synthetic District {1 + rng.Next(400)}, Synthetic City {1 + rng.Next(90)}";
                written.Add((country, name, address));
            }
            var lat = (rng.NextDouble() * 50 - 5).ToString("0.000000", CultureInfo.InvariantCulture);
            var lng = (rng.NextDouble() * 60 + 70).ToString("0.000000", CultureInfo.InvariantCulture);
            sb.Append(country).Append(',').Append(Csv(name)).Append(',').Append(Csv(address)).Append(',').Append(rng.Pick(Sectors))
                .Append(',').Append(lat).Append(',').Append(lng).Append('\n');
        }
        File.WriteAllText(Path.Combine(dir, file), sb.ToString(), new UTF8Encoding(false));

        var manifest = File.ReadAllText(Path.Combine(Repo.Datasets, "open-supply-hub-lists", "manifest.json"))
            .Replace("\"$schema\": \"../../schema/manifest.schema.json\",", "")
            .Replace("\"list_files/*.csv\"", $"\"{file}\"")
            .Replace("(Open Supply Hub facility-list fixture)", "(SYNTHETIC benchmark list in the Open Supply Hub layout, not evidence)")
            .Replace("https://github.com/opensupplyhub/open-supply-hub/tree/3582f9b415b713825f8d5a31e5ea481b2ee3262f/src/django/api/fixtures/list_files/{$file}", "https://example.invalid/synthetic/{$file}");
        if (!manifest.Contains(file) || !manifest.Contains("SYNTHETIC")) throw new InvalidOperationException("open-supply-hub-lists/manifest.json changed shape; update SupplierList");
        var manifestPath = Path.Combine(dir, stem + ".manifest.json");
        File.WriteAllText(manifestPath, manifest);
        return manifestPath;
    }

    static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
