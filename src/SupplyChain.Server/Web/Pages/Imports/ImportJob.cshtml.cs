using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;
using SupplyChain.Live;
using SupplyChain.Server.Access;
using SupplyChain.Server.GraphQL;
using SupplyChain.Server.Live;

namespace SupplyChain.Server.Web.Pages.Imports;

/// <summary>
/// /imports/{id} (researchers): a job's progress, then its summary with links to the brands it created and changed,
/// the claims it retracted and the review-queue candidates it opened. With JavaScript the progress bar polls
/// ?handler=progress (a small JSON answer); without it the page reloads itself every two seconds until the job ends.
/// </summary>
[Authorize(Roles = ApiKeyAuthentication.Researcher)]
public sealed class ImportJobModel(ImportJobs jobs, SupplyChainDbFactory factory) : WebPage
{
    const int Shown = 200;

    public ImportJob Job { get; private set; } = null!;
    public int Percent { get; private set; }
    public (int Done, int Total) Rows { get; private set; }
    public bool Finished => Job.State is ImportJobState.Succeeded or ImportJobState.Failed;
    public List<(string Name, string Slug)> NewBrands { get; } = [];
    public List<(string Name, string Slug)> ChangedBrands { get; } = [];
    public List<(long Id, string Subject)> Retracted { get; } = [];
    public List<(MatchCandidate Candidate, string? IncomingSlug, string? ExistingSlug)> Candidates { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Finished) await LoadOutcomeAsync(ct);
        return Page();
    }

    /// <summary>The progress bar's poll: state, percent and rows, nothing else.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { state = Job.State.ToString().ToUpperInvariant(), percent = Percent, rowsRead = Rows.Done, rowsTotal = Rows.Total, finished = Finished });
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var db = factory.Create();
        if (await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, ct) is not { } job) return false;
        Job = job;
        Percent = ImportJobType.Percent(job, jobs);
        Rows = job.State == ImportJobState.Running && jobs.Progress(job.Id) is { } p ? p : (job.RowsRead, job.RowsTotal);
        return true;
    }

    async Task LoadOutcomeAsync(CancellationToken ct)
    {
        if (Job.Outcome is null) return;
        var batches = JsonDocument.Parse(Job.Outcome).RootElement.TryGetProperty("batches", out var b)
            ? b.EnumerateArray().Select(x => x.GetInt64()).ToList() : [];
        await using var db = factory.Create();
        if (batches.Count > 0)
        {
            var created = await db.Brands.Where(x => x.ImportBatchId != null && batches.Contains(x.ImportBatchId.Value))
                .OrderBy(x => x.Name).Select(x => new { x.Id, x.Name, x.Slug }).Take(Shown).ToListAsync(ct);
            NewBrands.AddRange(created.Select(x => (x.Name, x.Slug)));
            var createdIds = created.Select(x => x.Id).ToHashSet();
            var touched = await db.Claims.Where(c => c.ImportBatchId != null && batches.Contains(c.ImportBatchId.Value) && c.SubjectKind == EntityKind.Brand)
                .Select(c => c.SubjectId).Distinct().Take(Shown * 2).ToListAsync(ct);
            var changedIds = touched.Where(i => !createdIds.Contains(i)).ToList();
            var candidates = await db.MatchCandidates.Where(c => c.ImportBatchId != null && batches.Contains(c.ImportBatchId.Value))
                .OrderBy(c => c.Id).Take(Shown).ToListAsync(ct);
            if (Job.SourceId is { } sourceId)
            {
                // Claims of the previous version that this version no longer repeats (ImportWriter.RetireOldVersionAsync).
                var reason = $"(source {sourceId})";
                var retracted = await db.Claims.Where(c => c.Status == ClaimStatus.Retracted && c.StatusReason != null && c.StatusReason.EndsWith(reason))
                    .OrderBy(c => c.Id).Select(c => new { c.Id, c.SubjectKind, c.SubjectId, c.SubjectAsPublished }).Take(Shown).ToListAsync(ct);
                Retracted.AddRange(retracted.Select(c => (c.Id, c.SubjectAsPublished ?? $"{c.SubjectKind} {c.SubjectId}")));
                changedIds.AddRange(retracted.Where(c => c.SubjectKind == EntityKind.Brand && !createdIds.Contains(c.SubjectId)).Select(c => c.SubjectId));
            }
            var slugIds = changedIds.Concat(candidates.Where(c => c.EntityKind == EntityKind.Brand).SelectMany(c => new[] { c.IncomingId, c.ExistingId })).Distinct().ToList();
            var slugs = await db.Brands.Where(x => slugIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => (x.Name, x.Slug), ct);
            ChangedBrands.AddRange(changedIds.Distinct().Where(slugs.ContainsKey).Select(i => slugs[i]).OrderBy(x => x.Name).Take(Shown));
            foreach (var c in candidates)
                Candidates.Add((c, c.EntityKind == EntityKind.Brand && slugs.TryGetValue(c.IncomingId, out var i) ? i.Slug : null,
                    c.EntityKind == EntityKind.Brand && slugs.TryGetValue(c.ExistingId, out var e) ? e.Slug : null));
        }
    }
}
