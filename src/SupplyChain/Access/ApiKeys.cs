using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Access;

/// <summary>API keys: random, shown once, stored as SHA-256 only, revocable, each with a role. Every change is audited.</summary>
public sealed class ApiKeys(SupplyChainDbFactory factory)
{
    public sealed record Created(long Id, string Key, string Prefix, Role Role);
    public sealed record Holder(long KeyId, string Name, Role Role);

    public async Task<Created> CreateAsync(string name, Role role, string actor, CancellationToken ct = default)
    {
        var secret = "sc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var key = new ApiKey { Name = name, KeyHash = Hash(secret), Prefix = secret[..8], Role = role, CreatedAt = DateTime.UtcNow };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, Actor = actor, Action = "create-key", Target = $"key {key.Id} ({name})", After = $"role {role}, prefix {key.Prefix}" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Created(key.Id, secret, key.Prefix, role);
    }

    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var key = await db.ApiKeys.AsTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null) return false;
        key.RevokedAt = DateTime.UtcNow;
        db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, Actor = actor, Action = "revoke-key", Target = $"key {id} ({key.Name})", Before = "active", After = "revoked" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.ApiKeys.OrderBy(k => k.Id).ToListAsync(ct);
    }

    /// <summary>The holder of a presented key, or null for an unknown or revoked one.</summary>
    public async Task<Holder?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200) return null;
        var hash = Hash(presented.Trim());
        await using var db = factory.Create();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        return key is null ? null : new Holder(key.Id, key.Name, key.Role);
    }

    /// <summary>The holder of a key by id, or null once it is revoked: a signed-in session re-checks this on every request.</summary>
    public async Task<Holder?> HolderAsync(long keyId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, ct);
        return key is null ? null : new Holder(key.Id, key.Name, key.Role);
    }

    static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
