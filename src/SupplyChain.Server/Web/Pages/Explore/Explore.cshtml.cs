using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web.Pages.Explore;

public sealed class ExploreModel(EvidenceQueries queries, SupplyChainDbFactory factory) : WebPage
{
    public const int PageSize = 50;

    public ClaimFilter Filter { get; private set; } = new();
    public Page<ClaimView> Results { get; private set; } = new([], 0, false, null);
    public IReadOnlyList<(long Id, string Title, string? Publisher)> Sources { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Programmes { get; private set; } = [];
    public string? SubjectName { get; private set; }
    public bool Paged { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = ExploreArgs.Parse(Request.Query);
        long? after = long.TryParse(Request.Query["after"], out var a) ? a : null;
        Paged = after is not null;
        Results = await queries.ClaimsAsync(Filter, PageSize, after, ct);
        await using var db = factory.Create();
        Sources = (await db.Sources.AsNoTracking().OrderBy(s => s.Title).Select(s => new { s.Id, s.Title, s.Publisher }).ToListAsync(ct))
            .Select(s => (s.Id, s.Title, s.Publisher)).ToList();
        // The filter matches claims whose object is the programme, so only those are offered (not the DOL list's
        // hundreds of "good from country" subjects).
        Programmes = (await db.Programmes.AsNoTracking().Where(p => p.MergedIntoId == null
                && db.Claims.Any(c => c.ObjectKind == Domain.EntityKind.Programme && c.ObjectId == p.Id)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        if (Filter.SubjectKind is { } kind && Filter.SubjectId is { } id)
            SubjectName = (await EvidenceQueries.NamesAsync(db, [new Exposure.EntityRef(kind, id)], ct)).Values.First().Name;
    }
}
