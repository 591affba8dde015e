using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SupplyChain.Benchmarks;

/// <summary>A suite's Markdown: printed, and put in BENCHMARKS.md between its markers (replacing an older run of the same suite and size).</summary>
public sealed class Report(string id, string title)
{
    readonly StringBuilder body = new();

    public Report Line(string text = "") { body.AppendLine(text); return this; }

    public Report Table(string[] header, IEnumerable<string[]> rows)
    {
        body.AppendLine("| " + string.Join(" | ", header) + " |");
        body.AppendLine("|" + string.Join("|", header.Select(h => h.EndsWith(':') ? " ---: " : " --- ")) + "|");
        foreach (var r in rows) body.AppendLine("| " + string.Join(" | ", r) + " |");
        body.AppendLine();
        return this;
    }

    public static string Machine()
    {
        var mem = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : null;
        var gib = mem is null ? "?" : (long.Parse(mem, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {gib} GiB, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, shared and noisy; client and server on the same cores, loopback only";
    }

    public string Render(string command) =>
        $"<!-- suite:{id} -->\n## {title}\n\n" +
        $"Run {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · {Machine()}\n\n" +
        $"Command: `{command}`\n\n{body.ToString().TrimEnd()}\n<!-- /suite:{id} -->\n";

    public void Publish(Options o)
    {
        var command = "dotnet run -c Release --project tests/SupplyChain.Benchmarks -- " + string.Join(' ', o.Raw);
        var text = Render(command);
        Console.WriteLine();
        Console.WriteLine(text);
        if (o.NoWrite) return;
        var path = Repo.BenchmarksMd;
        var doc = File.Exists(path) ? File.ReadAllText(path) : Header;
        var start = doc.IndexOf($"<!-- suite:{id} -->", StringComparison.Ordinal);
        var endMarker = $"<!-- /suite:{id} -->\n";
        var end = start < 0 ? -1 : doc.IndexOf(endMarker, start, StringComparison.Ordinal);
        doc = start >= 0 && end > start
            ? doc[..start] + text + doc[(end + endMarker.Length)..]
            : doc.TrimEnd() + "\n\n" + text;
        File.WriteAllText(path, doc);
        Console.Error.WriteLine($"BENCHMARKS.md: section '{id}' updated.");
    }

    const string Header = """
        # Benchmarks

        Measured, not assumed. Every suite below was run on the machine named in its section, with the command shown;
        ratios are measured side by side in the same run. Re-run a suite to replace its section:
        `dotnet run -c Release --project tests/SupplyChain.Benchmarks -- <suite> [--brands N]` (see `-- help`).

        """;
}
