using SupplyChain.Data;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web.Pages.Sources;

public sealed class SourcesModel(EvidenceQueries queries, SupplyChainDbFactory factory) : WebPage
{
    public IReadOnlyList<SourceView> All { get; private set; } = [];
    public Dictionary<long, Coverage> Stats { get; private set; } = [];
    public Dictionary<long, long> SupersededBy { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = new List<SourceView>();
        long? after = null;
        while (true)
        {
            var page = await queries.SourcesAsync(500, after, ct);
            all.AddRange(page.Items);
            if (!page.HasNextPage || page.EndCursor is null) break;
            after = long.Parse(page.EndCursor);
        }
        Stats = await SourceStats.AllAsync(factory, ct);
        SupersededBy = all.Where(s => s.SupersedesId is not null).GroupBy(s => s.SupersedesId!.Value).ToDictionary(g => g.Key, g => g.Max(s => s.Id));
        All = all.OrderBy(s => KindOrder(s.Kind)).ThenByDescending(s => s.Published ?? "").ThenBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static int KindOrder(Domain.SourceKind k) => k switch
    {
        Domain.SourceKind.Report => 0, Domain.SourceKind.GovernmentList => 1, Domain.SourceKind.SupplierDisclosure => 2,
        Domain.SourceKind.NewsArticle => 3, Domain.SourceKind.CompanyStatement => 4, Domain.SourceKind.Dataset => 5, _ => 6,
    };
}
