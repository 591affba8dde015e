using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Review;

public enum MatchDecision { Merge, Reject, OwnedBy }

/// <summary>
/// The source a reviewer gives for "owned by": a source we hold (<paramref name="SourceId"/>), or a new one from its
/// address, title and the words that say so. Name similarity is never evidence, so there is no decision without one.
/// </summary>
public sealed record OwnershipSource(long? SourceId = null, string? Url = null, string? Title = null, string? Quote = null);

/// <summary>
/// Researchers decide match candidates. Merge: the incoming entity redirects to the existing one (its id keeps
/// working), and its claims move over. Reject: the pair is remembered and never proposed again. Each decision is one
/// transaction with its audit record. Owned by: one brand of the pair is owned by the other side's company, recorded as
/// an OWNED_BY claim citing the source the reviewer gives (see <see cref="DecideOwnedByAsync"/>). Responder links ("Inditex (Zara)") are confirmed or rejected the same way.
/// </summary>
public sealed class ReviewQueue(SupplyChainDbFactory factory)
{
    public async Task<IReadOnlyList<MatchCandidate>> PendingAsync(int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.MatchCandidates.Where(m => m.Status == MatchStatus.Pending).OrderByDescending(m => m.Score).ThenBy(m => m.Id).Take(first).ToListAsync(ct);
    }

    public Task<MatchCandidate> DecideAsync(long candidateId, MatchDecision decision, string actor, string? note, CancellationToken ct = default)
    {
        if (decision == MatchDecision.OwnedBy)
            throw new ReviewException("an \"owned by\" decision needs the owner and a source: name similarity is not evidence");
        return DecidePendingAsync(candidateId, actor, note, async (db, c) =>
        {
            if (decision == MatchDecision.Merge) await MergeAsync(db, c.EntityKind, c.IncomingId, c.ExistingId, ct);
            var status = decision == MatchDecision.Merge ? MatchStatus.Merged : MatchStatus.Rejected;
            return new Decided(status, decision == MatchDecision.Merge ? "merge" : "reject-match",
                $"{c.EntityKind} {c.IncomingId} '{c.IncomingName}' ~ {c.ExistingId} '{c.ExistingName}'", status.ToString());
        }, ct);
    }

    /// <summary>
    /// "Owned by": the brand on one side of a pending brand pair is owned by the other side (<paramref name="ownerId"/>).
    /// The owner side is a brand record, and ownership is a claim about a company: the company of the same name is used
    /// if one is held (not merged away), else one is made with that name. The claim (brand OWNED_BY company) cites the
    /// reviewer's source; the pair stays two entities. Refused, with nothing written, without a usable source.
    /// </summary>
    public Task<MatchCandidate> DecideOwnedByAsync(long candidateId, long ownerId, OwnershipSource source, string actor, string? note, CancellationToken ct = default)
    {
        var newSource = source.SourceId is null ? NewSource(source) : null; // refuse a bad source before opening anything
        return DecidePendingAsync(candidateId, actor, note, async (db, c) =>
        {
            if (c.EntityKind != EntityKind.Brand) throw new ReviewException($"\"owned by\" is decided for a pair of brands; candidate {candidateId} is a pair of {c.EntityKind} entities");
            if (ownerId != c.IncomingId && ownerId != c.ExistingId)
                throw new ReviewException($"the owner must be one side of candidate {candidateId}: {c.IncomingId} ('{c.IncomingName}') or {c.ExistingId} ('{c.ExistingName}')");
            var ownedId = ownerId == c.IncomingId ? c.ExistingId : c.IncomingId;
            var owned = await db.Brands.AsNoTracking().SingleAsync(b => b.Id == ownedId, ct);
            var ownerBrand = await db.Brands.AsNoTracking().SingleAsync(b => b.Id == ownerId, ct);

            Source cited;
            if (source.SourceId is { } sid)
                cited = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) ?? throw new ReviewException($"no source {sid}");
            else
            {
                cited = newSource!;
                db.Sources.Add(cited);
            }
            var company = await db.Companies.AsTracking().FirstOrDefaultAsync(x => x.NameKey == ownerBrand.NameKey && x.MergedIntoId == null, ct);
            if (company is null)
            {
                company = new Company { Name = ownerBrand.Name, NameKey = ownerBrand.NameKey };
                db.Companies.Add(company);
            }
            await db.SaveChangesAsync(ct); // ids for the claim's identity

            var claim = new Claim
            {
                SubjectKind = EntityKind.Brand, SubjectId = owned.Id, SubjectAsPublished = owned.Name, Predicate = Predicate.OwnedBy,
                ObjectKind = EntityKind.Company, ObjectId = company.Id, ObjectAsPublished = company.Name, SourceId = cited.Id,
                Quote = string.IsNullOrWhiteSpace(source.Quote) ? null : source.Quote.Trim(),
                Summary = $"{owned.Name} is owned by {company.Name} (a reviewer's reading of this source).",
                EvidenceType = EvidenceType.Other, Confidence = Confidence.Medium, Status = ClaimStatus.Active,
                ExternalId = $"review-{c.Id}",
            };
            claim.Fingerprint = claim.Identity();
            db.Claims.Add(claim);
            await db.SaveChangesAsync(ct);
            return new Decided(MatchStatus.OwnedBy, "owned-by",
                $"Brand {owned.Id} '{owned.Name}' OWNED_BY Company {company.Id} '{company.Name}' (candidate {c.Id})", $"claim {claim.Id} citing source {cited.Id}");
        }, ct);
    }

    sealed record Decided(MatchStatus Status, string Action, string Target, string After);

    /// <summary>
    /// A decision on a pending candidate in one transaction: <paramref name="decide"/> does the work and says what it was;
    /// the candidate is then marked, the audit written and the data version moved (search and pages follow).
    /// </summary>
    async Task<MatchCandidate> DecidePendingAsync(long candidateId, string actor, string? note, Func<SupplyChainDb, MatchCandidate, Task<Decided>> decide, CancellationToken ct)
    {
        await using var db = factory.Create();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var c = await db.MatchCandidates.AsTracking().FirstOrDefaultAsync(m => m.Id == candidateId, ct)
                ?? throw new ReviewException($"no match candidate {candidateId}");
            if (c.Status != MatchStatus.Pending) throw new ReviewException($"candidate {candidateId} was already decided ({c.Status})");
            var d = await decide(db, c);
            c.Status = d.Status;
            c.DecidedBy = actor;
            c.DecidedAt = DateTime.UtcNow;
            c.Note = note;
            db.Audit.Add(new AuditEntry
            {
                At = DateTime.UtcNow, Actor = actor, Action = d.Action, Target = d.Target,
                Before = nameof(MatchStatus.Pending), After = d.After + (note is null ? "" : $": {note}"),
            });
            await db.SaveChangesAsync(ct);
            await Live.DataVersion.BumpAsync(db, ct);
            await tx.CommitAsync(ct);
            return c;
        });
    }

    /// <summary>A source from the reviewer's address, title and quote; all three, and a plain web address, or refused.</summary>
    static Source NewSource(OwnershipSource s)
    {
        if (string.IsNullOrWhiteSpace(s.Url) || string.IsNullOrWhiteSpace(s.Title) || string.IsNullOrWhiteSpace(s.Quote))
            throw new ReviewException("an \"owned by\" decision needs a source: give a source id, or the source's URL, title and the quote that states the ownership (name similarity is not evidence)");
        if (!Uri.TryCreate(s.Url.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ReviewException($"the source URL '{s.Url}' is not an http(s) address");
        var title = s.Title.Trim();
        return new Source
        {
            Title = title, TitleKey = Resolution.NameNormalizer.Fold(title), Url = url.AbsoluteUri, Kind = SourceKind.Other,
            // The site it was read on: the one publisher fact the address itself gives.
            Publisher = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host,
        };
    }

    /// <summary>
    /// The one merge routine. Everything that names the merged-away entity moves to the survivor: claims (ownership
    /// claims among them, so a brand's owner and a parent's answers follow), response subjects, responders, a brand's
    /// aliases (its old name becomes one) and pending responder links; every moved identity is recomputed, so a later
    /// import finds the moved claim or response again instead of adding a copy.
    /// </summary>
    static async Task MergeAsync(SupplyChainDb db, EntityKind kind, long from, long into, CancellationToken ct)
    {
        // The old entity stays, redirecting: links to it and its id keep working.
        switch (kind)
        {
            case EntityKind.Brand: await db.Brands.Where(e => e.Id == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.MergedIntoId, into), ct); break;
            case EntityKind.Company: await db.Companies.Where(e => e.Id == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.MergedIntoId, into), ct); break;
            case EntityKind.Facility: await db.Facilities.Where(e => e.Id == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.MergedIntoId, into), ct); break;
            case EntityKind.Programme: await db.Programmes.Where(e => e.Id == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.MergedIntoId, into), ct); break;
            default: throw new ReviewException($"{kind} entities cannot be merged");
        }
        await MoveClaimsAsync(db, kind, from, into, ct);
        await MoveResponsesAsync(db, kind, from, into, ct);
        if (kind == EntityKind.Brand) await MoveBrandNamesAsync(db, from, into, ct);
    }

    static async Task MoveClaimsAsync(SupplyChainDb db, EntityKind kind, long from, long into, CancellationToken ct)
    {
        var moved = await db.Claims.AsTracking().Where(c => (c.SubjectKind == kind && c.SubjectId == from) || (c.ObjectKind == kind && c.ObjectId == from)).ToListAsync(ct);
        foreach (var c in moved)
        {
            if (c.SubjectKind == kind && c.SubjectId == from) c.SubjectId = into;
            if (c.ObjectKind == kind && c.ObjectId == from) c.ObjectId = into;
            c.Fingerprint = c.Identity();
        }
        var prints = moved.Select(c => c.Fingerprint).ToList();
        var clash = await db.Claims.Where(c => prints.Contains(c.Fingerprint)).Select(c => c.Fingerprint).ToListAsync(ct);
        foreach (var c in moved.Where(c => clash.Contains(c.Fingerprint)))
        {
            // The surviving entity already carries the same claim: keep this copy, marked, under a distinct fingerprint.
            c.Status = ClaimStatus.Superseded;
            c.StatusReason = "duplicate after merge";
            c.StatusChangedAt = DateTime.UtcNow;
            c.Fingerprint = Fingerprints.Of("merged", c.Id);
        }
    }

    static async Task MoveResponsesAsync(SupplyChainDb db, EntityKind kind, long from, long into, CancellationToken ct)
    {
        // Subjects: a response already naming the survivor in the same role keeps one subject row, not two.
        var subjects = await db.ResponseSubjects.AsTracking().Where(s => s.EntityKind == kind && s.EntityId == from).ToListAsync(ct);
        var responseIds = subjects.Select(s => s.ResponseId).Distinct().ToList();
        var present = (await db.ResponseSubjects.AsNoTracking().Where(s => s.EntityKind == kind && s.EntityId == into && responseIds.Contains(s.ResponseId))
            .Select(s => new { s.ResponseId, s.Role }).ToListAsync(ct)).Select(x => (x.ResponseId, x.Role)).ToHashSet();
        foreach (var s in subjects)
        {
            if (!present.Add((s.ResponseId, s.Role))) db.ResponseSubjects.Remove(s);
            else s.EntityId = into;
        }
        // Responders, with their identity recomputed (a re-import of the same response then finds it).
        var responses = await db.Responses.AsTracking().Where(r => r.ResponderKind == kind && r.ResponderId == from).ToListAsync(ct);
        foreach (var r in responses)
        {
            r.ResponderId = into;
            r.Fingerprint = r.Identity();
        }
        var prints = responses.Select(r => r.Fingerprint).ToList();
        var clash = await db.Responses.Where(r => prints.Contains(r.Fingerprint)).Select(r => r.Fingerprint).ToListAsync(ct);
        foreach (var r in responses.Where(r => clash.Contains(r.Fingerprint)))
            r.Fingerprint = Fingerprints.Of("merged-response", r.Id); // the survivor already holds the same response: kept, distinct
        if (kind == EntityKind.Brand)
            await db.ResponderLinkCandidates.Where(l => l.BrandId == from).ExecuteUpdateAsync(s => s.SetProperty(l => l.BrandId, into), ct);
    }

    /// <summary>A merged brand's aliases, and its own name, become the survivor's aliases (search still finds it by them).</summary>
    static async Task MoveBrandNamesAsync(SupplyChainDb db, long from, long into, CancellationToken ct)
    {
        var old = await db.Brands.AsNoTracking().Where(b => b.Id == from).Select(b => new { b.Name, b.NameKey }).SingleAsync(ct);
        var survivor = await db.Brands.AsNoTracking().Where(b => b.Id == into).Select(b => b.NameKey).SingleAsync(ct);
        var held = (await db.BrandAliases.AsNoTracking().Where(a => a.BrandId == into).Select(a => a.NameKey).ToListAsync(ct)).ToHashSet();
        held.Add(survivor);
        foreach (var a in await db.BrandAliases.AsTracking().Where(a => a.BrandId == from).ToListAsync(ct))
        {
            if (held.Add(a.NameKey)) a.BrandId = into;
            else db.BrandAliases.Remove(a); // the survivor already answers to this name
        }
        if (held.Add(old.NameKey))
            db.BrandAliases.Add(new BrandAlias { BrandId = into, Name = old.Name, NameKey = old.NameKey, Kind = "alternate" });
    }

    public async Task<IReadOnlyList<ResponderLinkCandidate>> PendingResponderLinksAsync(int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.ResponderLinkCandidates.Where(c => c.Status == MatchStatus.Pending).OrderBy(c => c.Id).Take(first).ToListAsync(ct);
    }

    /// <summary>Confirm that a parent's response ("Inditex (Zara)") speaks for the bracketed brand, or reject it.</summary>
    public async Task<ResponderLinkCandidate> DecideResponderLinkAsync(long id, bool confirm, string actor, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.ResponderLinkCandidates.AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new ReviewException($"no responder link {id}");
        if (c.Status != MatchStatus.Pending) throw new ReviewException($"responder link {id} was already decided ({c.Status})");
        // The decision is about the pair (this responder, this brand): it settles every pending response of that pair.
        var responder = await db.Responses.Where(r => r.Id == c.ResponseId).Select(r => new { r.ResponderKind, r.ResponderId }).SingleAsync(ct);
        var sameResponder = db.Responses.Where(r => r.ResponderKind == responder.ResponderKind && r.ResponderId == responder.ResponderId).Select(r => r.Id);
        var pair = await db.ResponderLinkCandidates.AsTracking()
            .Where(x => x.BrandId == c.BrandId && x.Status == MatchStatus.Pending && sameResponder.Contains(x.ResponseId)).ToListAsync(ct);
        foreach (var link in pair)
        {
            link.Status = confirm ? MatchStatus.Confirmed : MatchStatus.Rejected;
            link.DecidedBy = actor;
            link.DecidedAt = DateTime.UtcNow;
            if (confirm)
                db.ResponseSubjects.Add(new ResponseSubject { ResponseId = link.ResponseId, Role = SubjectRole.For, EntityKind = EntityKind.Brand, EntityId = link.BrandId, NameAsPublished = link.NameAsPublished, Rule = "reviewer" });
        }
        db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, Actor = actor, Action = confirm ? "confirm-responder-link" : "reject-responder-link",
            Target = $"responses {string.Join(", ", pair.Select(p => p.ResponseId))} for brand {c.BrandId} ('{c.NameAsPublished}')", Before = "Pending", After = c.Status.ToString() });
        await db.SaveChangesAsync(ct);
        await Live.DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        return c;
    }

    /// <summary>An admin retracts a claim: kept, with date and reason, and shown in the public change log.</summary>
    public async Task<Claim> RetractAsync(long claimId, string reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ReviewException("a retraction needs a reason");
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.Claims.AsTracking().FirstOrDefaultAsync(x => x.Id == claimId, ct) ?? throw new ReviewException($"no claim {claimId}");
        if (c.Status == ClaimStatus.Retracted) throw new ReviewException($"claim {claimId} is already retracted");
        var before = c.Status;
        c.Status = ClaimStatus.Retracted;
        c.StatusReason = reason;
        c.StatusChangedAt = DateTime.UtcNow;
        db.Audit.Add(new AuditEntry { At = DateTime.UtcNow, Actor = actor, Action = "retract-claim", Target = $"claim {claimId}", Before = before.ToString(), After = $"Retracted: {reason}" });
        await db.SaveChangesAsync(ct);
        await Live.DataVersion.BumpAsync(db, ct);
        await tx.CommitAsync(ct);
        return c;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int first, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.Audit.OrderByDescending(a => a.Id).Take(first).ToListAsync(ct);
    }
}

public sealed class ReviewException(string message) : Exception(message);
