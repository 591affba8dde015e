using Microsoft.AspNetCore.Http;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;

namespace SupplyChain.Server.Web;

/// <summary>The target list's query string, read the same way by the page, its print view and its CSV.</summary>
public static class TargetArgs
{
    public static TargetFilter Parse(IQueryCollection q)
    {
        string? S(string key) => q[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
        return new TargetFilter(
            Sector: S("sector"),
            Country: S("country"),
            SourceId: long.TryParse(S("source"), out var src) ? src : null,
            MinSources: int.TryParse(S("minsources"), out var n) ? Math.Clamp(n, 0, 100) : 0,
            MinConfidence: Enum.TryParse<Confidence>(S("confidence"), true, out var c) && Enum.IsDefined(c) ? c : null,
            Stance: S("stance") is { } st && (st == TargetFilter.NoResponse || (Enum.TryParse<Stance>(st, true, out var parsed) && Enum.IsDefined(parsed))) ? st : null,
            Status: Enum.TryParse<BrandStatus>(S("status"), true, out var bs) && Enum.IsDefined(bs) ? bs : null,
            Sort: Enum.TryParse<TargetSort>(S("sort"), true, out var sort) && Enum.IsDefined(sort) ? sort : TargetSort.Strength,
            Province: S("province"));
    }

    /// <summary>The filter as a query string (without print or page), for the CSV and print links.</summary>
    public static string QueryString(TargetFilter f)
    {
        var parts = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) parts.Add(k + "=" + Uri.EscapeDataString(v)); }
        Add("sector", f.Sector);
        Add("country", f.Country);
        Add("province", f.Province);
        Add("source", f.SourceId?.ToString());
        Add("minsources", f.MinSources > 0 ? f.MinSources.ToString() : null);
        Add("confidence", f.MinConfidence?.ToString());
        Add("stance", f.Stance);
        Add("status", f.Status?.ToString());
        Add("sort", f.Sort == TargetSort.Strength ? null : f.Sort.ToString());
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
