using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SupplyChain.Server.Web;

/// <summary>
/// Writes a download through a buffer: CsvHelper flushes its buffer with synchronous writes, which Kestrel refuses on
/// the response stream, so the file is written to memory (spilling to a temp file past 1 MB) and then copied async.
/// </summary>
public static class Download
{
    public static async Task SendAsync(HttpResponse response, string contentType, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        await using var buffer = new FileBufferingWriteStream(memoryThreshold: 1024 * 1024);
        await write(buffer, ct);
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        await buffer.DrainBufferAsync(response.Body, ct);
    }
}
