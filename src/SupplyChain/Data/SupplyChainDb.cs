using Microsoft.EntityFrameworkCore;
using SupplyChain.Domain;

namespace SupplyChain.Data;

/// <summary>
/// The one model. Each provider has a subclass only so that EF keeps a migration history per provider
/// (SQLite, PostgreSQL and SQL Server need different SQL); the model itself is shared.
/// </summary>
public abstract class SupplyChainDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<BrandAlias> BrandAliases => Set<BrandAlias>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<CompanyResponse> Responses => Set<CompanyResponse>();
    public DbSet<ResponseSubject> ResponseSubjects => Set<ResponseSubject>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<MatchCandidate> MatchCandidates => Set<MatchCandidate>();
    public DbSet<ResponderLinkCandidate> ResponderLinkCandidates => Set<ResponderLinkCandidate>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<Live.DataVersion> DataVersions => Set<Live.DataVersion>();
    public DbSet<Live.ImportJob> ImportJobs => Set<Live.ImportJob>();
    public DbSet<Correction> Corrections => Set<Correction>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums as text: a database someone opens by hand reads "SourcesFrom", not 0.
        builder.Properties<EntityKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Predicate>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<EvidenceType>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<Confidence>().HaveConversion<string>().HaveMaxLength(8);
        builder.Properties<ClaimStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Stance>().HaveConversion<string>().HaveMaxLength(32);
        builder.Properties<ProgrammeKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<SourceKind>().HaveConversion<string>().HaveMaxLength(24);
        builder.Properties<MatchStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Role>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Live.ImportJobState>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<CorrectionKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<CorrectionStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<string>().HaveMaxLength(4000);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Brand>(e =>
        {
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasIndex(x => x.NameKey);
            e.HasMany(x => x.Aliases).WithOne().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.NameKey).HasMaxLength(400);
            e.Property(x => x.Slug).HasMaxLength(400);
        });
        b.Entity<BrandAlias>(e =>
        {
            e.HasIndex(x => x.NameKey);
            e.HasIndex(x => new { x.BrandId, x.NameKey }).IsUnique();
            e.Property(x => x.NameKey).HasMaxLength(400);
        });
        b.Entity<Company>(e => { e.HasIndex(x => x.NameKey); e.Property(x => x.NameKey).HasMaxLength(400); });
        b.Entity<Facility>(e => { e.HasIndex(x => x.NameKey); e.Property(x => x.NameKey).HasMaxLength(400); });
        b.Entity<Programme>(e => { e.HasIndex(x => x.NameKey); e.Property(x => x.NameKey).HasMaxLength(400); });
        b.Entity<Source>(e =>
        {
            e.HasIndex(x => x.Url);
            e.HasIndex(x => x.TitleKey);
            e.Property(x => x.Url).HasMaxLength(1000);
            e.Property(x => x.TitleKey).HasMaxLength(1000);
        });
        b.Entity<Claim>(e =>
        {
            e.HasOne(x => x.Source).WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.SubjectKind, x.SubjectId });
            e.HasIndex(x => new { x.ObjectKind, x.ObjectId });
            e.HasIndex(x => x.Fingerprint).IsUnique();
            e.HasIndex(x => x.SourceId);
            e.HasIndex(x => x.Predicate);
            e.HasIndex(x => x.Status);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.Quote).HasMaxLength(8000);
        });
        b.Entity<CompanyResponse>(e =>
        {
            e.HasOne(x => x.Source).WithMany().HasForeignKey(x => x.SourceId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Subjects).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ResponderKind, x.ResponderId });
            e.HasIndex(x => x.Fingerprint).IsUnique();
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.Text).HasMaxLength(8000);
        });
        b.Entity<ResponseSubject>(e =>
        {
            e.HasIndex(x => new { x.EntityKind, x.EntityId });
            // The lower-case words the column has always held, so the stored values and the schema stay as they were.
            e.Property(x => x.Role).HasConversion(r => r == SubjectRole.For ? "for" : "about", s => s == "for" ? SubjectRole.For : SubjectRole.About)
                .HasMaxLength(4000);
        });
        b.Entity<ImportBatch>(e => { e.HasIndex(x => x.Sha256); e.Property(x => x.Sha256).HasMaxLength(64); });
        b.Entity<MatchCandidate>(e =>
        {
            e.HasIndex(x => new { x.EntityKind, x.IncomingId, x.ExistingId }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        b.Entity<ResponderLinkCandidate>(e => e.HasIndex(x => new { x.ResponseId, x.BrandId }).IsUnique());
        b.Entity<ApiKey>(e => { e.HasIndex(x => x.KeyHash).IsUnique(); e.Property(x => x.KeyHash).HasMaxLength(64); });
        b.Entity<AuditEntry>(e => e.HasIndex(x => x.At));
        b.Entity<Live.DataVersion>(e => e.HasData(new Live.DataVersion { Id = Live.DataVersion.RowId, Version = 0, ChangedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }));
        b.Entity<Live.ImportJob>(e =>
        {
            e.HasIndex(x => x.State);
            e.Property(x => x.Files).HasMaxLength(100_000);
            e.Property(x => x.Summary).HasMaxLength(100_000);
            e.Property(x => x.Errors).HasMaxLength(1_000_000);
            e.Property(x => x.Outcome).HasMaxLength(1_000_000);
        });
        b.Entity<Correction>(e => { e.HasIndex(x => x.Status); e.HasIndex(x => new { x.ClientKey, x.ReceivedAt }); e.Property(x => x.ClientKey).HasMaxLength(32); });
    }
}

public sealed class SqliteSupplyChainDb(DbContextOptions<SqliteSupplyChainDb> options) : SupplyChainDb(options);
public sealed class PostgresSupplyChainDb(DbContextOptions<PostgresSupplyChainDb> options) : SupplyChainDb(options);
public sealed class SqlServerSupplyChainDb(DbContextOptions<SqlServerSupplyChainDb> options) : SupplyChainDb(options);
