using SupplyChain.Domain;

namespace SupplyChain.Exposure;

/// <summary>
/// A brand's plain status. It never says more than the weakest step of its best path supports.
/// </summary>
public enum BrandStatus
{
    Linked,            // a current path brand → supplier (→ owner) → programme or list, no step of low confidence
    LinkAllegedWeakly, // a current path, but a step rests only on low-confidence evidence
    LinkEnded,         // only paths the brand or a source says ended (or are being phased out)
    NamedInReport,     // named in a report; no path to a programme or list in our data
    SuppliersKnown,    // supplier links only (e.g. a disclosure), none of them to a programme or list in our data
    NoEvidence,        // in our database, with no claim that links it to anything
}

public sealed record ExposureStep(EntityRef From, EntityRef To, Predicate Predicate, bool Reversed, IReadOnlyList<ClaimEdge> Claims)
{
    /// <summary>The strongest claim on the step is its strength; several sources on one step do not make it weaker.</summary>
    public Confidence Confidence => Claims.Max(c => c.Confidence);
}

public sealed record ExposurePath(IReadOnlyList<ExposureStep> Steps, bool Ended, string? EndedNote, string? Period,
    IReadOnlyList<ClaimEdge> EndingClaims, IReadOnlyList<ResponseEdge> EndingResponses)
{
    /// <summary>A path is as strong as its weakest step.</summary>
    public Confidence Strength => Steps.Min(s => s.Confidence);
    public EntityRef Programme => Steps[^1].To;
}

/// <summary>Denials, disputes and other answers placed beside the step they answer.</summary>
public sealed record CounterEvidence(EntityRef StepFrom, EntityRef StepTo, IReadOnlyList<ClaimEdge> Claims, IReadOnlyList<ResponseEdge> Responses);

public sealed record BrandExposure(long BrandId, BrandStatus Status, IReadOnlyList<ExposurePath> Paths, IReadOnlyList<CounterEvidence> Counter);

public static class ExposureCalculator
{
    static readonly Stance[] Denials = [Stance.DeniedLink, Stance.DisputedFact, Stance.NoDirectRelationship];
    const int MaxOwnershipHops = 2;

    public static BrandExposure Compute(ClaimGraph g, long brandId)
    {
        var brand = new EntityRef(EntityKind.Brand, brandId);
        var fromBrand = g.From(brand);
        var paths = new List<ExposurePath>();
        var responses = g.ResponsesBy(brand);

        foreach (var supplierGroup in fromBrand.Where(c => c.Predicate == Predicate.SourcesFrom).GroupBy(c => c.Object))
        {
            var supplier = supplierGroup.Key;
            var first = new ExposureStep(brand, supplier, Predicate.SourcesFrom, false, supplierGroup.ToList());
            // Ownership in either direction, at most two hops, never back through an entity already on the path.
            var chains = new List<List<ExposureStep>> { new() };
            var frontier = new List<(EntityRef At, List<ExposureStep> Hops)> { (supplier, []) };
            for (var hop = 0; hop < MaxOwnershipHops; hop++)
            {
                var next = new List<(EntityRef, List<ExposureStep>)>();
                foreach (var (at, hops) in frontier)
                {
                    var visited = hops.Select(h => h.To).Append(supplier).Append(brand).ToHashSet();
                    foreach (var grp in g.From(at).Where(c => c.Predicate == Predicate.OwnedBy && !visited.Contains(c.Object)).GroupBy(c => c.Object))
                        next.Add((grp.Key, [.. hops, new ExposureStep(at, grp.Key, Predicate.OwnedBy, false, grp.ToList())]));
                    foreach (var grp in g.To(at).Where(c => c.Predicate == Predicate.OwnedBy && !visited.Contains(c.Subject)).GroupBy(c => c.Subject))
                        next.Add((grp.Key, [.. hops, new ExposureStep(at, grp.Key, Predicate.OwnedBy, true, grp.ToList())]));
                }
                chains.AddRange(next.Select(n => n.Item2));
                frontier = next;
            }

            var (ended, note, endingClaims, endingResponses) = Ending(fromBrand, responses, supplier, g);
            foreach (var hops in chains)
            {
                var end = hops.Count == 0 ? supplier : hops[^1].To;
                foreach (var grp in g.From(end).Where(c => c.Predicate is Predicate.ReceivedTransferredWorkers or Predicate.ListedOn)
                             .GroupBy(c => (c.Object, c.Predicate)))
                {
                    var last = new ExposureStep(end, grp.Key.Object, grp.Key.Predicate, false, grp.ToList());
                    var steps = new List<ExposureStep> { first };
                    steps.AddRange(hops);
                    steps.Add(last);
                    paths.Add(new ExposurePath(steps, ended, note, Period(first, note), endingClaims, endingResponses));
                }
            }
        }

        var counter = CounterEvidenceFor(g, brand, paths, responses);
        return new BrandExposure(brandId, StatusOf(paths, fromBrand), paths, counter);
    }

    static BrandStatus StatusOf(List<ExposurePath> paths, IReadOnlyList<ClaimEdge> fromBrand)
    {
        var current = paths.Where(p => !p.Ended).ToList();
        if (current.Any(p => p.Strength > Confidence.Low)) return BrandStatus.Linked;
        if (current.Count > 0) return BrandStatus.LinkAllegedWeakly;
        if (paths.Count > 0) return BrandStatus.LinkEnded;
        if (fromBrand.Any(c => c.Predicate == Predicate.NamedIn)) return BrandStatus.NamedInReport;
        if (fromBrand.Any(c => c.Predicate == Predicate.SourcesFrom)) return BrandStatus.SuppliersKnown;
        return BrandStatus.NoEvidence;
    }

    /// <summary>A relationship ends when a source says so (ENDED_RELATIONSHIP) or the brand confirmed it exited or committed to exit.</summary>
    static (bool, string?, List<ClaimEdge>, List<ResponseEdge>) Ending(IReadOnlyList<ClaimEdge> fromBrand, IReadOnlyList<ResponseEdge> responses, EntityRef supplier, ClaimGraph g)
    {
        var claims = fromBrand.Where(c => c.Predicate == Predicate.EndedRelationship && SameParty(g, c.Object, supplier)).ToList();
        var answers = responses.Where(r => r.Stance is Stance.ConfirmedExited or Stance.CommittedToExit && r.About.Any(a => SameParty(g, a, supplier))).ToList();
        if (claims.Count == 0 && answers.Count == 0) return (false, null, claims, answers);
        var dates = claims.Select(c => c.PeriodFrom ?? c.PeriodTo ?? c.SourcePublished).Concat(answers.Select(a => a.Date)).Where(d => d is not null).Order().ToList();
        var confirmed = answers.Any(a => a.Stance == Stance.ConfirmedExited);
        var word = confirmed ? "ended" : "ended or being phased out";
        return (true, dates.Count > 0 ? $"{word} {Year(dates[0])}" : word, claims, answers);
    }

    static string? Period(ExposureStep first, string? endedNote)
    {
        var starts = first.Claims.Select(c => c.PeriodFrom ?? c.SourcePublished).Where(d => d is not null).Order().ToList();
        var start = starts.Count > 0 ? Year(starts[0]) : null;
        if (start is null && endedNote is null) return null;
        return endedNote is null ? $"{start} –" : $"{start ?? "?"} – {endedNote}";
    }

    static string Year(string? date) => date is { Length: >= 4 } ? date[..4] : date ?? "";

    /// <summary>Same entity, or an entity of the same name apart from a qualifier ("Huafu Fashion Co. (Anhui factory)").</summary>
    static bool SameParty(ClaimGraph g, EntityRef a, EntityRef b) =>
        a == b || (g.BaseKey(a) is { Length: > 0 } ka && ka == g.BaseKey(b));

    static List<CounterEvidence> CounterEvidenceFor(ClaimGraph g, EntityRef brand, List<ExposurePath> paths, IReadOnlyList<ResponseEdge> responses)
    {
        var result = new List<CounterEvidence>();
        var steps = paths.SelectMany(p => p.Steps).DistinctBy(s => (s.From, s.To)).ToList();
        var placed = new HashSet<long>();
        var placedResponses = new HashSet<long>();
        foreach (var step in steps) // each denial stands beside the first (closest to the brand) step it answers
        {
            var claims = g.From(step.From).Where(c => c.Predicate == Predicate.Other && SameParty(g, c.Object, step.To))
                .Concat(g.From(step.To).Where(c => c.Predicate == Predicate.Other && SameParty(g, c.Object, step.From)))
                .Concat(step.From == brand ? [] : g.From(brand).Where(c => c.Predicate == Predicate.Other && SameParty(g, c.Object, step.From)))
                .DistinctBy(c => c.Id).Where(c => placed.Add(c.Id)).ToList();
            var answers = responses.Where(r => Denials.Contains(r.Stance) && r.About.Any(a => SameParty(g, a, step.To) || SameParty(g, a, step.From)))
                .Where(r => placedResponses.Add(r.Id)).ToList();
            if (claims.Count > 0 || answers.Count > 0) result.Add(new CounterEvidence(step.From, step.To, claims, answers));
        }
        // A brand's denial about a supplier it has no path through is still shown (it creates no path).
        var loose = g.From(brand).Where(c => c.Predicate == Predicate.Other && !placed.Contains(c.Id)).ToList();
        if (loose.Count > 0) result.Add(new CounterEvidence(brand, brand, loose, []));
        return result;
    }
}
