using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Live;
using SupplyChain.Queries;
using SupplyChain.Server.Access;
using SupplyChain.Server.Live;

namespace SupplyChain.Server.GraphQL;

public sealed class ImportJobStateType : EnumerationGraphType<ImportJobState> { public ImportJobStateType() { Name = "ImportJobState"; } }

public sealed class ImportJobType : ObjectGraphType<ImportJob>
{
    public ImportJobType()
    {
        Name = "ImportJob";
        Description = "An import submitted through the API or /imports. A dry run is never stored: its id is 0.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<ImportJobStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<IntGraphType>>("rowsRead").Resolve(c => Progress(c).Done);
        Field<NonNullGraphType<IntGraphType>>("rowsTotal").Resolve(c => Progress(c).Total);
        Field<NonNullGraphType<IntGraphType>>("percent").Resolve(c => Percent(c.Source, c.RequestServices!.GetRequiredService<ImportJobs>()));
        Field<DateTimeGraphType>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeGraphType>("finishedAt").Resolve(c => c.Source.FinishedAt);
        Field<StringGraphType>("summary").Resolve(c => c.Source.Summary);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("errors").Description("Each as file:line:column: reason.")
            .Resolve(c => (c.Source.Errors ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("files").Description("Every uploaded file as `name (bytes, sha256)`, kept with the job.")
            .Resolve(c => JsonSerializer.Deserialize<List<JsonElement>>(c.Source.Files)!.Select(f => $"{f.GetProperty("name")} ({f.GetProperty("bytes")} bytes, sha256 {f.GetProperty("sha256")})"));
        Field<SourceType>("source").ResolveAsync(async c => c.Source.SourceId is { } id ? await c.Queries().SourceAsync(id, c.CancellationToken) : null);
    }

    static (int Done, int Total) Progress(IResolveFieldContext<ImportJob> c) =>
        c.Source.State == ImportJobState.Running && c.RequestServices!.GetRequiredService<ImportJobs>().Progress(c.Source.Id) is { } p ? p : (c.Source.RowsRead, c.Source.RowsTotal);

    public static int Percent(ImportJob job, ImportJobs jobs) => job.State switch
    {
        ImportJobState.Succeeded or ImportJobState.Failed => 100,
        ImportJobState.Running when jobs.Progress(job.Id) is { Total: > 0 } p => Math.Min(99, 100 * p.Done / p.Total),
        _ => 0,
    };
}

public sealed class ImportJobConnectionType : ConnectionType<ImportJobType, ImportJob> { public ImportJobConnectionType() : base("ImportJobConnection") { } }

/// <summary>The import fields of Query and Mutation (researchers only).</summary>
public static class ImportJobFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<ImportJobType>("importJob").Argument<NonNullGraphType<IdGraphType>>("id")
            .AuthorizeWithRoles(ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c =>
            {
                await using var db = c.RequestServices!.GetRequiredService<SupplyChainDbFactory>().Create();
                var id = c.GetArgument<long>("id");
                return await db.ImportJobs.FirstOrDefaultAsync(j => j.Id == id, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ImportJobConnectionType>>("importJobs").Description("Newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20).Argument<StringGraphType>("after")
            .AuthorizeWithRoles(ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c =>
            {
                var first = QueryType.Page(c.GetArgument("first", 20));
                var after = Cursor.Decode(c.GetArgument<string?>("after"));
                await using var db = c.RequestServices!.GetRequiredService<SupplyChainDbFactory>().Create();
                var q = db.ImportJobs.AsQueryable();
                var items = await (after is { } a ? q.Where(j => j.Id < a) : q).OrderByDescending(j => j.Id).Take(first + 1).ToListAsync(c.CancellationToken);
                var page = items.Take(first).ToList();
                return new Page<ImportJob>(page, await q.CountAsync(c.CancellationToken), items.Count > first, page.LastOrDefault()?.Id.ToString());
            });
    }

    public static void AddMutation(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ImportJobType>>("importReport")
            .Description("Import a report: the manifest and its files as uploads (GraphQL multipart request spec). Uploaded files stand in for the files the manifest names, by file name. " +
                "dryRun: returns at once what would be created, matched, queued and retracted, and every error, writing nothing. Otherwise the job is queued and runs as one transaction.")
            .Argument<NonNullGraphType<UploadGraphType>>("manifest").Argument<NonNullGraphType<ListGraphType<NonNullGraphType<UploadGraphType>>>>("files")
            .Argument<BooleanGraphType>("dryRun", a => a.DefaultValue = false)
            .AuthorizeWithRoles(ApiKeyAuthentication.Researcher)
            .ResolveAsync(async c =>
            {
                var manifest = c.GetArgument<UploadedFile>("manifest");
                var files = c.GetArgument<List<UploadedFile>>("files");
                var actor = c.User?.Identity?.Name is { } n ? $"key:{n}" : "anonymous";
                return await c.RequestServices!.GetRequiredService<ImportJobs>().SubmitAsync(manifest, files, c.GetArgument("dryRun", false), actor, c.CancellationToken);
            });
    }
}
