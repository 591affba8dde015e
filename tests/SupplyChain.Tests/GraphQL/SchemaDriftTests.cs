using SupplyChain.Server.Cli;
using SupplyChain.Tests.Infrastructure;
using Xunit;

namespace SupplyChain.Tests.GraphQL;

public sealed class SchemaDriftTests
{
    [Fact]
    public void Schema_file_matches_the_code()
    {
        var onDisk = File.ReadAllText(Repo.Path("schema", "schema.graphql")).Replace("\r\n", "\n");
        var fromCode = SchemaCommand.Sdl();
        Assert.True(onDisk == fromCode,
            "schema/schema.graphql has drifted from the code. Regenerate it: dotnet run --project src/SupplyChain.Server -- schema --out $PWD/schema/schema.graphql");
    }
}
