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
    StatementsOnly,    // no link or naming, but the brand's own responses discuss Xinjiang or the allegations
    NoEvidence,        // in our database, with no claim or statement about it
}

public sealed record ExposureStep(EntityRef From, EntityRef To, Predicate Predicate, bool Reversed, IReadOnlyList<ClaimEdge> Claims)
{
    /// <summary>The strongest claim on the step is its strength; several sources on one step do not make it weaker.</summary>
    public Confidence Confidence => Claims.Max(c => c.Confidence);
}

/// <summary>Who said a path ended (or promised to end it), and when they said it; Reported: a source reported it, not the party itself.</summary>
public sealed record PathEnding(string Who, string? Date, bool Reported = false);

public sealed record ExposurePath(IReadOnlyList<ExposureStep> Steps, bool Ended, string? EndedNote, string? Period,
    IReadOnlyList<ClaimEdge> EndingClaims, IReadOnlyList<ResponseEdge> EndingResponses)
{
    /// <summary>The first reported ending (null: no end reported).</summary>
    public PathEnding? Ending { get; init; }
    /// <summary>Promises to end it; they never end a path.</summary>
    public IReadOnlyList<PathEnding> Commitments { get; init; } = [];
    public IReadOnlyList<ClaimEdge> CommitmentClaims { get; init; } = [];
    public IReadOnlyList<ResponseEdge> CommitmentResponses { get; init; } = [];
    /// <summary>The newest date among its claims, endings, commitments and the brand's answers about it.</summary>
    public string? Newest { get; init; }

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
                    paths.Add(PathWithTime(steps, fromBrand, responses, g));
                }
            }
        }

        var counter = CounterEvidenceFor(g, brand, paths, responses);
        return new BrandExposure(brandId, StatusOf(paths, fromBrand, responses), paths, counter);
    }

    static BrandStatus StatusOf(List<ExposurePath> paths, IReadOnlyList<ClaimEdge> fromBrand, IReadOnlyList<ResponseEdge> responses)
    {
        var current = paths.Where(p => !p.Ended).ToList();
        if (current.Any(p => p.Strength > Confidence.Low)) return BrandStatus.Linked;
        if (current.Count > 0) return BrandStatus.LinkAllegedWeakly;
        if (paths.Count > 0) return BrandStatus.LinkEnded;
        if (fromBrand.Any(c => c.Predicate == Predicate.NamedIn)) return BrandStatus.NamedInReport;
        if (fromBrand.Any(c => c.Predicate == Predicate.SourcesFrom)) return BrandStatus.SuppliersKnown;
        // Its own words about Xinjiang or the allegations are evidence held: never "no evidence".
        if (responses.Any(r => r.Stance != Stance.NoReply)) return BrandStatus.StatementsOnly;
        return BrandStatus.NoEvidence;
    }

    /// <summary>
    /// A path ends when a source says the brand's relationship with the supplier ended (ENDED_RELATIONSHIP), the brand
    /// says it left (CONFIRMED_EXITED), or the brand says the transfers at the supplier stopped. A promise to end it
    /// (COMMITTED_TO_END, COMMITTED_TO_EXIT) is a commitment, never an ending.
    /// </summary>
    static ExposurePath PathWithTime(List<ExposureStep> steps, IReadOnlyList<ClaimEdge> fromBrand, IReadOnlyList<ResponseEdge> responses, ClaimGraph g)
    {
        var supplier = steps[0].To;
        var worksite = steps[^1].From; // where the transfer or listing is reported
        bool About(EntityRef e) => SameParty(g, e, supplier) || SameParty(g, e, worksite);
        var endingClaims = fromBrand.Where(c => c.Predicate == Predicate.EndedRelationship && SameParty(g, c.Object, supplier)).ToList();
        var endingAnswers = responses.Where(r => (r.Stance == Stance.ConfirmedExited && r.About.Any(a => SameParty(g, a, supplier)))
            || (r.Stance == Stance.AcknowledgedSupplierSaidStopped && r.About.Any(About))).ToList();
        var promiseClaims = fromBrand.Where(c => c.Predicate == Predicate.CommittedToEnd && SameParty(g, c.Object, supplier)).ToList();
        var promiseAnswers = responses.Where(r => r.Stance == Stance.CommittedToExit && r.About.Any(About)).ToList();

        static PathEnding OfClaim(ClaimEdge c) => new(c.SourcePublisher ?? "a source", c.PeriodFrom ?? c.PeriodTo ?? c.SourcePublished, Reported: true);
        static PathEnding OfAnswer(ResponseEdge r) => new(r.ResponderName is { Length: > 0 } n ? n : "the brand", r.Date);
        var endings = endingClaims.Select(OfClaim).Concat(endingAnswers.Select(OfAnswer)).OrderBy(e => e.Date ?? "9999").ToList();
        var commitments = promiseClaims.Select(OfClaim).Concat(promiseAnswers.Select(OfAnswer)).OrderBy(e => e.Date ?? "9999")
            .DistinctBy(e => (e.Who, e.Date)).ToList();
        var ending = endings.FirstOrDefault();
        var note = ending is null ? null : Wording.TimeWords.Ended(ending);
        var answersAbout = responses.Where(r => r.About.Any(About)).Select(r => r.Date);
        var newest = steps.SelectMany(s => s.Claims).Select(c => c.SourcePublished)
            .Concat(endings.Select(e => e.Date)).Concat(commitments.Select(e => e.Date)).Concat(answersAbout)
            .Where(d => d is not null).Max();
        return new ExposurePath(steps, ending is not null, note, Period(steps[0], note), endingClaims, endingAnswers)
        {
            Ending = ending, Commitments = commitments, CommitmentClaims = promiseClaims, CommitmentResponses = promiseAnswers, Newest = newest,
        };
    }

    static string? Period(ExposureStep first, string? endedNote)
    {
        var starts = first.Claims.Select(c => c.PeriodFrom ?? c.SourcePublished).Where(d => d is not null).Order().ToList();
        var start = starts.Count > 0 ? Year(starts[0]) : null;
        if (start is null && endedNote is null) return null;
        return endedNote is null ? $"from {start}" : $"{start ?? "?"} – {endedNote}";
    }

    static string Year(string? date) => PartialDate.YearOf(date) ?? date ?? "";

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
