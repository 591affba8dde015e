using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SupplyChain.Corrections;
using SupplyChain.Domain;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.Web.Pages.Corrections;

/// <summary>
/// /corrections: the public corrections and right-of-reply form. The POST is checked for an antiforgery token (Razor
/// Pages does so for every form POST), rate limited per address, stored with an audit record, and waits in the
/// researchers' queue (GraphQL `corrections`). No e-mail is asked for.
/// </summary>
[EnableRateLimiting(RateLimits.Policy)]
public sealed class CorrectionsModel(CorrectionsQueue queue) : WebPage
{
    [BindProperty] public CorrectionKind Kind { get; set; } = CorrectionKind.Correction;
    [BindProperty, Required, StringLength(300)] public string Address { get; set; } = "";
    [BindProperty, Required(ErrorMessage = "Say what is wrong or missing."), StringLength(CorrectionsQueue.MaxText)] public string Text { get; set; } = "";
    [BindProperty, StringLength(1000), Url(ErrorMessage = "The source must be a web address (https://…).")] public string? EvidenceUrl { get; set; }
    [BindProperty, StringLength(200)] public string? SentBy { get; set; }

    public long? ReceivedId { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet(string? brand, string? claim)
    {
        Address = brand is { Length: > 0 } b ? "/brands/" + b : claim is { Length: > 0 } c ? "/claims/" + c : "";
        if (Request.Query["kind"] == "reply") Kind = CorrectionKind.RightOfReply;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) { Response.StatusCode = StatusCodes.Status400BadRequest; return Page(); }
        try
        {
            var stored = await queue.SubmitAsync(new CorrectionInput(Kind, Address, Text, EvidenceUrl, SentBy),
                HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
            ReceivedId = stored.Id;
        }
        catch (TooManyCorrectionsException)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "3600";
            Problem = $"We have received {CorrectionsQueue.PerSenderPerHour} submissions from your address in the last hour. Please try again later.";
        }
        return Page();
    }
}
