using RelationsApi.Api.Agreements;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>A dashboard's first screen, from the same rules as the other insight answers.</summary>
internal static class OverviewAnswers
{
    private static readonly string[] OtherResources =
        [Resources.NameOf<EventResource>(), Resources.NameOf<FlightResource>(), Resources.NameOf<AgreementResource>()];

    public static async Task<Overview> TodayAsync(RelationsDbContext db, InsightReads reads, InsightCache cache, CancellationToken cancellationToken)
    {
        var today = cache.Today;
        // All but the trade figures, computed again only when events, flights or agreements change (or the day does).
        var facts = await cache.RememberAsync("overview", datedToday: true, OtherResources, ct => FactsAsync(db, today, ct), cancellationToken);
        var totals = await reads.AllTradeTotalsAsync(cancellationToken);   // every trade record in exactly one total
        var lastChangedAt = await db.Changes.AsNoTracking()
            .Where(c => c.Resource != ApiKeys.AuditResource)   // the change feed's latest entry: keys are not in it
            .OrderByDescending(c => c.Sequence)
            .Select(c => (DateTime?)c.ChangedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new Overview(
            new OverviewCounts(facts.Events, facts.Flights, totals.Sum(t => t.RecordCount), facts.Agreements),
            Trade(totals),
            facts.Connectivity,
            facts.AgreementStatuses,
            facts.NextAnniversary,
            lastChangedAt is { } changed ? DateTime.SpecifyKind(changed, DateTimeKind.Utc) : null);
    }

    private static async Task<Facts> FactsAsync(RelationsDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var connectivity = await ConnectivityAnswers.OnAsync(db, today, cancellationToken);
        var statuses = await db.Agreements.AsNoTracking()
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int CountOf(AgreementStatus status) => statuses.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        var anniversaries = await AnniversaryAnswers.BetweenAsync(
            db, today, AnniversaryAnswers.DefaultEnd(today), AnniversaryAnswers.DefaultEvery, cancellationToken);
        return new Facts(
            await db.Events.CountAsync(cancellationToken),
            await db.Flights.CountAsync(cancellationToken),
            statuses.Sum(s => s.Count),
            new OverviewConnectivity(connectivity.WeeklyFlights, connectivity.Routes.Count, connectivity.ByAirline.Count),
            new OverviewAgreements(CountOf(AgreementStatus.InForce), CountOf(AgreementStatus.Signed), CountOf(AgreementStatus.UnderNegotiation)),
            anniversaries.Items.FirstOrDefault());
    }

    /// <summary>The latest yearly turnover KZ reports (by the counting rules), or KR's when KZ reports none; null when neither does.</summary>
    private static OverviewTrade? Trade(IReadOnlyList<TradeTotal> totals)
    {
        var values = TradeCounting.Values(totals, monthly: false, goodsOnly: false);
        foreach (var (reporter, partner) in new[] { (CountryCode.Kazakhstan, CountryCode.SouthKorea), (CountryCode.SouthKorea, CountryCode.Kazakhstan) })
        {
            if (values.TryGetValue(new TradeSeriesKey(reporter, partner, TradeFlow.Turnover), out var turnover) && turnover.Count > 0)
            {
                var (period, latest) = turnover.Last();
                var previous = turnover.TryGetValue(period.Previous, out var before) ? before.ValueUsd : (decimal?)null;
                var (change, percent) = TradeCounting.Change(latest.ValueUsd, previous);
                return new OverviewTrade(period.Year, latest.ValueUsd, change, percent, latest.Basis, reporter);
            }
        }
        return null;
    }

    /// <summary>The overview's figures that do not come from trade records.</summary>
    private sealed record Facts(
        int Events, int Flights, int Agreements, OverviewConnectivity Connectivity, OverviewAgreements AgreementStatuses, Anniversary? NextAnniversary);
}
