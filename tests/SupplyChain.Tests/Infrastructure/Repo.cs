namespace SupplyChain.Tests.Infrastructure;

/// <summary>Paths in the repository, found from the test binary.</summary>
public static class Repo
{
    public static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Seed => Path("datasets", "seed.json");

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SupplyChain.sln"))) return dir.FullName;
        throw new InvalidOperationException("SupplyChain.sln not found above " + AppContext.BaseDirectory);
    }
}
