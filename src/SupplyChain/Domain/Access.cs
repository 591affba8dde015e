namespace SupplyChain.Domain;

public enum Role { Reader = 0, Researcher = 1, Admin = 2 }

/// <summary>An API key: only its SHA-256 is stored; the key itself is shown once when made.</summary>
public class ApiKey
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The first characters of the key, so an admin can tell keys apart without the secret.</summary>
    public string Prefix { get; set; } = "";
    public Role Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>One write, recorded in the same transaction as the write itself.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>"import", "merge", "reject-match", "retract-claim", "create-key", "revoke-key", ...</summary>
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}
