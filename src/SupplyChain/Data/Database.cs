using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SupplyChain.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>Where the data lives: provider and connection string, as configured.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions Parse(string? provider, string? connectionString, string defaultSqlitePath)
    {
        var p = string.IsNullOrWhiteSpace(provider) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) ? parsed
            : provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || provider.Equals("npgsql", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres
            : throw new ArgumentException($"Database:Provider '{provider}' is not one of Sqlite, Postgres, SqlServer.");
        var cs = string.IsNullOrWhiteSpace(connectionString)
            ? p == DatabaseProvider.Sqlite ? $"Data Source={defaultSqlitePath}"
              : throw new ArgumentException($"Database:Provider is {p} but ConnectionStrings:SupplyChain is not set.")
            : connectionString;
        return new DatabaseOptions(p, cs);
    }
}

/// <summary>
/// Makes contexts. GraphQL.NET resolves fields in parallel, so nothing shares a context: each unit of work
/// asks for its own, from a pool so that asking is cheap.
/// </summary>
public sealed class SupplyChainDbFactory
{
    readonly Func<SupplyChainDb> create;
    public DatabaseOptions Options { get; }

    public SupplyChainDbFactory(DatabaseOptions options)
    {
        Options = options;
        create = options.Provider switch
        {
            // A list in a query is one array parameter (json_each, = ANY, OPENJSON), not one parameter per value (EF 10's
            // default): at a million brands a list of ids passes SQLite's 32,766 and SQL Server's 2,100 parameter limits.
            DatabaseProvider.Sqlite => Pool<SqliteSupplyChainDb>(b => b.UseSqlite(SqliteConnectionString(options.ConnectionString),
                o => o.MigrationsAssembly(typeof(SupplyChainDb).Assembly.FullName).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(SqliteCacheSize.Instance)),
            DatabaseProvider.Postgres => Pool<PostgresSupplyChainDb>(b => b.UseNpgsql(options.ConnectionString,
                o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))),
            DatabaseProvider.SqlServer => Pool<SqlServerSupplyChainDb>(b => b.UseSqlServer(options.ConnectionString,
                o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
    }

    public SupplyChainDb Create() => create();

    static Func<SupplyChainDb> Pool<T>(Action<DbContextOptionsBuilder<T>> configure) where T : SupplyChainDb
    {
        var builder = new DbContextOptionsBuilder<T>();
        configure(builder);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        var pool = new PooledDbContextFactory<T>(builder.Options);
        return pool.CreateDbContext;
    }

    // Foreign keys on, and a busy timeout so that readers and the importer wait rather than fail.
    static string SqliteConnectionString(string cs)
    {
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs) { ForeignKeys = true, DefaultTimeout = 30 };
        return b.ToString();
    }

    /// <summary>Creates or upgrades the schema through the provider's migration history.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        await using var db = Create();
        // EF's Migrate first builds the last migration's snapshot model and diffs it against the current model; that
        // code and its type data stay in the server for good (issue 14, memory). Up to date: nothing to migrate.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            await db.Database.MigrateAsync(ct);
        if (Options.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // readers keep reading during an import
    }
}

// Design-time factories: `dotnet ef migrations add X --context SqliteSupplyChainDb` etc. need no running server.
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSupplyChainDb>
{
    public SqliteSupplyChainDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSupplyChainDb>().UseSqlite("Data Source=design.db").Options);
}
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSupplyChainDb>
{
    public PostgresSupplyChainDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSupplyChainDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
public sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerSupplyChainDb>
{
    public SqlServerDesignFactory() { }
    public SqlServerSupplyChainDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSupplyChainDb>().UseSqlServer("Server=localhost;Database=design;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
