using SupplyChain.Data;

namespace SupplyChain.Server.Cli;

/// <summary>Configuration for CLI verbs: the same appsettings, environment variables and --key=value switches as the server.</summary>
static class CliHost
{
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray())
        .Build();

    public static async Task<SupplyChainDbFactory> DatabaseAsync(IConfiguration config)
    {
        var factory = new SupplyChainDbFactory(AppServices.DatabaseOptionsFrom(config));
        await factory.MigrateAsync();
        return factory;
    }
}
