namespace SupplyChain.Domain;

/// <summary>
/// The named sets of claim statuses, defined once. Arrays so a query can say <c>ClaimStatuses.Live.Contains(c.Status)</c>
/// (translated to SQL IN) and in-memory code <c>c.Status.IsLive()</c>, meaning the same thing.
/// </summary>
public static class ClaimStatuses
{
    /// <summary>Evidence that counts now: what a brand's status, its owners and its paths are built from.</summary>
    public static readonly ClaimStatus[] Live = [ClaimStatus.Active, ClaimStatus.Disputed];

    /// <summary>Live, or repeated by a newer version of its source: still a record of what that edition published.</summary>
    public static readonly ClaimStatus[] OnRecord = [ClaimStatus.Active, ClaimStatus.Disputed, ClaimStatus.Superseded];

    /// <summary>What a reader may see (retracted and superseded claims carry a badge); proposed waits for a researcher.</summary>
    public static readonly ClaimStatus[] Shown = [ClaimStatus.Active, ClaimStatus.Disputed, ClaimStatus.Retracted, ClaimStatus.Superseded];

    /// <summary>What claim lists (a brand's claims, /claims) show: a superseded claim is repeated by its newer version, and
    /// stays on its own edition's page.</summary>
    public static readonly ClaimStatus[] Listed = [ClaimStatus.Active, ClaimStatus.Disputed, ClaimStatus.Retracted];

    public static bool IsLive(this ClaimStatus s) => s is ClaimStatus.Active or ClaimStatus.Disputed;

    public static bool IsShown(this ClaimStatus s) => s != ClaimStatus.Proposed;
}
