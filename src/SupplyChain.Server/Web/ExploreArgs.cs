using Microsoft.AspNetCore.Http;
using SupplyChain.Domain;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web;

/// <summary>Explore's query string, read the same way by the page and its CSV/JSON exports.</summary>
public static class ExploreArgs
{
    static readonly ClaimStatus[] Public = ClaimStatuses.Shown;

    public static ClaimFilter Parse(IQueryCollection q)
    {
        string? S(string key) => q[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
        EntityKind? subjectKind = null;
        long? subjectId = null;
        if (S("subject") is { } subject && subject.Split(':') is [var k, var i]
            && Enum.TryParse<EntityKind>(k, true, out var kind) && Enum.IsDefined(kind) && long.TryParse(i, out var id))
            (subjectKind, subjectId) = (kind, id);
        return new ClaimFilter(
            Predicate: Enum.TryParse<Predicate>(S("predicate"), true, out var p) && Enum.IsDefined(p) ? p : null,
            SourceId: long.TryParse(S("source"), out var src) ? src : null,
            Country: S("country"),
            ProgrammeId: long.TryParse(S("programme"), out var prog) ? prog : null,
            // Proposed claims wait for a researcher and are never shown as evidence.
            Status: Enum.TryParse<ClaimStatus>(S("status"), true, out var st) && Public.Contains(st) ? st : null,
            PeriodFrom: Period(S("from")),
            PeriodTo: Period(S("to")),
            SubjectKind: subjectKind,
            SubjectId: subjectId);
    }

    /// <summary>Periods are compared as text ("2020", "2020-07"): accept only those forms.</summary>
    static string? Period(string? v) =>
        v is { Length: 4 or 7 or 10 } && char.IsAsciiDigit(v[0]) && v.All(ch => char.IsAsciiDigit(ch) || ch == '-') ? v : null;

    public static string QueryString(ClaimFilter f)
    {
        var parts = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) parts.Add(k + "=" + Uri.EscapeDataString(v)); }
        Add("predicate", f.Predicate?.ToString());
        Add("source", f.SourceId?.ToString());
        Add("country", f.Country);
        Add("programme", f.ProgrammeId?.ToString());
        Add("status", f.Status?.ToString());
        Add("from", f.PeriodFrom);
        Add("to", f.PeriodTo);
        if (f.SubjectKind is { } sk && f.SubjectId is { } sid) Add("subject", $"{sk.ToString().ToLowerInvariant()}:{sid}");
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
