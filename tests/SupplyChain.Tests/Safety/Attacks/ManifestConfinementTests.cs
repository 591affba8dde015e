using System.Diagnostics;
using SupplyChain.Import;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.Safety.Attacks;

/// <summary>
/// Issue 18, finding 5: a manifest read /etc/passwd, /proc/self/environ and /dev/zero and hung on a named pipe. Files
/// are now confined to the manifest's folder, regular files only, read with the size limit enforced while reading.
/// The manifests here are made up (MADE_UP_ in their names) and written to a temp folder.
/// </summary>
public sealed class ManifestConfinementTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("MADE_UP_confinement-").FullName;
    readonly string outside = Directory.CreateTempSubdirectory("MADE_UP_outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        Directory.Delete(outside, recursive: true);
    }

    const string Secret = "MADE_UP_SECRET_DO_NOT_PUBLISH";

    string Manifest(params string[] files)
    {
        var path = Path.Combine(root, "MADE_UP_manifest.json");
        File.WriteAllText(path, $$"""
            { "format": "list", "files": [{{string.Join(", ", files.Select(f => System.Text.Json.JsonSerializer.Serialize(f)))}}],
              "source": { "title": "MADE_UP list for confinement tests", "publisher": "MADE_UP tests", "published": "2020-01-01", "kind": "Report" },
              "list": { "split": "lines", "column": "name" }, "entities": { "brand": { "type": { "const": "Brand" }, "name": "name" } },
              "claims": [ { "subject": "brand", "predicate": { "const": "NamedIn" }, "object": "$source",
                "evidenceType": { "const": "NgoReport" }, "confidence": { "const": "High" } } ] }
            """);
        return path;
    }

    async Task<string> RefusedAsync(string manifest)
    {
        var factory = await TestDatabase.CreateMigratedAsync(Engine.Sqlite, "confine");
        var sw = Stopwatch.StartNew();
        string message;
        try
        {
            var report = await new ImportRunner(factory).ImportAsync(manifest, new ImportOptions { DryRun = true });
            Assert.False(report.Succeeded, "the import must be refused");
            message = report.Summary();
        }
        catch (ImportException e) { message = e.Message; }
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
        Assert.DoesNotContain(Secret, message);
        Assert.DoesNotContain("root:x:0:0", message);
        return message;
    }

    [Fact]
    public async Task An_absolute_path_is_refused() =>
        Assert.Contains("absolute path", await RefusedAsync(Manifest("/etc/passwd")));

    [Fact]
    public async Task Climbing_out_with_dot_dot_is_refused()
    {
        File.WriteAllText(Path.Combine(outside, "MADE_UP_secret.txt"), Secret);
        Assert.Contains("'..'", await RefusedAsync(Manifest($"../{Path.GetFileName(outside)}/MADE_UP_secret.txt")));
        Assert.Contains("'..'", await RefusedAsync(Manifest("sub/../../etc/passwd")));
    }

    [Fact]
    public async Task A_symlink_leading_out_is_refused_and_one_inside_is_allowed()
    {
        File.WriteAllText(Path.Combine(outside, "MADE_UP_secret.txt"), Secret + "\n");
        File.CreateSymbolicLink(Path.Combine(root, "MADE_UP_link.txt"), Path.Combine(outside, "MADE_UP_secret.txt"));
        Assert.Contains("leads out", await RefusedAsync(Manifest("MADE_UP_link.txt")));
        Directory.CreateSymbolicLink(Path.Combine(root, "MADE_UP_dir"), outside);
        Assert.Contains("leads out", await RefusedAsync(Manifest("MADE_UP_dir/MADE_UP_secret.txt")));
        Assert.Contains("leads out", await RefusedAsync(Manifest("MADE_UP_dir/*.txt")));

        File.WriteAllText(Path.Combine(root, "MADE_UP_inside.txt"), "MADE_UP Brand One\n");
        File.CreateSymbolicLink(Path.Combine(root, "MADE_UP_inside-link.txt"), Path.Combine(root, "MADE_UP_inside.txt"));
        var factory = await TestDatabase.CreateMigratedAsync(Engine.Sqlite, "confine");
        var report = await new ImportRunner(factory).ImportAsync(Manifest("MADE_UP_inside-link.txt"), new ImportOptions { DryRun = true });
        Assert.True(report.Succeeded, report.Summary());
    }

    [Fact]
    public async Task A_device_is_refused_without_reading_it() =>
        Assert.Contains("absolute path", await RefusedAsync(Manifest("/dev/zero")));

    [Fact]
    public async Task A_link_to_a_device_is_not_a_regular_file()
    {
        File.CreateSymbolicLink(Path.Combine(root, "MADE_UP_zero.txt"), "/dev/zero");
        Assert.Contains("leads out", await RefusedAsync(Manifest("MADE_UP_zero.txt")));
    }

    [SkippableFact]
    public async Task A_named_pipe_is_refused_at_once_instead_of_hanging()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "mkfifo");
        var fifo = Path.Combine(root, "MADE_UP_pipe.txt");
        using (var mk = Process.Start("mkfifo", [fifo])) await mk!.WaitForExitAsync();
        Assert.Contains("not a regular file", await RefusedAsync(Manifest("MADE_UP_pipe.txt")));
    }

    [Fact]
    public void The_size_limit_holds_while_reading()
    {
        var big = Path.Combine(root, "MADE_UP_big.txt");
        File.WriteAllBytes(big, new byte[3000]);
        var e = Assert.Throws<ImportException>(() => ManifestFiles.ReadAllBytes(big, 1000));
        Assert.Contains("larger than the limit of 1000 bytes", e.Message);
    }

    [Fact]
    public void Errors_never_quote_more_than_a_short_reason()
    {
        var error = new ImportError("MADE_UP.csv", 3, 1, "unknown country '" + new string('x', 20_000) + "'");
        Assert.True(error.ToString().Length < ImportError.MaxReasonChars + 40);
    }
}
