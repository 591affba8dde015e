namespace SupplyChain.Benchmarks;

public static class GenerateSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var (path, s) = await Generator.EnsureAsync(o, n, fresh: o.Flag("fresh") || !o.Flag("reuse"));
        Console.Error.WriteLine($"generated {path}");
        var size = new FileInfo(path).Length / 1024.0 / 1024.0;
        new Report($"generate:{n}", $"Generator: {Fmt.Int(n)} brands")
            .Line("Real seed (datasets/seed.json) imported by ImportRunner, then synthetic rows written with prepared raw ADO.NET commands in one transaction. " +
                  $"Synthetic rows cite one source titled \"{Generator.SourceTitle} …\"; seed {Generator.Seed}, generator v{Generator.Version}.")
            .Line()
            .Table(["brands (real + synthetic)", "synthetic brands", "aliases", "companies", "facilities", "synthetic claims", "seed import s:", "synthetic write s:", "rows/s:", "file MiB:"],
                [[Fmt.Int(s.Brands), Fmt.Int(s.SyntheticBrands), Fmt.Int(s.Aliases), Fmt.Int(s.Companies), Fmt.Int(s.Facilities), Fmt.Int(s.Claims),
                  Fmt.N(s.SeedSeconds, "0.0"), Fmt.N(s.WriteSeconds, "0.0"),
                  Fmt.Int((long)((s.SyntheticBrands + s.Aliases + s.Companies + s.Facilities + s.Claims) / s.WriteSeconds)), Fmt.N(size, "0")]])
            .Line($"Content SHA-256 of every synthetic row written: `{s.ContentSha256}` (the same on every run: the generator is deterministic).")
            .Publish(o);
        return 0;
    }
}
