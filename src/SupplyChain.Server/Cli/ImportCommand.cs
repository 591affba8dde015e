using Spectre.Console;
using SupplyChain.Import;

namespace SupplyChain.Server.Cli;

/// <summary>`import &lt;path&gt; [--dry-run] [--as NAME]`: a manifest, a seed list, or a data file named by a manifest beside it.</summary>
static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--"));
        if (path is null) { Console.Error.WriteLine("usage: import <manifest.json | seed.json | data file> [--dry-run] [--as NAME]"); return 2; }
        var dryRun = args.Contains("--dry-run");
        var actorAt = Array.IndexOf(args, "--as");
        var actor = actorAt >= 0 && actorAt + 1 < args.Length ? args[actorAt + 1] : Environment.UserName;
        try
        {
            await using var services = await CliHost.ServicesAsync(args);
            var runner = services.GetRequiredService<ImportRunner>();
            ImportReport report;
            // A progress bar on a terminal; quiet when output is redirected (CI logs, pipes).
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                report = null!;
                await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("importing", maxValue: 1);
                    report = await runner.ImportAsync(path, new ImportOptions
                    {
                        DryRun = dryRun, Actor = actor,
                        Progress = (done, total) => { task.MaxValue = Math.Max(1, total); task.Value = done; },
                    });
                    task.Value = task.MaxValue;
                });
            }
            else report = await runner.ImportAsync(path, new ImportOptions { DryRun = dryRun, Actor = actor });

            if (report.Succeeded) { Console.Out.Write(report.Summary()); return 0; }
            Console.Error.Write(report.Summary());
            return 1;
        }
        catch (ImportException e)
        {
            Console.Error.WriteLine($"Import failed; nothing was written.\n  {e.Message}");
            return 1;
        }
    }
}
