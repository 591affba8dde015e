using SupplyChain.Data;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages.Targets;

public sealed class TargetsModel(BrandSearch search, SupplyChainDbFactory factory) : WebPage
{
    public const int PageSize = 100;

    public TargetFilter Filter { get; private set; } = new();
    public IReadOnlyList<BrandDigest> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public bool Print { get; private set; }
    public IReadOnlyList<string> Sectors { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public IReadOnlyList<SourceRef> Sources { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = TargetArgs.Parse(Request.Query);
        Print = Request.Query["print"] == "1";
        var all = await new TargetQueries(factory).DigestsAsync(search.Index, ct);
        var evidence = all.Where(d => d.Status != Exposure.BrandStatus.NoEvidence).ToList();
        Sectors = TargetQueries.SectorsOf(evidence);
        Countries = evidence.SelectMany(d => d.SupplierCountries).Distinct().OrderBy(Words.Country, StringComparer.OrdinalIgnoreCase).ToList();
        Sources = evidence.SelectMany(d => d.Sources).DistinctBy(s => s.Id).OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
        var rows = TargetQueries.Filter(all, Filter);
        Total = rows.Count;
        if (Print) { Rows = rows; return; } // the print view is the whole list
        PageNumber = int.TryParse(Request.Query["page"], out var p) ? Math.Clamp(p, 1, Math.Max(1, (Total + PageSize - 1) / PageSize)) : 1;
        Rows = rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }
}
