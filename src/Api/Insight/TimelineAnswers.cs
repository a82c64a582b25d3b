namespace RelationsApi.Api.Insight;

/// <summary>
/// Events and agreement milestones in one feed, ordered by the start of the date's period, then kind, then id. Events
/// are read a page's worth at a time in that order; agreements, a short list, are read whole and merged in.
/// </summary>
internal static class TimelineAnswers
{
    private static readonly TimelineKind[] AllKinds = [TimelineKind.Event, TimelineKind.AgreementSigned, TimelineKind.AgreementEffective];

    public static async Task<ListPage<TimelineItem>> PageAsync(RelationsDbContext db, TimelineQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? ListQuery.DefaultPageSize;
        var descending = query.Sort == "-date";
        var (from, to) = (query.From?.Value, query.To?.Value);
        var kinds = string.IsNullOrEmpty(query.Kinds) || !EnumText<TimelineKind>.TryParseList(query.Kinds, out var listed) ? AllKinds : listed;

        var milestones = await MilestonesAsync(db, kinds, from, to, cancellationToken);
        IQueryable<Domain.Events.Event>? events = null;
        var eventCount = 0;
        if (kinds.Contains(TimelineKind.Event))
        {
            events = db.Events.AsNoTracking().InPeriod(from, to).WhereAnyOf(e => e.Category, query.Category);
            eventCount = await events.CountAsync(cancellationToken);
        }
        var total = eventCount + milestones.Count;
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total)
        {
            return new ListPage<TimelineItem>([], page, pageSize, total);
        }
        var needed = (int)Math.Min(skip + pageSize, total);
        var items = new List<(DateOnly Start, TimelineItem Item)>(milestones);
        if (events is not null)
        {
            var ordered = descending
                ? events.OrderByDescending(StoredFilters.EventStart).ThenByDescending(e => e.Id)
                : events.OrderBy(StoredFilters.EventStart).ThenBy(e => e.Id);
            var rows = await ordered.Take(needed).Select(e => new { e.Id, e.Title, e.Date, e.EndDate, e.Category }).ToListAsync(cancellationToken);
            items.AddRange(rows.Select(e => (e.Date.Start, new TimelineItem(TimelineKind.Event, e.Date, e.EndDate, e.Title, "events", e.Id, e.Category, null))));
        }
        var sorted = items.OrderBy(i => i.Start).ThenBy(i => i.Item.Kind).ThenBy(i => i.Item.Id);
        var inOrder = descending
            ? items.OrderByDescending(i => i.Start).ThenByDescending(i => i.Item.Kind).ThenByDescending(i => i.Item.Id)
            : sorted;
        return new ListPage<TimelineItem>([.. inOrder.Skip((int)skip).Take(pageSize).Select(i => i.Item)], page, pageSize, total);
    }

    /// <summary>Each agreement's signing and entry into force that overlap the range, as the kinds ask.</summary>
    private static async Task<List<(DateOnly Start, TimelineItem Item)>> MilestonesAsync(
        RelationsDbContext db, IReadOnlyList<TimelineKind> kinds, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var signed = kinds.Contains(TimelineKind.AgreementSigned);
        var effective = kinds.Contains(TimelineKind.AgreementEffective);
        if (!signed && !effective)
        {
            return [];
        }
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.SignedDate != null || a.EffectiveDate != null)
            .Select(a => new { a.Id, a.Title, a.Type, a.SignedDate, a.EffectiveDate })
            .ToListAsync(cancellationToken);
        var milestones = new List<(DateOnly Start, TimelineItem Item)>();
        foreach (var a in agreements)
        {
            if (signed && a.SignedDate is { } signedDate && signedDate.Overlaps(from, to))
            {
                milestones.Add((signedDate.Start, new TimelineItem(TimelineKind.AgreementSigned, signedDate, null, a.Title, "agreements", a.Id, null, a.Type)));
            }
            if (effective && a.EffectiveDate is { } effectiveDate && effectiveDate.Overlaps(from, to))
            {
                milestones.Add((effectiveDate.Start, new TimelineItem(TimelineKind.AgreementEffective, effectiveDate, null, a.Title, "agreements", a.Id, null, a.Type)));
            }
        }
        return milestones;
    }
}
