using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SupplyChain.Data;
using SupplyChain.Domain;

namespace SupplyChain.Queries;

public enum ChangeKind { ClaimAdded, ClaimRetracted, ClaimSuperseded, ResponseAdded, EntityMerged }

/// <summary>One change a mirror applies: what happened, when, to which claim, response or entity.</summary>
public sealed record ChangeEvent(string Cursor, DateTime At, ChangeKind Kind, long? ClaimId, long? ResponseId, EntityKind? EntityKind,
    long? MergedId, long? MergedIntoId, string Summary, string? Reason);

public sealed record ChangePage(IReadOnlyList<ChangeEvent> Items, string? EndCursor, bool HasNextPage);

/// <summary>
/// The change feed: everything that changed after a cursor, oldest first, so a mirror can stay in step without full
/// dumps. Derived from what the database already records: claims and responses added (their import batch's finish
/// time), claims retracted or superseded (their status change time), merges (the reviewer's decision time, the same
/// write as its audit entry). Events are ordered by (time, kind, id); the cursor encodes that position, so it is
/// stable: the same cursor always continues at the same place. Opaque to clients (base64 of "v1:ticks:kind:id").
/// </summary>
public sealed class ChangeFeed(SupplyChainDbFactory factory)
{
    public const int MaxPage = 10_000;

    sealed record Position(long Ticks, int Kind, long Id);

    public static string Encode(DateTime at, ChangeKind kind, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"v1:{at.Ticks}:{(int)kind}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Null for "from the beginning"; throws FormatException for a cursor we did not issue.</summary>
    static Position? Decode(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor)) return null;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var p = text.Split(':');
            if (p.Length == 4 && p[0] == "v1") return new Position(long.Parse(p[1]), int.Parse(p[2]), long.Parse(p[3]));
        }
        catch (Exception e) when (e is FormatException or OverflowException) { }
        throw new FormatException("The cursor is not one this feed issued: pass the 'cursor' of an event, or nothing to start from the beginning.");
    }

    public async Task<ChangePage> SinceAsync(string? cursor, int first, CancellationToken ct = default)
    {
        var after = Decode(cursor);
        first = Math.Clamp(first, 1, MaxPage);
        await using var db = factory.Create();
        var take = first + 1;
        var since = after is null ? DateTime.MinValue : new DateTime(after.Ticks, DateTimeKind.Utc);

        // After the cursor: a later time, or the same time with a later (kind, id). Every claim of one import shares a
        // time, so the tie-break has to happen in the database.
        Expression<Func<DateTime, long, bool>> After(ChangeKind kind) => after is null
            ? (at, id) => true
            : (int)kind > after.Kind ? (at, id) => at >= since
            : (int)kind == after.Kind ? (at, id) => at > since || (at == since && id > after.Id)
            : (at, id) => at > since;

        var events = new List<ChangeEvent>();

        var added = After(ChangeKind.ClaimAdded);
        var claimRows = await (from c in db.Claims.AsNoTracking()
                               join b in db.ImportBatches.AsNoTracking() on c.ImportBatchId equals b.Id
                               where ClaimStatuses.Shown.Contains(c.Status) && b.FinishedAt != null
                               select new { At = b.FinishedAt!.Value, c.Id, c.SubjectAsPublished, c.Predicate, c.ObjectAsPublished, b.FileName })
            .WhereAfter(added, x => x.At, x => x.Id).OrderBy(x => x.At).ThenBy(x => x.Id).Take(take).ToListAsync(ct);
        events.AddRange(claimRows.Select(x => Event(x.At, ChangeKind.ClaimAdded, x.Id, claimId: x.Id,
            summary: $"{x.SubjectAsPublished} {x.Predicate} {x.ObjectAsPublished}", reason: "imported from " + x.FileName)));

        foreach (var (kind, status) in new[] { (ChangeKind.ClaimRetracted, ClaimStatus.Retracted), (ChangeKind.ClaimSuperseded, ClaimStatus.Superseded) })
        {
            var rows = await db.Claims.AsNoTracking().Where(c => c.Status == status && c.StatusChangedAt != null)
                .Select(c => new { At = c.StatusChangedAt!.Value, c.Id, c.SubjectAsPublished, c.Predicate, c.ObjectAsPublished, c.StatusReason })
                .WhereAfter(After(kind), x => x.At, x => x.Id).OrderBy(x => x.At).ThenBy(x => x.Id).Take(take).ToListAsync(ct);
            events.AddRange(rows.Select(x => Event(x.At, kind, x.Id, claimId: x.Id, summary: $"{x.SubjectAsPublished} {x.Predicate} {x.ObjectAsPublished}", reason: x.StatusReason)));
        }

        var responses = await (from r in db.Responses.AsNoTracking()
                               join b in db.ImportBatches.AsNoTracking() on r.ImportBatchId equals b.Id
                               where b.FinishedAt != null
                               select new { At = b.FinishedAt!.Value, r.Id, r.ResponderAsPublished, r.Stance, r.StatementDate, b.FileName })
            .WhereAfter(After(ChangeKind.ResponseAdded), x => x.At, x => x.Id).OrderBy(x => x.At).ThenBy(x => x.Id).Take(take).ToListAsync(ct);
        events.AddRange(responses.Select(x => Event(x.At, ChangeKind.ResponseAdded, x.Id, responseId: x.Id,
            summary: $"{x.ResponderAsPublished}: {x.Stance}{(x.StatementDate is null ? "" : " (" + x.StatementDate + ")")}", reason: "imported from " + x.FileName)));

        var merges = await db.MatchCandidates.AsNoTracking().Where(m => m.Status == MatchStatus.Merged && m.DecidedAt != null)
            .Select(m => new { At = m.DecidedAt!.Value, m.Id, m.EntityKind, m.IncomingId, m.ExistingId, m.IncomingName, m.ExistingName, m.Note })
            .WhereAfter(After(ChangeKind.EntityMerged), x => x.At, x => x.Id).OrderBy(x => x.At).ThenBy(x => x.Id).Take(take).ToListAsync(ct);
        events.AddRange(merges.Select(x => Event(x.At, ChangeKind.EntityMerged, x.Id, entityKind: x.EntityKind, mergedId: x.IncomingId, mergedIntoId: x.ExistingId,
            summary: $"{x.EntityKind} '{x.IncomingName}' merged into '{x.ExistingName}'", reason: x.Note)));

        var ordered = events.OrderBy(e => e.At).ThenBy(e => (int)e.Kind).ThenBy(e => Decode(e.Cursor)!.Id).ToList();
        var page = ordered.Take(first).ToList();
        return new ChangePage(page, page.Count > 0 ? page[^1].Cursor : cursor, ordered.Count > first);
    }

    static ChangeEvent Event(DateTime at, ChangeKind kind, long id, long? claimId = null, long? responseId = null, EntityKind? entityKind = null,
        long? mergedId = null, long? mergedIntoId = null, string summary = "", string? reason = null)
    {
        at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new ChangeEvent(Encode(at, kind, id), at, kind, claimId, responseId, entityKind, mergedId, mergedIntoId, summary, reason);
    }

}

static class ChangeFeedQueries
{
    /// <summary>Applies a (time, id) predicate to a row type, so one tie-break rule serves every event source.</summary>
    public static IQueryable<T> WhereAfter<T>(this IQueryable<T> rows, Expression<Func<DateTime, long, bool>> predicate, Expression<Func<T, DateTime>> at, Expression<Func<T, long>> id)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var body = new Replace(predicate.Parameters[0], new Replace(at.Parameters[0], row).Visit(at.Body))
            .Visit(new Replace(predicate.Parameters[1], new Replace(id.Parameters[0], row).Visit(id.Body)).Visit(predicate.Body));
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
