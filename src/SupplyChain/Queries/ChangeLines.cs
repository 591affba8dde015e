using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Queries;

/// <summary>The change feed as JSON lines: one event per line, oldest first; each line's cursor continues after it.</summary>
public static class ChangeLines
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public static async Task WriteAsync(ChangePage page, Stream output, CancellationToken ct)
    {
        var sb = new StringBuilder();
        foreach (var e in page.Items) sb.Append(JsonSerializer.Serialize(e, Options)).Append('\n');
        await output.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()), ct);
    }
}
