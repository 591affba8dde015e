using GraphQL;
using GraphQL.Types;
using SupplyChain.Data;
using SupplyChain.Import;
using SupplyChain.Queries;
using SupplyChain.Resolution;
using SupplyChain.Search;
using SupplyChain.Server.GraphQL;

namespace SupplyChain.Server;

/// <summary>Service wiring shared by the server and the CLI verbs.</summary>
public static class AppServices
{
    public static DatabaseOptions DatabaseOptionsFrom(IConfiguration config) =>
        DatabaseOptions.Parse(config["Database:Provider"], config.GetConnectionString("SupplyChain"),
            config["Database:SqlitePath"] ?? Path.Combine("data", "supplychain.db"));

    public static IServiceCollection AddSupplyChain(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(DatabaseOptionsFrom(config));
        services.AddSingleton<SupplyChainDbFactory>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<EvidenceQueries>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<BrandSearch>();
        services.AddSingleton<SupplyChain.Live.DataRefresh>();
        services.AddSingleton<Live.ImportJobs>();
        services.AddSingleton<MatchService>();
        services.AddSingleton<SupplyChain.Access.ApiKeys>();
        services.AddSingleton<SupplyChain.Review.ReviewQueue>();
        services.AddSingleton(GraphQLLimits.From(config));
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<SupplyChain.Corrections.CorrectionsQueue>();
        services.AddSingleton<SupplyChain.Editions.SupplierEditions>();
        services.AddSingleton<SupplyChain.Editions.GoodsContext>();
        services.AddGraphQL(b => b
            .AddSchema<SupplyChainSchema>()
            .AddGraphTypes(typeof(SupplyChainSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(o => { o.ExposeExceptionDetails = false; o.ExposeData = false; }));
        return services;
    }

    /// <summary>The bundled datasets: datasets/seed.json in the repository, found from the working folder or the binary.</summary>
    public static string? FindSeed(IConfiguration config)
    {
        if (config["Seed:Path"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "datasets", "seed.json");
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
