using CsvHelper;

namespace SupplyChain.Queries;

public sealed partial class TargetQueries
{
    static readonly string[] CsvColumns =
    [
        "brand", "brand_url", "owner", "parent_company", "sectors", "status", "what_we_know", "strength", "independent_sources", "path_publishers", "sources", "claims",
        "suppliers_known", "supplier_countries", "supplier_provinces", "linked_through", "programmes_and_lists", "responses", "latest_response", "latest_response_date",
        "newest_evidence", "source_titles", "source_urls",
    ];

    /// <summary>
    /// The target list as CSV for a spreadsheet: UTF-8 with a byte order mark (so Excel reads "Victoria’s Secret"),
    /// absolute links (under <paramref name="baseUrl"/>), every code in one casing (LINKED, HIGH, DENIED_LINK) and the
    /// sources' addresses. Text cells that could run as a formula are escaped; numbers stay numbers.
    /// </summary>
    public static async Task WriteCsvAsync(IEnumerable<BrandDigest> rows, Stream output, CancellationToken ct, string baseUrl = "http://localhost:5000")
    {
        var root = baseUrl.TrimEnd('/');
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(CsvColumns);
        foreach (var d in rows)
        {
            var card = d.Card; // made once per row (a digest's card is made when read)
            // The owner, and whom to write to: the parent company that answers for the brand.
            foreach (var v in new[] { card.Name, root + "/brands/" + Uri.EscapeDataString(card.Slug), card.OwnerName, card.OwnerName ?? card.Name,
                         card.Sectors?.Replace(";", "; "), Wording.StatusWords.Code(d.Status), d.Summary, Wording.Codes.Of(d.Strength) })
                csv.WriteField(v ?? "");
            csv.WriteField(d.IndependentSources, default);
            csv.WriteField(d.PathPublishers, default);
            csv.WriteField(d.Sources.Count, default);
            csv.WriteField(d.ClaimCount, default);
            csv.WriteField(d.SupplierCount, default);
            foreach (var v in new[]
                     {
                         string.Join("; ", d.SupplierCountries),
                         string.Join("; ", d.SupplierProvinces),
                         string.Join("; ", d.Links.Select(l => l.End.Name).Distinct()),
                         string.Join("; ", d.Links.SelectMany(l => l.Facts).Select(f => f.Target).Distinct()),
                     })
                csv.WriteField(v);
            csv.WriteField(d.Responses.Count, default);
            foreach (var v in new[] { Wording.Codes.Of(d.LatestResponse?.Stance), d.LatestResponse?.Date, d.NewestEvidence,
                         string.Join("; ", d.Sources.Select(s => s.Publisher is null ? s.Title : $"{s.Title} ({s.Publisher})")),
                         string.Join(" ", d.Sources.Select(s => s.Url).Where(u => u is not null).Distinct()) })
                csv.WriteField(v ?? "");
            csv.EndRecord();
        }
        await csv.FlushAsync(ct);
    }
}
