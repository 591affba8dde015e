using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SupplyChain.Server.Access;

namespace SupplyChain.Server.GraphQL;

/// <summary>
/// Our GraphQL-over-HTTP endpoint (the GraphQL.Server packages are not served to us). POST application/json and GET for
/// queries; mutations only by POST (GET → 405); batches are refused (400) so one request is one operation and the
/// limits mean what they say. With Accept: application/graphql-response+json a request error answers 4xx; with plain
/// application/json it answers 200 and the error in `errors`, as the spec allows for legacy clients.
/// </summary>
public static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const long MaxBodyBytes = 512 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapGet("/graphql", Handle).RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);
        app.MapPost("/graphql", Handle).RequireCors("public-read").RequireRateLimiting(RateLimits.Policy);
    }

    static async Task Handle(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, GraphQLLimits limits, ISchema schema,
        IHostApplicationLifetime lifetime, ResponseCache cache)
    {
        // One deadline for everything below (reading, parsing, validation, execution, writing), cancelled early when
        // the client leaves or the server is shutting down.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        // An upload (importReport) is read and, for a dry run, imported within the request: it gets the longer upload deadline.
        var timeout = Live.Uploads.IsUpload(http.Request) ? Live.Uploads.Timeout(http.RequestServices.GetRequiredService<IConfiguration>()) : limits.Timeout;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        deadline.CancelAfter(timeout);
        // The timer can fire late on a busy machine, after a fast execution: the clock is read too before answering.
        void CheckDeadline()
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout) deadline.Cancel();
            deadline.Token.ThrowIfCancellationRequested();
        }
        try { await HandleAsync(http, executer, serializer, limits, schema, cache, deadline.Token, CheckDeadline); }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (http.RequestAborted.IsCancellationRequested || http.Response.HasStarted) return; // nobody to tell
            var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
            if (stopping) http.Response.Headers.RetryAfter = "5";
            await WriteErrorAsync(http, serializer, stopping ? 503 : 504, stopping ? "The server is shutting down; try again shortly."
                : $"The request took longer than {timeout.TotalSeconds:0} s and was stopped.", AcceptsGraphQLResponse(http.Request), CancellationToken.None);
        }
        catch (ResponseTooLargeException)
        {
            http.Abort(); // headers and part of the body are gone already: cut the connection rather than send half a document
        }
    }

    static async Task HandleAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, GraphQLLimits limits, ISchema schema,
        ResponseCache cache, CancellationToken ct, Action checkDeadline)
    {
        var useSpecMedia = AcceptsGraphQLResponse(http.Request);
        var isGet = http.Request.Method == HttpMethods.Get;
        GraphQLRequest? request;
        // A small anonymous request is read whole first: its exact bytes are the key of the response cache (ResponseCache.cs).
        ResponseCache.Key? key = null;
        ResponseCache.Generation? generation = null;
        try
        {
            var raw = !cache.Admits(http) ? null : isGet ? SmallQueryString(http.Request) : await SmallJsonBodyAsync(http, ct);
            if (raw is not null)
            {
                key = ResponseCache.KeyOf(http.Request.Method, raw);
                generation = cache.Current();
                if (await cache.TryGetAsync(generation, key, ct) is { } held)
                {
                    checkDeadline();
                    http.Response.StatusCode = 200;
                    await WriteWholeAsync(http, held, useSpecMedia);
                    return;
                }
            }
            request = isGet ? FromQueryString(http.Request, serializer) : raw is not null ? await FromSmallBodyAsync(raw, serializer, ct) : await FromBodyAsync(http, serializer, ct);
        }
        catch (RequestError e)
        {
            await WriteErrorAsync(http, serializer, e.Status, e.Message, useSpecMedia, ct);
            return;
        }
        if (request is null) return;
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteErrorAsync(http, serializer, 400, "The request has no 'query'.", useSpecMedia, ct);
            return;
        }

        if (limits.CheckText(request.Query) is { } tooMany)
        {
            await WriteErrorAsync(http, serializer, 400, tooMany, useSpecMedia, ct);
            return;
        }
        // A document that does not parse or names no operation is a request error: 400 under the spec's media type,
        // 200 with `errors` for clients accepting only application/json (GraphQL over HTTP; the graphql-http audits 572B, FDE2).
        var documentErrorStatus = useSpecMedia ? 400 : 200;
        var remembered = limits.RememberedDocument(request.Query);
        GraphQLDocument document;
        try { document = remembered ?? Parser.Parse(request.Query); }
        catch (GraphQLSyntaxErrorException e)
        {
            await WriteErrorAsync(http, serializer, documentErrorStatus, $"Syntax error: {e.Description} (line {e.Location.Line}, column {e.Location.Column}).", useSpecMedia, ct);
            return;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            await WriteErrorAsync(http, serializer, documentErrorStatus, "The document is nested too deeply to parse.", useSpecMedia, ct);
            return;
        }
        var operation = FindOperation(document, request.OperationName);
        if (operation is null)
        {
            await WriteErrorAsync(http, serializer, documentErrorStatus, request.OperationName is null ? "The document has several operations: name one with 'operationName'." : $"No operation named '{request.OperationName}'.", useSpecMedia, ct);
            return;
        }
        if (http.Request.Method == HttpMethods.Get && operation.Operation != OperationType.Query)
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, 405, "Mutations must be sent by POST.", useSpecMedia, ct);
            return;
        }
        // Shape, then cost and depth for these variables, before any validation rule. A text that passed them is not
        // counted again (the counts read only the text), and cost and depth are skipped only for a request whose key
        // (text, roles, and every variable cost can read) passed them before: another page size or @skip value is checked.
        schema.Initialize();
        var requestKey = GraphQLLimits.RequestKey(request.Query, http.User, request.Variables);
        var refused = remembered is null ? limits.CheckShape(document, request.Variables) : limits.CheckVariableCount(request.Variables);
        if (refused is null && !limits.IsRememberedRequest(requestKey)) refused = limits.CheckCost(document, request.Variables, schema, ct);
        if (refused is not null)
        {
            await WriteErrorAsync(http, serializer, useSpecMedia ? 400 : 200, refused, useSpecMedia, ct);
            return;
        }

        // Whether the answer may be kept, read before executing (it may read the database's data version).
        var keepAt = key is null ? null : await cache.BeforeExecutionAsync(document, operation, ct);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = document;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = ct;
            options.ThrowOnUnhandledException = false;
            // Concurrent: resolvers run in parallel and share per-request loads through it (Resolve.Once).
            options.UserContext = new System.Collections.Concurrent.ConcurrentDictionary<string, object?> { ["http"] = http };
            options.ValidationRules = limits.RulesFor(request.Query, requestKey);
        });
        checkDeadline(); // a cancelled or overdue execution answers with the timeout, not with partial data

        if (result.Executed) limits.RememberValid(request.Query, requestKey, document);
        if (result.Errors is { Count: var count } errors && count > limits.MaxErrors)
        {
            var kept = new ExecutionErrors();
            foreach (var e in errors.Take(limits.MaxErrors)) kept.Add(e);
            kept.Add(new ExecutionError($"... and {count - limits.MaxErrors} more errors."));
            result.Errors = kept;
        }
        http.Response.ContentType = (useSpecMedia ? GraphQLResponse : "application/json") + "; charset=utf-8";
        // A request error (nothing executed) is 400 under the spec's media type; an execution error still has data.
        // A refused role is 401 (no credentials) or 403 (credentials without the role), whatever the media type.
        var denied = !result.Executed && result.Errors?.Any(e => e is global::GraphQL.Validation.ValidationError v && v.Number == RoleAuthorizationRule.Code) == true;
        http.Response.StatusCode = denied ? (http.User.Identity?.IsAuthenticated == true ? 403 : 401)
            : useSpecMedia && !result.Executed ? 400 : 200;
        if (keepAt is { } databaseVersion && result.Executed && result.Errors is not { Count: > 0 } && http.Response.StatusCode == 200)
        {
            // Rendered whole, then written at once with its length, and kept.
            using var buffer = new MemoryStream();
            await using (var capped = new CappedStream(buffer, limits.MaxResponseBytes)) await serializer.WriteAsync(capped, result, ct);
            checkDeadline();
            var rendered = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            await WriteWholeAsync(http, rendered, useSpecMedia);
            cache.Put(generation!, key!, rendered.Span, databaseVersion);
            return;
        }
        await using var body = new CappedStream(http.Response.Body, limits.MaxResponseBytes);
        await serializer.WriteAsync(body, result, ct);
    }

    /// <summary>
    /// A rendered response in one write with its Content-Length. The deadline was checked just before; the write itself is
    /// not cancelled half-way (a short body to a client that is there), so the length sent is always the length written.
    /// </summary>
    static async Task WriteWholeAsync(HttpContext http, ReadOnlyMemory<byte> body, bool specMedia)
    {
        http.Response.ContentType = (specMedia ? GraphQLResponse : "application/json") + "; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, CancellationToken.None);
    }

    /// <summary>The GET query string as bytes, when short enough to be a cache key.</summary>
    static byte[]? SmallQueryString(HttpRequest r) =>
        r.QueryString.Value is { Length: > 0 and <= ResponseCache.MaxRequestBytes } q ? System.Text.Encoding.UTF8.GetBytes(q) : null;

    /// <summary>
    /// A JSON POST body of known length up to <see cref="ResponseCache.MaxRequestBytes"/>, read whole; null for anything
    /// else (uploads, other media types, chunked or larger bodies), which <see cref="FromBodyAsync"/> reads as before.
    /// </summary>
    static async Task<byte[]?> SmallJsonBodyAsync(HttpContext http, CancellationToken ct)
    {
        var r = http.Request;
        if (r.ContentLength is not (> 0 and <= ResponseCache.MaxRequestBytes) || Live.Uploads.IsUpload(r) || !IsJson(r)) return null;
        var bytes = new byte[r.ContentLength.Value];
        // Read whole without the deadline: a body read cancelled part way can leave Kestrel unable to answer on the
        // connection at all (seen as a response that ended prematurely instead of the 504). The body is small and
        // Kestrel's minimum data rate still bounds a slow sender; the deadline is checked as soon as it is read.
        try { await r.Body.ReadExactlyAsync(bytes, http.RequestAborted); }
        catch (EndOfStreamException) { throw new RequestError(400, "The body is shorter than its Content-Length."); }
        ct.ThrowIfCancellationRequested();
        return bytes;
    }

    static async Task<GraphQLRequest> FromSmallBodyAsync(byte[] raw, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        var first = raw.AsSpan().IndexOfAnyExcept(" \n\r\t"u8);
        if (first >= 0 && raw[first] == (byte)'[')
            throw new RequestError(400, "Batched requests (a JSON array) are not accepted: send one operation per request.");
        try { return await serializer.ReadAsync<GraphQLRequest>(new MemoryStream(raw, writable: false), ct) ?? throw new RequestError(400, "The body is empty."); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or GraphQLSyntaxErrorException)
        {
            throw new RequestError(400, "The body is not a GraphQL request in JSON.");
        }
    }

    /// <summary>The media type itself, exactly: "application/jsonp" or "application/json-seq" are not JSON.</summary>
    static bool IsJson(HttpRequest r)
    {
        var type = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(r.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Equals(GraphQLResponse, StringComparison.OrdinalIgnoreCase);
    }

    static bool AcceptsGraphQLResponse(HttpRequest r) =>
        r.Headers.Accept.Any(a => a is not null && a.Contains(GraphQLResponse, StringComparison.OrdinalIgnoreCase));

    static GraphQLOperationDefinition? FindOperation(GraphQLDocument doc, string? name)
    {
        var ops = doc.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (name is null) return ops.Count == 1 ? ops[0] : null;
        return ops.FirstOrDefault(o => o.Name?.StringValue == name);
    }

    sealed class RequestError(int status, string message) : Exception(message) { public int Status { get; } = status; }

    static GraphQLRequest FromQueryString(HttpRequest r, IGraphQLTextSerializer serializer)
    {
        Inputs? variables = null;
        if (r.Query["variables"].ToString() is { Length: > 0 } v)
        {
            try { variables = serializer.Deserialize<Inputs>(v); }
            catch (Exception e) when (e is JsonException or GraphQLSyntaxErrorException or InvalidOperationException) { throw new RequestError(400, "'variables' is not a JSON object."); }
        }
        return new GraphQLRequest { Query = r.Query["query"], OperationName = NullIfEmpty(r.Query["operationName"]), Variables = variables };
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    static async Task<GraphQLRequest?> FromBodyAsync(HttpContext http, IGraphQLTextSerializer serializer, CancellationToken ct)
    {
        var r = http.Request;
        if (Live.Uploads.IsUpload(r)) // file uploads (importReport): Live/Uploads.cs
        {
            try { return await Live.Uploads.ReadAsync(http, serializer); }
            catch (Live.Uploads.UploadError e) { throw new RequestError(e.Status, e.Message); }
        }
        if (!IsJson(r))
            throw new RequestError(415, "POST bodies must be application/json.");
        if (r.ContentLength > MaxBodyBytes) throw new RequestError(413, $"The request body is larger than {MaxBodyBytes} bytes.");
        // Kestrel enforces the limit while we read (chunked bodies too); nothing is buffered or copied on our side.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            if (await StartsWithArrayAsync(r.BodyReader, ct))
                throw new RequestError(400, "Batched requests (a JSON array) are not accepted: send one operation per request.");
            return await serializer.ReadAsync<GraphQLRequest>(r.Body, ct) ?? throw new RequestError(400, "The body is empty.");
        }
        catch (Exception e) when (Innermost(e) is BadHttpRequestException { StatusCode: 413 })
        {
            throw new RequestError(413, $"The request body is larger than {MaxBodyBytes} bytes.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or GraphQLSyntaxErrorException)
        {
            throw new RequestError(400, "The body is not a GraphQL request in JSON.");
        }
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    /// <summary>Looks at the first non-blank byte of the body without consuming it.</summary>
    static async Task<bool> StartsWithArrayAsync(System.IO.Pipelines.PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            var buffer = read.Buffer;
            foreach (var segment in buffer)
            {
                var i = segment.Span.IndexOfAnyExcept(" \n\r\t"u8);
                if (i < 0) continue;
                var isArray = segment.Span[i] == (byte)'[';
                reader.AdvanceTo(buffer.Start); // consume nothing: the serializer reads the body from its start
                return isArray;
            }
            if (read.IsCompleted) { reader.AdvanceTo(buffer.Start); return false; }
            reader.AdvanceTo(buffer.Start, buffer.End); // all blank so far: wait for more
        }
    }

    static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, bool specMedia, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentLength = null; // a length set for another body (a rendered response overtaken by the deadline) must not go out with this one
        http.Response.ContentType = (specMedia ? GraphQLResponse : "application/json") + "; charset=utf-8";
        var result = new ExecutionResult { Errors = new ExecutionErrors { new ExecutionError(message) }, Executed = false };
        await serializer.WriteAsync(http.Response.Body, result, ct);
    }

    sealed class ResponseTooLargeException() : IOException("The response grew past its limit.");

    /// <summary>Passes writes through to the response and stops them once the response would pass its limit.</summary>
    sealed class CappedStream(Stream inner, long limit) : Stream
    {
        long written;

        void Count(int n)
        {
            written += n;
            if (written > limit) throw new ResponseTooLargeException();
        }

        public override void Write(byte[] buffer, int offset, int count) { Count(count); inner.Write(buffer, offset, count); }
        public override void Write(ReadOnlySpan<byte> buffer) { Count(buffer.Length); inner.Write(buffer); }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) { Count(count); return inner.WriteAsync(buffer, offset, count, ct); }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { Count(buffer.Length); return inner.WriteAsync(buffer, ct); }
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override void Flush() => inner.Flush();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask; // the response body belongs to the server
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
