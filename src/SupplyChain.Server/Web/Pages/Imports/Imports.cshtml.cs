using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Live;
using SupplyChain.Server.Access;
using SupplyChain.Server.Live;

namespace SupplyChain.Server.Web.Pages.Imports;

/// <summary>
/// /imports (researchers): upload a manifest and its files, read the dry run, start the import, and see recent jobs.
/// The uploads go through the same job machinery as GraphQL `importReport`: the preview keeps them as a draft that
/// only its uploader can start; starting queues the job and opens its page (/imports/{id}). Forms carry antiforgery
/// tokens (Razor Pages check every POST).
/// </summary>
[Authorize(Roles = ApiKeyAuthentication.Researcher)]
public sealed class ImportsModel(ImportJobs jobs, SupplyChainDbFactory factory, IConfiguration config) : WebPage
{
    public const int MaxFiles = 100;

    public List<ImportJob> Recent { get; private set; } = [];
    public ImportJob? Preview { get; private set; }
    public string? Token { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>Who is acting, as the job records it; the same form as importReport's.</summary>
    public static string Actor(System.Security.Claims.ClaimsPrincipal user) => user.Identity?.Name is { } n ? $"key:{n}" : "anonymous";

    public async Task OnGetAsync(CancellationToken ct) => await LoadRecentAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? manifest, List<IFormFile> files, CancellationToken ct)
    {
        if (manifest is null || manifest.Length == 0) return await RefuseAsync("Choose the manifest (a .json file).", ct);
        if (files.Count > MaxFiles) return await RefuseAsync($"At most {MaxFiles} files at once.", ct);
        var staging = Uploads.NewStaging(config);
        try
        {
            var saved = new List<UploadedFile>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in files.Where(f => f.Length > 0 || f.FileName.Length > 0))
            {
                var name = Uploads.SafeName(f.FileName);
                if (!names.Add(name)) return await RefuseAsync($"Two files are named '{name}'.", ct);
                await using var body = f.OpenReadStream();
                saved.Add(await Uploads.SaveAsync(body, name, staging, ct));
            }
            var manifestName = Uploads.SafeName(manifest.FileName);
            if (names.Contains(manifestName)) return await RefuseAsync($"The manifest and a file are both named '{manifestName}'.", ct);
            var manifestDir = Directory.CreateDirectory(Path.Combine(staging, "manifest")).FullName;
            UploadedFile m;
            await using (var body = manifest.OpenReadStream()) m = await Uploads.SaveAsync(body, manifestName, manifestDir, ct);
            (Token, Preview) = await jobs.DraftAsync(m, saved, Actor(User), ct);
        }
        catch (Uploads.UploadError e) { return await RefuseAsync(e.Message, ct); }
        finally { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); }
        if (Preview.State == ImportJobState.Failed) { Token = null; Response.StatusCode = StatusCodes.Status422UnprocessableEntity; }
        await LoadRecentAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string? token, CancellationToken ct)
    {
        var job = await jobs.StartDraftAsync(token ?? "", Actor(User), ct);
        if (job is null) return await RefuseAsync("That preview has been started already or has expired: upload the files again.", ct, StatusCodes.Status409Conflict);
        return Redirect($"/imports/{job.Id}");
    }

    async Task<IActionResult> RefuseAsync(string problem, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        Problem = problem;
        Response.StatusCode = status;
        await LoadRecentAsync(ct);
        return Page();
    }

    async Task LoadRecentAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        Recent = await db.ImportJobs.OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
    }
}
