using GraphQL;
using GraphQL.Types;
using SupplyChain.Server.GraphQL;

namespace SupplyChain.Server.Cli;

/// <summary>`schema [--out FILE]`: prints the GraphQL SDL (schema/schema.graphql is this output; a test keeps them equal).</summary>
public static class SchemaCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--out");
        var sdl = Sdl();
        if (at >= 0 && at + 1 < args.Length) File.WriteAllText(args[at + 1], sdl);
        else Console.Out.Write(sdl);
        return Task.FromResult(0);
    }

    public static string Sdl()
    {
        // The server's wiring with no settings: the schema does not depend on the database.
        using var provider = new ServiceCollection().AddSupplyChain(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var schema = provider.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).Replace("\r\n", "\n").TrimEnd() + "\n";
    }
}
