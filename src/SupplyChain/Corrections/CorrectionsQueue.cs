using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Corrections;

public sealed record CorrectionInput(CorrectionKind Kind, string Page, string Text, string? EvidenceUrl, string? SentBy);

/// <summary>Thrown when one sender has sent as many as the hour allows.</summary>
public sealed class TooManyCorrectionsException() : Exception("too many submissions from this address in the last hour");

/// <summary>Stores corrections and rights of reply (each with its audit record, in one transaction) and lists the researchers' queue.</summary>
public sealed class CorrectionsQueue(SupplyChainDbFactory factory)
{
    public const int PerSenderPerHour = 5;
    public const int MaxText = 4000;

    /// <summary>Stores a submission; refuses the sixth from one address within an hour.</summary>
    public async Task<Correction> SubmitAsync(CorrectionInput input, string clientAddress, CancellationToken ct = default)
    {
        var text = input.Text.Trim();
        if (text.Length == 0) throw new ArgumentException("say what is wrong or missing", nameof(input));
        if (text.Length > MaxText) throw new ArgumentException($"at most {MaxText} characters", nameof(input));
        var key = ClientKey(clientAddress);
        await using var db = factory.Create();
        var since = DateTime.UtcNow.AddHours(-1);
        if (await db.Corrections.CountAsync(c => c.ClientKey == key && c.ReceivedAt >= since, ct) >= PerSenderPerHour)
            throw new TooManyCorrectionsException();
        var correction = new Correction
        {
            ReceivedAt = DateTime.UtcNow, Kind = input.Kind, Page = Short(input.Page, 300) ?? "", Text = text,
            EvidenceUrl = Short(input.EvidenceUrl, 1000), SentBy = Short(input.SentBy, 200), ClientKey = key, Status = CorrectionStatus.Pending,
        };
        db.Corrections.Add(correction);
        await db.SaveChangesAsync(ct); // the id, for the audit record; both in one transaction below
        db.Audit.Add(new AuditEntry
        {
            At = correction.ReceivedAt, Actor = correction.SentBy is { } who ? $"public form ({who})" : "public form", Action = "submit-correction",
            Target = $"correction {correction.Id} about {correction.Page}", After = correction.Kind.ToString(),
        });
        await db.SaveChangesAsync(ct);
        return correction;
    }

    /// <summary>The researchers' queue: pending submissions, oldest first.</summary>
    public async Task<IReadOnlyList<Correction>> PendingAsync(int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.Corrections.AsNoTracking().Where(c => c.Status == CorrectionStatus.Pending).OrderBy(c => c.Id).Take(first).ToListAsync(ct);
    }

    static string? Short(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim() is var t && t.Length > max ? t[..max] : s.Trim();

    /// <summary>The address is never stored: only a hash, salted per process day, enough to count one sender's submissions.</summary>
    static string ClientKey(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("supplychain-corrections|" + DateTime.UtcNow.ToString("yyyy-MM-dd") + "|" + address)))[..32];
}
