namespace SupplyChain.Tests.Infrastructure;

/// <summary>Paths in the repository, found from the test binary.</summary>
public static class Repo
{
    public static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Seed => Path("datasets", "seed.json");

    /// <summary>Apple's 2018 supplier list PDF may be used as an internal test fixture but not redistributed, so the
    /// repository holds only its manifest; the tests put the PDF from ../shared beside a copy of it.</summary>
    public static string AppleSupplierListManifest()
    {
        var pdf = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "datasets", "apple-supplier-list-pdf-2018", "Apple-Supplier-List.pdf"));
        if (!File.Exists(pdf)) throw new FileNotFoundException("The Apple PDF test fixture is read from ../shared beside the repository; it is not there.", pdf);
        var dir = Directory.CreateTempSubdirectory("apple-pdf-").FullName;
        File.Copy(pdf, System.IO.Path.Combine(dir, "Apple-Supplier-List.pdf"));
        var manifest = System.IO.Path.Combine(dir, "manifest.json");
        File.Copy(Path("datasets", "apple-supplier-list-2018", "manifest.json"), manifest);
        return manifest;
    }

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SupplyChain.sln"))) return dir.FullName;
        throw new InvalidOperationException("SupplyChain.sln not found above " + AppContext.BaseDirectory);
    }
}
