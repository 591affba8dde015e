using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace SupplyChain.BrowserTests;

/// <summary>
/// The BibTeX that claim pages offer, for claims of every seeded source, compiled as a researcher would:
/// pdflatex → bibtex → pdflatex with the plain style. Needs Debian's texlive-latex-base (.ci/run installs it).
/// </summary>
[Collection("server")]
public sealed partial class BibTeXCompileTests(ServerFixture server) : BrowserTest(server)
{
    const string PdfLatex = "/usr/bin/pdflatex", BibTeX = "/usr/bin/bibtex";

    [SkippableFact]
    public async Task BibTeX_of_claims_from_every_source_compiles_with_bibtex_and_pdflatex()
    {
        Skip.IfNot(File.Exists(PdfLatex) && File.Exists(BibTeX), "pdflatex/bibtex are not installed (apt-get install texlive-latex-base)");
        var sources = (await GraphQLAsync("{ sources(first: 100) { nodes { id title claimCount } } }"))["sources"]!["nodes"]!.AsArray();
        Assert.NotEmpty(sources);
        var entries = new List<string>();
        foreach (var source in sources.Where(s => s!["claimCount"]!.GetValue<int>() > 0))
        {
            var id = source!["id"]!.GetValue<string>();
            var claims = (await GraphQLAsync($"{{ claims(filter: {{ source: \"{id}\" }}, first: 3) {{ nodes {{ id }} }} }}"))["claims"]!["nodes"]!.AsArray();
            foreach (var claim in claims)
            {
                var html = await Server.Http.GetStringAsync($"/claims/{claim!["id"]!.GetValue<string>()}");
                var bib = WebUtility.HtmlDecode(BibBlock().Match(html).Groups[1].Value);
                Assert.StartsWith("@misc{", bib);
                entries.Add(bib);
            }
            Assert.True(claims.Count > 0, $"source {id} counts claims but lists none");
        }
        Assert.Contains(entries, e => e.Contains(@"\&")); // the data has ampersands (H&M, Marks & Spencer...): escaped

        var dir = Directory.CreateTempSubdirectory("bibtex-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "refs.bib"), string.Join("\n", entries), new UTF8Encoding(false));
        await File.WriteAllTextAsync(Path.Combine(dir, "paper.tex"), """
            \documentclass{article}
            \usepackage[T1]{fontenc}
            \usepackage{url}
            \begin{document}
            Claims cited from SupplyChain.
            \nocite{*}
            \bibliographystyle{plain}
            \bibliography{refs}
            \end{document}
            """);
        await RunAsync(dir, PdfLatex, "-interaction=nonstopmode -halt-on-error paper.tex");
        var bibtex = await RunAsync(dir, BibTeX, "paper");
        Assert.DoesNotMatch(@"error message", bibtex);
        await RunAsync(dir, PdfLatex, "-interaction=nonstopmode -halt-on-error paper.tex");
        var log = await RunAsync(dir, PdfLatex, "-interaction=nonstopmode -halt-on-error paper.tex");
        Assert.DoesNotContain("Citation `", log); // every key resolved
        var bbl = await File.ReadAllTextAsync(Path.Combine(dir, "paper.bbl"));
        Assert.Equal(entries.Count, Regex.Matches(bbl, @"\\bibitem\{").Count);
        Assert.True(new FileInfo(Path.Combine(dir, "paper.pdf")).Length > 0);
        Directory.Delete(dir, true);
    }

    async Task<JsonNode> GraphQLAsync(string query)
    {
        var r = await Server.Http.PostAsync("/graphql", new StringContent(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }

    /// <summary>Runs a TeX tool and returns its output; a non-zero exit fails the test with the output.</summary>
    static async Task<string> RunAsync(string dir, string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        Assert.True(p.ExitCode == 0, $"{Path.GetFileName(file)} {args} exited {p.ExitCode}:\n{output[Math.Max(0, output.Length - 3000)..]}");
        return output;
    }

    [GeneratedRegex("<pre id=\"cite-bib-text\"[^>]*>(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex BibBlock();
}
