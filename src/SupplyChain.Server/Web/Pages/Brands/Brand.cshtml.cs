using Microsoft.AspNetCore.Mvc;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;
using SupplyChain.Search;

namespace SupplyChain.Server.Web.Pages.Brands;

public sealed record SourceGroup(SourceView Source, IReadOnlyList<ClaimView> Claims);

/// <summary>One line of the first screen: the factory where the transfer or listing is reported → what, with its time words.</summary>
public sealed record ThroughLine(EntityView Supplier, string Programmes, string Time, bool Ended);

public sealed class BrandModel(EvidenceQueries queries, BrandSearch search, SupplyChainDbFactory factory) : WebPage
{
    public const int ClaimsPerSource = 8;
    public const int ThroughShown = 2;

    public string Slug { get; private set; } = "";
    public BrandView? Brand { get; private set; }
    public BrandDigest? Digest { get; private set; }
    public ExposureView Exposure { get; private set; } = new(global::SupplyChain.Exposure.BrandStatus.NoEvidence, [], []);
    /// <summary>Each owner the snapshot derives from live ownership claims, as those claims (most-cited owner first).</summary>
    public IReadOnlyList<IReadOnlyList<ClaimView>> Owners { get; private set; } = [];
    /// <summary>The most-cited owner, for sentences ("or its owner Inditex").</summary>
    public EntityView? Owner => Owners.Count > 0 ? Owners[0][0].Object : null;
    public IReadOnlyList<BrandCard> OwnerBrands { get; private set; } = [];
    public IReadOnlyList<ResponseView> Responses { get; private set; } = [];
    public IReadOnlyList<SourceGroup> Groups { get; private set; } = [];
    public int ClaimCount { get; private set; }
    public string? NewestEvidence { get; private set; }
    /// <summary>First screen: factory → programme or list (repeated paths through the same factory collapse into one line).</summary>
    public IReadOnlyList<ThroughLine> Through { get; private set; } = [];
    /// <summary>First screen: the reports the finding rests on (or that name the brand).</summary>
    public IReadOnlyList<SourceView> Reports { get; private set; } = [];
    /// <summary>First screen: the brand's latest answer.</summary>
    public ResponseView? Latest { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        Brand = await queries.BrandAsync(slug, ct);
        if (Brand is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (Brand.Slug != slug) return RedirectPermanent("/brands/" + Uri.EscapeDataString(Brand.Slug)); // a merged brand's old address

        // Both halves of the page read the snapshot the search index was built from: one status everywhere.
        var index = search.Index;
        var snapshot = GraphSnapshot.Of(index);
        Exposure = await queries.ExposureAsync(snapshot, Brand.Id, ct);
        Digest = (await WebData.DigestsAsync(factory, index, ct))(Brand.Id);
        var claims = await queries.ClaimsAboutAsync(EntityKind.Brand, Brand.Id, ct: ct);
        ClaimCount = claims.Count;
        var byId = claims.ToDictionary(c => c.Id);
        Owners = snapshot.OwnersOf(Brand.Id).Select(o => (IReadOnlyList<ClaimView>)o.ClaimIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList())
            .Where(cs => cs.Count > 0).ToList();
        if (Owner is { } owner)
            OwnerBrands = snapshot.BrandsOf(owner.Id).Where(id => id != Brand.Id).Select(index.ById).OfType<BrandCard>()
                .OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Responses = await queries.ResponsesForBrandAsync(snapshot, Brand.Id, ct);
        // Claims on a path first, then the rest; reports and lists before articles, statements and long supplier lists.
        var onPath = Exposure.Paths.SelectMany(p => p.Steps.SelectMany(s => s.Claims).Concat(p.EndingClaims)).Select(c => c.Id).ToHashSet();
        Groups = claims.GroupBy(c => c.Source.Id)
            .Select(g => new SourceGroup(g.First().Source, g.OrderBy(c => c.Status == ClaimStatus.Retracted).ThenByDescending(c => onPath.Contains(c.Id))
                .ThenBy(c => c.Predicate == Predicate.SourcesFrom).ThenBy(c => c.Predicate).ThenBy(c => c.Id).ToList()))
            .OrderBy(g => SourceOrder(g.Source.Kind)).ThenByDescending(g => g.Source.Published ?? "").ThenBy(g => g.Source.Id).ToList();
        NewestEvidence = Digest?.NewestEvidence ?? claims.Select(c => c.Source.Published).Concat(Responses.Select(r => r.Date)).Where(p => p is not null).Max();
        var now = DateTime.UtcNow;
        Through = Exposure.Paths.OrderBy(p => p.Ended).GroupBy(p => p.Steps[^1].From.Ref)
            .Select(g => new ThroughLine(g.First().Steps[^1].From, string.Join(" and ", g.Select(p => p.Steps[^1].To.Name).Distinct()),
                g.First().Time(now), g.All(p => p.Ended)))
            .ToList();
        Reports = Exposure.Paths.SelectMany(p => p.Steps[^1].Claims).Select(c => c.Source)
            .Concat(claims.Where(c => c.Predicate == Predicate.NamedIn && c.Status != ClaimStatus.Retracted).Select(c => c.Source))
            .DistinctBy(x => x.Id).OrderBy(x => SourceOrder(x.Kind)).ThenBy(x => x.Published ?? "9999").ToList();
        Latest = Responses.LastOrDefault(r => r.Date is not null) ?? Responses.LastOrDefault();
        return Page();
    }

    static int SourceOrder(SourceKind k) => k switch
    {
        SourceKind.Report => 0, SourceKind.GovernmentList => 1, SourceKind.NewsArticle => 2, SourceKind.CompanyStatement => 3,
        SourceKind.SupplierDisclosure => 4, _ => 5,
    };

    /// <summary>Denials and disputes that answer this step.</summary>
    public IReadOnlyList<CounterView> CounterFor(StepView step) =>
        Exposure.Counter.Where(c => c.StepFrom.Ref == step.From.Ref && c.StepTo.Ref == step.To.Ref).ToList();

    /// <summary>Statements by the brand that answer no step of a path (e.g. a denial about a supplier we hold no path through).</summary>
    public IReadOnlyList<CounterView> LooseCounter =>
        Exposure.Counter.Where(c => !Exposure.Paths.SelectMany(p => p.Steps).Any(s => s.From.Ref == c.StepFrom.Ref && s.To.Ref == c.StepTo.Ref)).ToList();
}
