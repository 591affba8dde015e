using System.Security.Cryptography;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SupplyChain.Server.Live;

/// <summary>A file received in a request, saved under a staging folder by its bare file name.</summary>
public sealed record UploadedFile(string Name, string Path, long Bytes, string Sha256);

/// <summary>The `Upload` scalar of the GraphQL multipart request spec: only a variable mapped to a file part can fill it.</summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType() { Name = "Upload"; Description = "A file sent as a part of a multipart/form-data request (GraphQL multipart request spec)."; }
    public override object? ParseValue(object? value) => value is UploadedFile or null ? value : ThrowValueConversionError(value);
    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : ThrowLiteralConversionError(value, "an Upload comes only from a file part of the request");
    public override object? Serialize(object? value) => (value as UploadedFile)?.Name;
}

/// <summary>
/// Reads a GraphQL multipart request (`operations`, `map`, then the files), streaming each file to a fresh staging
/// folder under its bare name (no folders, no `..`: nothing can be written outside it). The body limit is set before
/// anything is read, so an over-limit upload is refused with 413 without being read in full.
/// </summary>
public static class Uploads
{
    public sealed class UploadError(int status, string message) : Exception(message) { public int Status { get; } = status; }

    public static long MaxBytes(IConfiguration config) => config.GetValue("Imports:MaxUploadBytes", 50L * 1024 * 1024);

    public static bool IsUpload(HttpRequest r) => (r.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The deadline of a multipart GraphQL request: reading a large body and a dry run of it take longer than a query's
    /// 10 s (`Imports:UploadTimeoutSeconds`, default 300). A real import only queues its job within it.
    /// </summary>
    public static TimeSpan Timeout(IConfiguration config) => TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Imports:UploadTimeoutSeconds", 300.0), 1, 3600));

    public static string StagingRoot(IConfiguration config) => System.IO.Path.Combine(ImportJobs.Root(config), "staging");

    public static async Task<GraphQLRequest> ReadAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        var max = MaxBytes(config);
        if (http.Request.ContentLength > max) throw new UploadError(413, $"The upload is larger than {max} bytes.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max;
        // A cross-site form can send multipart without a preflight: ask for a header such a form cannot set.
        if (!http.Request.Headers.ContainsKey("Authorization") && !http.Request.Headers.ContainsKey("GraphQL-Preflight"))
            throw new UploadError(400, "A multipart request needs an Authorization header (or GraphQL-Preflight: 1).");
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(http.Request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new UploadError(400, "multipart/form-data without a boundary.");
        var staging = System.IO.Path.Combine(StagingRoot(config), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        // Whatever the request did, nothing stays in staging: a job moved its files out, a refused request leaves them here.
        http.Response.OnCompleted(() => { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); return Task.CompletedTask; });
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body);
            GraphQLRequest? operations = null;
            Dictionary<string, string[]>? map = null;
            var files = new Dictionary<string, UploadedFile>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (field == "operations")
                {
                    operations = await serializer.ReadAsync<GraphQLRequest>(section.Body, http.RequestAborted) ?? throw new UploadError(400, "'operations' is empty.");
                    continue;
                }
                if (field == "map")
                {
                    map = await JsonSerializer.DeserializeAsync<Dictionary<string, string[]>>(section.Body, cancellationToken: http.RequestAborted);
                    continue;
                }
                if (operations is null || map is null) throw new UploadError(400, "'operations' and 'map' must come before the files.");
                if (!map.ContainsKey(field)) throw new UploadError(400, $"file part '{field}' is not in 'map'.");
                var name = SafeName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                if (!names.Add(name)) throw new UploadError(400, $"two files are named '{name}'.");
                files[field] = await SaveAsync(section.Body, name, staging, http.RequestAborted);
            }
            if (operations is null || map is null) throw new UploadError(400, "A multipart request needs 'operations' and 'map' parts.");
            var variables = operations.Variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(operations.Variables);
            foreach (var (part, paths) in map)
            {
                if (!files.TryGetValue(part, out var file)) throw new UploadError(400, $"'map' names file part '{part}' but the request has none.");
                foreach (var p in paths) Place(variables, p, file);
            }
            operations.Variables = new Inputs(variables);
            return operations;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException or BadHttpRequestException)
        {
            if (Innermost(e) is BadHttpRequestException { StatusCode: 413 }) throw new UploadError(413, $"The upload is larger than {max} bytes.");
            throw new UploadError(400, $"The multipart request could not be read: {e.Message}");
        }
    }

    /// <summary>Writes one received file into a staging folder under its (already safe) name, with its size and SHA-256.</summary>
    public static async Task<UploadedFile> SaveAsync(Stream body, string safeName, string staging, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(staging, safeName);
        await using (var output = File.Create(path))
            await body.CopyToAsync(output, ct);
        var bytes = new FileInfo(path).Length;
        string sha;
        await using (var input = File.OpenRead(path)) sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(input, ct));
        return new UploadedFile(safeName, path, bytes, sha);
    }

    /// <summary>A fresh staging folder for one request's files.</summary>
    public static string NewStaging(IConfiguration config)
    {
        var staging = System.IO.Path.Combine(StagingRoot(config), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        return staging;
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    /// <summary>The bare file name a client sent; anything that could leave the folder is refused.</summary>
    public static string SafeName(string? sent)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        if (name.Length == 0 || name is "." or ".." || name.Length > 200 || name.Any(c => char.IsControl(c) || System.IO.Path.GetInvalidFileNameChars().Contains(c)))
            throw new UploadError(400, $"'{sent}' is not a usable file name.");
        return name;
    }

    /// <summary>Puts a file at `variables.NAME` or `variables.NAME.INDEX`, as the map says.</summary>
    static void Place(Dictionary<string, object?> variables, string path, UploadedFile file)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || parts[0] != "variables" || parts.Length > 3) throw new UploadError(400, $"map path '{path}' is not variables.NAME or variables.NAME.INDEX.");
        if (parts.Length == 2) { variables[parts[1]] = file; return; }
        if (!int.TryParse(parts[2], out var i) || i < 0 || i > 10_000) throw new UploadError(400, $"map path '{path}' has no usable index.");
        var list = variables.TryGetValue(parts[1], out var existing) && existing is IEnumerable<object?> items ? items.ToList() : [];
        while (list.Count <= i) list.Add(null);
        list[i] = file;
        variables[parts[1]] = list;
    }
}
