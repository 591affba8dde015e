namespace SupplyChain.Benchmarks;

public static class GenerateSuite
{
    public static async Task<int> RunAsync(Options o)
    {
        var n = o.Brands;
        var (db, s) = await Generator.EnsureDbAsync(o, n, fresh: o.Flag("fresh") || !o.Flag("reuse"));
        Console.Error.WriteLine($"generated {db.Label}");
        var size = await db.SizeMiBAsync();
        new Report(db.IsPostgres ? $"generate:{n}:postgres" : $"generate:{n}", $"Generator: {Fmt.Int(n)} brands, {db.EngineName}")
            .Line("Real seed (datasets/seed.json) imported by ImportRunner, then synthetic rows written in one transaction " +
                  (db.IsPostgres ? "by binary COPY (buffered per table). " : "with prepared raw ADO.NET commands. ") +
                  $"Synthetic rows cite one source titled \"{Generator.SourceTitle} …\"; seed {Generator.Seed}, generator v{Generator.Version}.")
            .Line()
            .Table(["brands (real + synthetic)", "synthetic brands", "aliases", "companies", "facilities", "synthetic claims", "seed import s:", "synthetic write s:", "rows/s:", "database MiB:"],
                [[Fmt.Int(s.Brands), Fmt.Int(s.SyntheticBrands), Fmt.Int(s.Aliases), Fmt.Int(s.Companies), Fmt.Int(s.Facilities), Fmt.Int(s.Claims),
                  Fmt.N(s.SeedSeconds, "0.0"), Fmt.N(s.WriteSeconds, "0.0"),
                  Fmt.Int((long)((s.SyntheticBrands + s.Aliases + s.Companies + s.Facilities + s.Claims) / s.WriteSeconds)), Fmt.N(size, "0")]])
            .Line($"Content SHA-256 of every synthetic row written: `{s.ContentSha256}` (the same on every run: the generator is deterministic).")
            .Publish(o);
        return 0;
    }
}
