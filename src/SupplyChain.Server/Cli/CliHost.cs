using SupplyChain.Data;

namespace SupplyChain.Server.Cli;

/// <summary>
/// What CLI verbs run on: the server's own service wiring (<see cref="AppServices.AddSupplyChain"/>), so a verb gets the
/// same database options, services and limits as the server. Only the configuration differs: a verb's own arguments
/// ("merge 12 --note x") are not settings, so only --key=value switches are read as settings.
/// </summary>
static class CliHost
{
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray())
        .Build();

    /// <summary>The server's services for this verb, with the schema brought up to date first (as the server does on start).</summary>
    public static async Task<ServiceProvider> ServicesAsync(string[] args)
    {
        var config = Configuration(args);
        var services = new ServiceCollection().AddSingleton(config).AddLogging().AddSupplyChain(config).BuildServiceProvider();
        await services.GetRequiredService<SupplyChainDbFactory>().MigrateAsync();
        return services;
    }
}
