namespace SupplyChain.Editions;

/// <summary>Edition years in few words: "2012–2015, 2017 and 2018" (runs of consecutive editions joined).</summary>
public static class EditionText
{
    public static string Years(IReadOnlyList<string> years)
    {
        var parts = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && int.TryParse(years[j], out var a) && int.TryParse(years[j + 1], out var b) && b == a + 1) j++;
            parts.Add(j - i >= 2 ? $"{years[i]}–{years[j]}" : j == i ? years[i] : $"{years[i]}, {years[j]}");
            i = j + 1;
        }
        var flat = string.Join(", ", parts);
        var last = flat.LastIndexOf(", ", StringComparison.Ordinal);
        return last < 0 ? flat : flat[..last] + " and " + flat[(last + 2)..];
    }
}
