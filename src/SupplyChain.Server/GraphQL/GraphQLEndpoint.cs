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

    static async Task Handle(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer, GraphQLLimits limits)
    {
        var useSpecMedia = AcceptsGraphQLResponse(http.Request);
        GraphQLRequest? request;
        try
        {
            request = http.Request.Method == HttpMethods.Get ? FromQueryString(http.Request, serializer) : await FromBodyAsync(http, serializer);
        }
        catch (RequestError e)
        {
            await WriteErrorAsync(http, serializer, e.Status, e.Message, useSpecMedia);
            return;
        }
        if (request is null) return;
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteErrorAsync(http, serializer, 400, "The request has no 'query'.", useSpecMedia);
            return;
        }

        GraphQLDocument document;
        try { document = Parser.Parse(request.Query); }
        catch (GraphQLSyntaxErrorException e)
        {
            await WriteErrorAsync(http, serializer, 400, $"Syntax error: {e.Description} (line {e.Location.Line}, column {e.Location.Column}).", useSpecMedia);
            return;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            await WriteErrorAsync(http, serializer, 400, "The document is nested too deeply to parse.", useSpecMedia);
            return;
        }
        var operation = FindOperation(document, request.OperationName);
        if (operation is null)
        {
            await WriteErrorAsync(http, serializer, 400, request.OperationName is null ? "The document has several operations: name one with 'operationName'." : $"No operation named '{request.OperationName}'.", useSpecMedia);
            return;
        }
        if (http.Request.Method == HttpMethods.Get && operation.Operation != OperationType.Query)
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, 405, "Mutations must be sent by POST.", useSpecMedia);
            return;
        }

        var requestKey = GraphQLLimits.RequestKey(request.Query, http.User, request.Variables);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = document;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
            options.Timeout = limits.Timeout;
            options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
            options.ThrowOnUnhandledException = false;
            // Concurrent: resolvers run in parallel and share per-request loads through it (Resolve.Once).
            options.UserContext = new System.Collections.Concurrent.ConcurrentDictionary<string, object?> { ["http"] = http };
            options.ValidationRules = limits.RulesFor(request.Query, requestKey);
        });

        if (result.Executed) limits.RememberValid(request.Query, requestKey);
        http.Response.ContentType = (useSpecMedia ? GraphQLResponse : "application/json") + "; charset=utf-8";
        // A request error (nothing executed) is 400 under the spec's media type; an execution error still has data.
        // A refused role is 401 (no credentials) or 403 (credentials without the role), whatever the media type.
        var denied = !result.Executed && result.Errors?.Any(e => e is global::GraphQL.Validation.ValidationError v && v.Number == RoleAuthorizationRule.Code) == true;
        http.Response.StatusCode = denied ? (http.User.Identity?.IsAuthenticated == true ? 403 : 401)
            : useSpecMedia && !result.Executed ? 400 : 200;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
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

    static async Task<GraphQLRequest?> FromBodyAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var r = http.Request;
        var type = r.ContentType ?? "";
        if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) // file uploads (importReport): Live/Uploads.cs
        {
            try { return await Live.Uploads.ReadAsync(http, serializer); }
            catch (Live.Uploads.UploadError e) { throw new RequestError(e.Status, e.Message); }
        }
        if (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/graphql-response+json", StringComparison.OrdinalIgnoreCase))
            throw new RequestError(415, "POST bodies must be application/json.");
        if (r.ContentLength > MaxBodyBytes) throw new RequestError(413, $"The request body is larger than {MaxBodyBytes} bytes.");
        // Kestrel enforces the limit while we read (chunked bodies too); nothing is buffered or copied on our side.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            if (await StartsWithArrayAsync(r.BodyReader, http.RequestAborted))
                throw new RequestError(400, "Batched requests (a JSON array) are not accepted: send one operation per request.");
            return await serializer.ReadAsync<GraphQLRequest>(r.Body, http.RequestAborted) ?? throw new RequestError(400, "The body is empty.");
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

    static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string message, bool specMedia)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = (specMedia ? GraphQLResponse : "application/json") + "; charset=utf-8";
        var result = new ExecutionResult { Errors = new ExecutionErrors { new ExecutionError(message) }, Executed = false };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
