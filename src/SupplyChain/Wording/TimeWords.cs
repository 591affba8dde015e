using SupplyChain.Exposure;

namespace SupplyChain.Wording;

/// <summary>
/// The one rule for time on a path, for every brand: a path is never called "current". It either has a reported end
/// ("reported ended per Nike (21 Jul 2020)") or "no end reported; newest evidence 2020 (6 years old)". A promise to
/// end it is a commitment with its date, never an ending.
/// </summary>
public static class TimeWords
{
    static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>"2020-03-11" → "11 Mar 2020", "2020-07" → "Jul 2020", "2020" → "2020"; as precise as published.</summary>
    public static string Date(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return "undated";
        var p = date.Split('-');
        if (p.Length >= 2 && int.TryParse(p[1], out var m) && m is >= 1 and <= 12)
            return p.Length >= 3 && int.TryParse(p[2].Length > 2 ? p[2][..2] : p[2], out var d) ? $"{d} {Months[m - 1]} {p[0]}" : $"{Months[m - 1]} {p[0]}";
        return date;
    }

    /// <summary>Whole years since a published date: "6 years old", "under a year old".</summary>
    public static string Age(string? date, DateTime now)
    {
        if (date is not { Length: >= 4 } || !int.TryParse(date[..4], out var year)) return "";
        var month = date.Length >= 7 && int.TryParse(date[5..7], out var m) ? m : 6;
        var months = (now.Year - year) * 12 + now.Month - month;
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

    static string Year(string date) => date.Length >= 4 ? date[..4] : date;
}
