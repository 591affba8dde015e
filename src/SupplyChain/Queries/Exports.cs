using System.Text.Json;
using CsvHelper;
using SupplyChain.Search;

namespace SupplyChain.Queries;

/// <summary>
/// CSV and JSON exports with provenance columns, shared by the CLI and the web. CSV text cells that begin with
/// = + - @, tab or CR are escaped (CsvInjection.Escape) so a spreadsheet never runs them; numbers stay numbers.
/// </summary>
public static class Exports
{
    public static CsvWriterOptions SafeCsv => new() { Injection = CsvInjection.Escape, WriteByteOrderMark = false };

    static readonly string[] ClaimColumns =
    [
        "claim_id", "subject_kind", "subject", "predicate", "object_kind", "object", "status", "status_reason", "confidence", "evidence_type",
        "period_from", "period_to", "quote", "summary", "page", "locator", "source_id", "source_title", "source_publisher", "source_published",
        "source_version", "source_url", "source_sha256", "citation", "external_id", "import_batch",
    ];

    /// <summary>Every claim the filter matches, page by page (no total needed).</summary>
    public static async Task<List<ClaimView>> AllClaimsAsync(EvidenceQueries queries, ClaimFilter filter, CancellationToken ct)
    {
        var all = new List<ClaimView>();
        long? after = null;
        while (true)
        {
            var page = await queries.ClaimsAsync(filter, 500, after, ct, withCount: false);
            all.AddRange(page.Items);
            if (!page.HasNextPage || page.EndCursor is null) return all;
            after = long.Parse(page.EndCursor);
        }
    }

    public static async Task WriteClaimsAsync(EvidenceQueries queries, ClaimFilter filter, string format, Stream output, CancellationToken ct)
    {
        var all = await AllClaimsAsync(queries, filter, ct);
        if (format == "csl")
        {
            await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(CslJson.Write(all)), ct);
            return;
        }
        if (format == "json")
        {
            await JsonSerializer.SerializeAsync(output, all.Select(c => new
            {
                id = c.Id, subject = new { kind = c.Subject.Kind.ToString(), c.Subject.Name, asPublished = c.SubjectAsPublished }, predicate = c.Predicate.ToString(),
                @object = new { kind = c.Object.Kind.ToString(), c.Object.Name, asPublished = c.ObjectAsPublished }, status = c.Status.ToString(), c.StatusReason,
                confidence = c.Confidence.ToString(), evidenceType = c.EvidenceType.ToString(), c.PeriodFrom, c.PeriodTo, c.Quote, c.Summary, c.Page, c.Locator,
                source = c.Source, citation = c.Citation, c.ExternalId, importBatch = c.ImportBatchId,
            }), new JsonSerializerOptions { WriteIndented = true }, ct);
            return;
        }
        await using var csv = CsvWriter.Create(output, SafeCsv, leaveOpen: true);
        csv.WriteHeader(ClaimColumns);
        foreach (var c in all)
        {
            csv.WriteField(c.Id, default);
            foreach (var v in new[] { c.Subject.Kind.ToString(), c.Subject.Name, c.Predicate.ToString(), c.Object.Kind.ToString(), c.Object.Name, c.Status.ToString(),
                         c.StatusReason, c.Confidence.ToString(), c.EvidenceType.ToString(), c.PeriodFrom, c.PeriodTo, c.Quote, c.Summary, c.Page, c.Locator })
                csv.WriteField(v ?? "");
            csv.WriteField(c.Source.Id, default);
            foreach (var v in new[] { c.Source.Title, c.Source.Publisher, c.Source.Published, c.Source.Version, c.Source.Url, c.Source.Sha256, c.Citation, c.ExternalId })
                csv.WriteField(v ?? "");
            if (c.ImportBatchId is { } b) csv.WriteField(b, default); else csv.WriteField("");
            csv.EndRecord();
        }
        await csv.FlushAsync(ct);
    }

    public static async Task WriteBrandsAsync(BrandIndex index, string format, Stream output, CancellationToken ct)
    {
        // Card positions in name order (OrdinalIgnoreCase, ties in card order as the stable OrderBy left them), names read
        // in place: each card is made as it is written, not all million at once.
        var all = index.Cards;
        var order = Enumerable.Range(0, all.Count).ToArray();
        var (sa, sb) = (new char[128], new char[128]);
        Array.Sort(order, (x, y) => all.CompareNamesIgnoreCase(x, y, sa, sb) is var c && c != 0 ? c : x.CompareTo(y));
        var cards = order.Select(i => all[i]);
        if (format == "json")
        {
            await JsonSerializer.SerializeAsync(output, cards.Select(c => new { c.Id, c.Name, c.Slug, c.Sectors, owner = c.OwnerName, status = Wording.StatusWords.Code(c.Status), c.ClaimCount, c.SourceCount }),
                new JsonSerializerOptions { WriteIndented = true }, ct);
            return;
        }
        await using var csv = CsvWriter.Create(output, SafeCsv, leaveOpen: true);
        csv.WriteHeader(["brand_id", "name", "slug", "sectors", "owner", "status", "claims", "sources"]);
        foreach (var c in cards)
        {
            csv.WriteField(c.Id, default);
            foreach (var v in new[] { c.Name, c.Slug, c.Sectors, c.OwnerName, Wording.StatusWords.Code(c.Status) }) csv.WriteField(v ?? "");
            csv.WriteField(c.ClaimCount, default);
            csv.WriteField(c.SourceCount, default);
            csv.EndRecord();
        }
        await csv.FlushAsync(ct);
    }
}
