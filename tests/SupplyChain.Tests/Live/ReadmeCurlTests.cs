using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupplyChain.Access;
using SupplyChain.Domain;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Live;

/// <summary>
/// The README's `curl -F` example of importReport, run exactly as printed (only the host and the key substituted)
/// against the real server, so the README cannot drift from the API. It uploads the MADE-UP fixture it names.
/// </summary>
[Collection("sqlite-server")]
public sealed partial class ReadmeCurlTests(SqliteSeededServer server)
{
    /// <summary>The first ```bash block under "### Importing through the API".</summary>
    public static string ReadmeExample()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        var section = readme[readme.IndexOf("### Importing through the API", StringComparison.Ordinal)..];
        return BashBlock().Match(section) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("README: no ```bash block under 'Importing through the API'");
    }

    [SkippableFact]
    public async Task The_README_importReport_example_works_as_written()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "curl is not installed");
        var example = ReadmeExample();
        Assert.Contains("curl ", example);
        Assert.Contains(" -F ", example);
        // The key is the one the first lines create; this test makes its own and passes it as $KEY, as the README does.
        var script = string.Join("\n", example.Split('\n').Where(l => !l.StartsWith("dotnet run") && !l.StartsWith("KEY=")))
            .Replace("http://localhost:5000", server.BaseAddress.ToString().TrimEnd('/'));
        var key = (await server.Service<ApiKeys>().CreateAsync("Ana (research)", Role.Researcher, "test")).Key;

        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-euc");
        psi.ArgumentList.Add(script);
        psi.Environment["KEY"] = key;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}\n{await stderr}");
        var json = JsonNode.Parse(await stdout)!;
        Assert.True(json["errors"] is null, json.ToJsonString());
        var job = json["data"]!["importReport"]!;
        Assert.Equal("SUCCEEDED", (string?)job["state"]);
        Assert.Contains("would create Brand 'Glimmerfox Made-up Apparel'", (string?)job["summary"]);
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)] private static partial Regex BashBlock();
}
