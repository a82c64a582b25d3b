namespace RelationsApi.Api.Insight;

/// <summary>Round anniversaries of events and agreement signings in a range (<see cref="Anniversaries"/> does the arithmetic).</summary>
internal static class AnniversaryAnswers
{
    public const int DefaultEvery = 5;

    /// <summary>The latest end a range from <paramref name="from"/> may have: ten years on (or the last day there is).</summary>
    public static DateOnly LatestEnd(DateOnly from) =>
        from.Year + AnniversaryQueryValidator.MaxYears > DateOnly.MaxValue.Year ? DateOnly.MaxValue : from.AddYears(AnniversaryQueryValidator.MaxYears);

    /// <summary>The range's end when none is given: a year after <paramref name="from"/> (or the last day there is).</summary>
    public static DateOnly DefaultEnd(DateOnly from) => from.Year + 1 > DateOnly.MaxValue.Year ? DateOnly.MaxValue : from.AddYears(1);

    public static async Task<AnniversaryList> BetweenAsync(RelationsDbContext db, DateOnly from, DateOnly to, int every, CancellationToken cancellationToken)
    {
        var events = await db.Events.AsNoTracking().Select(e => new { e.Id, e.Title, e.Date }).ToListAsync(cancellationToken);
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.SignedDate != null)
            .Select(a => new { a.Id, a.Title, a.SignedDate })
            .ToListAsync(cancellationToken);
        var items = new List<Anniversary>();
        foreach (var e in events)
        {
            items.AddRange(Anniversaries.Between(e.Date, every, from, to)
                .Select(a => new Anniversary(a.Date, a.Years, a.Date.Precision, AnniversaryKind.Event, "events", e.Id, e.Title)));
        }
        foreach (var a in agreements)
        {
            items.AddRange(Anniversaries.Between(a.SignedDate!.Value, every, from, to)
                .Select(s => new Anniversary(s.Date, s.Years, s.Date.Precision, AnniversaryKind.AgreementSigned, "agreements", a.Id, a.Title)));
        }
        return new AnniversaryList([.. items.OrderBy(i => i.Date.Start).ThenBy(i => i.Id).ThenBy(i => i.Kind)]);
    }
}
