using SupplyChain.Domain;
using SupplyChain.Exposure;

namespace SupplyChain.Wording;

/// <summary>
/// The one rule for time on a path, for every brand: a path is never called "current". It either has a reported end
/// ("reported ended per Nike (21 Jul 2020)") or "no end reported; newest evidence 2020 (6 years old)". A promise to
/// end it is a commitment with its date, never an ending.
/// </summary>
public static class TimeWords
{
    /// <summary>"2020-03-11" → "11 Mar 2020", "2020-07" → "Jul 2020", "2020" → "2020"; as precise as published.</summary>
    public static string Date(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return "undated";
        return PartialDate.Parse(date) is { Month: not null } d ? d.Display() : date;
    }

    /// <summary>Whole years since a published date: "6 years old", "under a year old".</summary>
    public static string Age(string? date, DateTime now)
    {
        if (PartialDate.Parse(date) is not { } d) return "";
        var months = (now.Year - d.Year) * 12 + now.Month - (d.Month ?? 6);
        if (months < 0) return "";
        if (months < 12) return "under a year old";
        return months / 12 == 1 ? "1 year old" : $"{months / 12} years old";
    }

    /// <summary>"reported ended per Nike (21 Jul 2020)": who said it ended, and when they said it.</summary>
    public static string Ended(PathEnding e) => $"reported ended per {e.Who} ({Date(e.Date)})";

    /// <summary>"H&amp;M committed to end it (17 Sep 2020)": a promise, with its date; the deadline is in its words beside it.</summary>
    public static string Committed(PathEnding e) =>
        e.Reported ? $"a commitment to end it, reported by {e.Who} ({Date(e.Date)})" : $"{e.Who} committed to end it ({Date(e.Date)})";

    /// <summary>The time words for a path, as of <paramref name="now"/>.</summary>
    public static string ForPath(ExposurePath p, DateTime now)
    {
        if (p.Ending is { } e) return Ended(e);
        var newest = p.Newest is null ? "no dated evidence" : $"newest evidence {Year(p.Newest)} ({Age(p.Newest, now)})";
        var text = $"no end reported; {newest}";
        return p.Commitments.Count > 0 ? text + "; " + string.Join("; ", p.Commitments.Select(Committed)) : text;
    }

    /// <summary>The same rule for a brand's newest evidence: "Mar 2024 (2 years old)".</summary>
    public static string Newest(string? date, DateTime now) => date is null ? "no dated evidence" : $"{Date(date)} ({Age(date, now)})";

    static string Year(string date) => PartialDate.YearOf(date) ?? date;
}
