using SupplyChain.Access;
using SupplyChain.Domain;

namespace SupplyChain.Server.Cli;

/// <summary>`keys create --name N --role researcher|admin`, `keys list`, `keys revoke ID`: run by whoever holds the database.</summary>
static class KeysCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        await using var services = await CliHost.ServicesAsync(args);
        var keys = services.GetRequiredService<ApiKeys>();
        var actor = "cli:" + Environment.UserName;
        switch (args.FirstOrDefault())
        {
            case "create" when Opt("--name") is { } name && Enum.TryParse<Role>(Opt("--role") ?? "researcher", true, out var role) && role != Role.Reader:
                var k = await keys.CreateAsync(name, role, actor);
                Console.WriteLine($"Created key {k.Id} ({role}) for {name}. It is shown this once:\n{k.Key}");
                return 0;
            case "list":
                foreach (var key in await keys.ListAsync())
                    Console.WriteLine($"{key.Id}\t{key.Prefix}…\t{key.Role}\t{key.Name}\t{(key.RevokedAt is { } at ? $"revoked {at:u}" : "active")}");
                return 0;
            case "revoke" when long.TryParse(args.ElementAtOrDefault(1), out var id):
                if (await keys.RevokeAsync(id, actor)) { Console.WriteLine($"Revoked key {id}."); return 0; }
                Console.Error.WriteLine($"No active key {id}.");
                return 1;
            default:
                Console.Error.WriteLine("usage: keys create --name NAME --role researcher|admin | keys list | keys revoke ID");
                return 2;
        }
    }
}
