using Microsoft.AspNetCore.Mvc;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web.Pages.Claims;

public sealed class ClaimModel(EvidenceQueries queries) : WebPage
{
    public long Id { get; private set; }
    public ClaimView? Claim { get; private set; }
    public string PlainCitation { get; private set; } = "";
    public string BibTeX { get; private set; } = "";
    public string Ris { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Id = id;
        Claim = await queries.ClaimAsync(id, ct);
        if (Claim is null || !Domain.ClaimStatuses.IsShown(Claim.Status))
        {
            Claim = null; // a proposed claim is not evidence and has no public page
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        PlainCitation = Claim.Citation;
        BibTeX = Citation.BibTeX(Claim);
        Ris = Citation.Ris(Claim);
        return Page();
    }
}
