namespace SupplyChain.Domain;

public enum CorrectionKind { Correction, RightOfReply }

public enum CorrectionStatus { Pending, Accepted, Rejected }

/// <summary>
/// A correction or a right of reply sent through the public form. It is not evidence: it waits in the researchers'
/// queue until a researcher acts on it (a retraction, a new claim or response, each with its own source).
/// </summary>
public class Correction
{
    public long Id { get; set; }
    public DateTime ReceivedAt { get; set; }
    public CorrectionKind Kind { get; set; }
    /// <summary>The page or claim it concerns, as an address on this site ("/brands/nike", "/claims/12").</summary>
    public string Page { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>A published source that shows it, when given.</summary>
    public string? EvidenceUrl { get; set; }
    /// <summary>Who sent it (a name or organisation), when they chose to say; no e-mail is asked for.</summary>
    public string? SentBy { get; set; }
    /// <summary>A salted hash of the sender's network address, only to limit how many one sender can send.</summary>
    public string ClientKey { get; set; } = "";
    public CorrectionStatus Status { get; set; }
}
