using System.Text;
using SupplyChain.Domain;
using SupplyChain.Exposure;
using SupplyChain.Queries;

namespace SupplyChain.Wording;

/// <summary>The target list's words: one plain sentence per brand, and the short name a report is known by.</summary>
public static class TargetWords
{
    /// <summary>
    /// What we know in one plain sentence, never stronger than the data: "Named in 1 report; supplied by 1 factory
    /// reported to have received transferred Uyghur workers (2017–2019)".
    /// </summary>
    public static string Describe(BrandDigest d, bool caveat = true)
    {
        var parts = new List<string>();
        if (d.NamedIn.Count > 0)
            parts.Add($"Named in {Join(d.NamedIn.Select(ReportName))} for its supply chain");
        foreach (var g in d.Links.GroupBy(l => (l.Direct, l.Ended, Weak: l.Strength == Confidence.Low, Facts: FactsText(l.Facts), Noun: Noun(l.End.Kind))))
        {
            var n = g.Count();
            var noun = n == 1 ? g.Key.Noun : g.Key.Noun == "factory" ? "factories" : g.Key.Noun + "s";
            var sb = new StringBuilder();
            if (g.Key.Direct) sb.Append(g.Key.Ended ? "formerly supplied by " : "supplied by ").Append(n).Append(' ').Append(noun);
            else sb.Append(g.Key.Ended ? "formerly bought from a supplier related by ownership to " : "buys from a supplier related by ownership to ")
                    .Append(n).Append(' ').Append(noun);
            sb.Append(' ').Append(g.Key.Facts);
            if (g.Key.Ended && g.Select(l => l.EndedNote).FirstOrDefault(x => x is not null) is { } note) sb.Append(" — ").Append(note);
            if (g.Key.Weak) sb.Append(" (on low-confidence evidence only)");
            parts.Add(sb.ToString());
        }
        if (d.Links.Count == 0)
        {
            if (d.NamedIn.Count > 0)
                parts.Add("which supplier is not yet in our data");
            if (d.SupplierCount > 0)
                parts.Add($"{Count(d.SupplierCount, "supplier")} known, none linked to a programme or list in our data yet");
            if (d.Status == BrandStatus.StatementsOnly)
                parts.Add("its own statements discuss Xinjiang or the allegations; no supplier link in our data yet");
            if (parts.Count == 0)
                parts.Add("In our database, but no source we hold says anything about it yet");
        }
        if (d.OwnerLinkedThrough.Count > 0 && d.Card.OwnerName is { } owner)
            parts.Add($"its owner {owner} is linked through {Join(d.OwnerLinkedThrough.Select(c => c.Name))}");
        if (caveat && !StatusWords.IsLinked(d.Status))
            parts.Add(StatusWords.NotACleanBill);
        var text = string.Join("; ", parts);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>"“Uyghurs for sale” (2020)": short, as the report is known; the page cites it in full.</summary>
    public static string ReportName(SourceRef s)
    {
        var colon = s.Title.IndexOf(':');
        var title = colon > 8 ? s.Title[..colon] : s.Title; // the short title a reader knows it by
        return $"“{title}”" + (s.Published is { Length: >= 4 } p ? $" ({p[..4]})" : "");
    }

    static string Noun(EntityKind kind) => kind switch { EntityKind.Facility => "factory", EntityKind.Company => "company", _ => "supplier" };

    static string FactsText(IReadOnlyList<LinkFact> facts)
    {
        var received = facts.Where(f => f.Predicate == Predicate.ReceivedTransferredWorkers).ToList();
        var listed = facts.Where(f => f.Predicate == Predicate.ListedOn).ToList();
        var pieces = new List<string>();
        if (received.Count > 0)
        {
            var periods = received.Select(f => f.Period).Where(p => p is not null).Distinct().ToList();
            var named = received.All(f => f.TargetKind is null or ProgrammeKind.LabourTransfer) ? "transferred Uyghur workers" : "workers transferred under " + Join(received.Select(f => f.Target));
            pieces.Add("reported to have received " + named + (periods.Count > 0 ? $" ({string.Join(", ", periods)})" : ""));
        }
        if (listed.Count > 0)
            pieces.Add("placed on " + Join(listed.Select(f => f.Period is null ? f.Target : $"{f.Target} ({f.Period})")));
        return string.Join(" and ", pieces);
    }

    static string Join(IEnumerable<string> items)
    {
        var list = items.Distinct().ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
