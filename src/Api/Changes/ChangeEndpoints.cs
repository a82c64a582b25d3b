using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Api.Changes;

/// <summary>Which changes to read: those after a cursor, of some resources, so many at a time.</summary>
public sealed class ChangeQuery
{
    /// <summary>Changes per page when limit is not given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest limit accepted.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The nextCursor of the previous page; absent means from the first change.</summary>
    /// <example>czA</example>
    [FromQuery(Name = "after")]
    public string? After { get; init; }

    /// <summary>How many changes to return, 1..1000 (default 100).</summary>
    /// <example>100</example>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>Comma-separated resources to include: events, flights, trade-records, agreements (default all).</summary>
    /// <example>events,agreements</example>
    [FromQuery(Name = "resource")]
    public string? Resource { get; init; }
}

/// <summary>One committed change of one record.</summary>
/// <param name="Sequence">Increases strictly in commit order.</param>
/// <param name="Resource">events, flights, trade-records or agreements.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Operation">created, updated or deleted.</param>
/// <param name="Version">The record's version after the change (for a deletion, the version deleted).</param>
/// <param name="ChangedAt">When the change was committed (UTC).</param>
/// <param name="Data">The record as GET returned it right after the change; null for a deletion.</param>
public sealed record ChangeResponse(long Sequence, string Resource, int Id, string Operation, int Version, DateTime ChangedAt, JsonElement? Data);

/// <summary>A page of the change feed.</summary>
/// <param name="Items">Changes in commit order.</param>
/// <param name="NextCursor">Pass as 'after' to read on; null only when there has been no change to read yet.</param>
/// <param name="HasMore">Whether more changes follow already (otherwise poll again later with nextCursor).</param>
public sealed record ChangePage(IReadOnlyList<ChangeResponse> Items, string? NextCursor, bool HasMore);

internal static class ChangeEndpoints
{
    private const string Segment = "/changes";

    public static readonly string[] Resources = [.. Api.Resources.All.Select(r => r.Segment)];

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet(Segment, List).WithName("listChanges").WithTags("Changes").Validate<ChangeQuery>().ProducesProblem(StatusCodes.Status410Gone);
        return app;
    }

    /// <summary>
    /// Every committed change (seed, single writes and imports), oldest first; replaying the feed from the start
    /// rebuilds exactly the current data. Read on with nextCursor. Entries a later change of the same record supersedes
    /// are removed once old enough (compaction); a cursor behind a removed entry gets 410 changes-compacted.
    /// </summary>
    private static async Task<Results<Ok<ChangePage>, ProblemHttpResult>> List(
        [AsParameters] ChangeQuery query, RelationsDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? ChangeQuery.DefaultLimit;
        var (after, seenRun) = Cursor.TryRead(query.After, out var cursor) ? cursor : (0, 0);
        // Before the page: every run up to this one is reflected in it, so the next cursor may say it has been seen.
        var newestRun = await ChangeLogCompaction.NewestRunAsync(db, cancellationToken);
        // The audit trail's key entries share the log but are no records' changes: the feed leaves them out.
        var changes = db.Changes.AsNoTracking().Where(c => c.Sequence > after && c.Resource != ApiKeys.AuditResource);
        List<string>? resources = null;
        if (!string.IsNullOrEmpty(query.Resource))
        {
            resources = query.Resource.Split(',', StringSplitOptions.TrimEntries).Distinct().ToList();
            changes = changes.Where(c => resources.Contains(c.Resource));
        }
        var rows = await changes.OrderBy(c => c.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        if (after > 0)
        {
            // After the page, never before: a run that commits between the two reads is then always seen here, so a
            // page with a gap is never returned (at worst one without a gap is refused).
            var removed = await ChangeLogCompaction.RemovedSinceAsync(db, seenRun, resources, cancellationToken);
            if (removed > after)
            {
                return Problems.Compacted(removed);
            }
        }
        var items = rows.Take(limit).Select(c => new ChangeResponse(
            c.Sequence, c.Resource, c.RecordId, c.Operation, c.Version, c.ChangedAt,
            c.Data is null ? null : JsonElement.Parse(c.Data))).ToList();
        var next = items.Count > 0 ? Cursor.Write(items[^1].Sequence, newestRun)
            : after > 0 ? Cursor.Write(after, Math.Max(seenRun, newestRun))
            : query.After;
        return TypedResults.Ok(new ChangePage(items, next, rows.Count > limit));
    }
}

/// <summary>
/// The change feed's cursor: opaque to clients (base64url). Inside, the sequence of the last change read and the newest
/// compaction run the feed had seen when it was handed out ("s42r3"); cursors from before compaction existed carry no
/// run ("s42") and count as having seen none, so they keep working until a compaction removes a change after them.
/// </summary>
internal static class Cursor
{
    public static string Write(long sequence, long run)
    {
        var text = run == 0
            ? "s" + sequence.ToString(CultureInfo.InvariantCulture)
            : "s" + sequence.ToString(CultureInfo.InvariantCulture) + "r" + run.ToString(CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    public static bool TryRead(string? cursor, out (long Sequence, long Run) position)
    {
        position = (0, 0);
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 60 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).AsSpan();
        if (!text.StartsWith("s"))
        {
            return false;
        }
        text = text[1..];
        var run = 0L;
        var split = text.IndexOf('r');
        if (split >= 0)
        {
            if (!long.TryParse(text[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out run))
            {
                return false;
            }
            text = text[..split];
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }
        position = (sequence, run);
        return true;
    }
}

internal sealed class ChangeQueryValidator : AbstractValidator<ChangeQuery>
{
    public ChangeQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ChangeQuery.MaxLimit);
        RuleFor(q => q.After).Must(a => a is null || Cursor.TryRead(a, out _))
            .WithMessage("'after' must be a nextCursor returned by this feed.");
        RuleFor(q => q.Resource).ListOf(ChangeEndpoints.Resources)
            .WithMessage($"'resource' must list some of: {string.Join(", ", ChangeEndpoints.Resources)}.");
    }
}
