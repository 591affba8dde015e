using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SupplyChain.Domain;
using SupplyChain.Live;
using SupplyChain.Review;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.Web.Pages.Review;

/// <summary>
/// /review (researchers): the pending match candidates, each answered as the same entity (merge), two entities
/// (reject) or, for a pair of brands, one owned by the other, which needs a source. Decisions go through the same
/// ReviewQueue as GraphQL decideMatch and CLI review; the search index and pages follow at once.
/// </summary>
[Authorize(Roles = ApiKeyAuthentication.Researcher)]
public sealed class ReviewModel(ReviewQueue queue, DataRefresh refresh) : WebPage
{
    public IReadOnlyList<MatchCandidate> Pending { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pending = await queue.PendingAsync(200, ct);

    public async Task<IActionResult> OnPostDecideAsync(long id, string? decision, long? owner, long? sourceId, string? url, string? title, string? quote, string? note, CancellationToken ct)
    {
        var actor = Imports.ImportsModel.Actor(User);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        try
        {
            var c = decision switch
            {
                "merge" => await queue.DecideAsync(id, MatchDecision.Merge, actor, note, ct),
                "reject" => await queue.DecideAsync(id, MatchDecision.Reject, actor, note, ct),
                "owned-by" => await queue.DecideOwnedByAsync(id, owner ?? throw new ReviewException("choose which side owns the other"),
                    new OwnershipSource(sourceId, url, title, quote), actor, note, ct),
                _ => throw new ReviewException("choose a decision: same, different or owned by"),
            };
            await refresh.RefreshAsync(ct: ct);
            Done = $"Candidate {c.Id}: {Words.MatchStatus(c.Status)}.";
        }
        catch (ReviewException e)
        {
            Problem = $"Candidate {id}: {e.Message}. Nothing was written.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Pending = await queue.PendingAsync(200, ct);
        return Page();
    }
}
