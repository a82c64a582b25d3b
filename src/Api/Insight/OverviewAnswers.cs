using Microsoft.EntityFrameworkCore;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Insight;

/// <summary>A dashboard's first screen, from the same rules as the other insight answers.</summary>
internal static class OverviewAnswers
{
    public static async Task<Overview> TodayAsync(RelationsDbContext db, InsightReads reads, DateOnly today, CancellationToken cancellationToken)
    {
        var counts = new OverviewCounts(
            await db.Events.CountAsync(cancellationToken),
            await db.Flights.CountAsync(cancellationToken),
            await db.TradeRecords.CountAsync(cancellationToken),
            await db.Agreements.CountAsync(cancellationToken));
        var connectivity = await ConnectivityAnswers.OnAsync(db, today, cancellationToken);
        var statuses = await db.Agreements.AsNoTracking()
            .GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int CountOf(AgreementStatus status) => statuses.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
        var anniversaries = await AnniversaryAnswers.BetweenAsync(
            db, today, AnniversaryAnswers.DefaultEnd(today), AnniversaryAnswers.DefaultEvery, cancellationToken);
        var lastChangedAt = await db.Changes.AsNoTracking()
            .Where(c => c.Resource != ApiKeys.AuditResource)   // the change feed's latest entry: keys are not in it
            .OrderByDescending(c => c.Sequence)
            .Select(c => (DateTime?)c.ChangedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new Overview(
            counts,
            await TradeAsync(reads, cancellationToken),
            new OverviewConnectivity(connectivity.WeeklyFlights, connectivity.Routes.Count, connectivity.ByAirline.Count),
            new OverviewAgreements(CountOf(AgreementStatus.InForce), CountOf(AgreementStatus.Signed), CountOf(AgreementStatus.UnderNegotiation)),
            anniversaries.Items.FirstOrDefault(),
            lastChangedAt is { } changed ? DateTime.SpecifyKind(changed, DateTimeKind.Utc) : null);
    }

    /// <summary>The latest yearly turnover KZ reports (by the counting rules), or KR's when KZ reports none; null when neither does.</summary>
    private static async Task<OverviewTrade?> TradeAsync(InsightReads reads, CancellationToken cancellationToken)
    {
        var totals = await reads.TradeTotalsAsync(new TradeRecordFilter(), cancellationToken);
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
}
