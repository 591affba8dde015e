using System.Globalization;

namespace SupplyChain.Domain;

/// <summary>
/// A date as precise as its source published it: "2020", "2020-07" or "2020-03-11". Columns keep the published text;
/// code that needs the year, a comparison or the display form parses it here instead of slicing strings.
/// </summary>
public readonly record struct PartialDate(int Year, int? Month = null, int? Day = null) : IComparable<PartialDate>
{
    static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// Reads a leading four-digit year, then a month 1–12 and a day (its first two digits, so "2020-03-11T08:00" reads
    /// as 11 March); whatever is missing or malformed after the year is left out. Null when there is no year.
    /// </summary>
    public static PartialDate? Parse(string? text)
    {
        if (text is null || text.Length < 4 || text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9')) return null;
        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var p = text.Split('-');
        if (p.Length < 2 || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
            return new PartialDate(year);
        var dayText = p.Length >= 3 ? (p[2].Length > 2 ? p[2][..2] : p[2]) : null;
        return new PartialDate(year, m, int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null);
    }

    /// <summary>The year of a published date as text ("2020"), or null when it has none.</summary>
    public static string? YearOf(string? text) => Parse(text)?.YearText;

    public string YearText => Year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>"11 Mar 2020", "Mar 2020" or "2020": as precise as published.</summary>
    public string Display() => Month is not { } m ? YearText : Day is { } d ? $"{d} {MonthNames[m - 1]} {YearText}" : $"{MonthNames[m - 1]} {YearText}";

    /// <summary>The ISO form the column holds: "2020", "2020-07", "2020-03-11".</summary>
    public override string ToString() =>
        Month is not { } m ? YearText : Day is { } d ? $"{YearText}-{m:D2}-{d:D2}" : $"{YearText}-{m:D2}";

    /// <summary>Earlier first; a less precise date sorts before the more precise dates inside it ("2020" &lt; "2020-01").</summary>
    public int CompareTo(PartialDate other)
    {
        var c = Year.CompareTo(other.Year);
        if (c == 0) c = (Month ?? 0).CompareTo(other.Month ?? 0);
        return c == 0 ? (Day ?? 0).CompareTo(other.Day ?? 0) : c;
    }

    public static bool operator <(PartialDate a, PartialDate b) => a.CompareTo(b) < 0;
    public static bool operator >(PartialDate a, PartialDate b) => a.CompareTo(b) > 0;
    public static bool operator <=(PartialDate a, PartialDate b) => a.CompareTo(b) <= 0;
    public static bool operator >=(PartialDate a, PartialDate b) => a.CompareTo(b) >= 0;
}
