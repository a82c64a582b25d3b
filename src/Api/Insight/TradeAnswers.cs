using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Insight;

/// <summary>
/// Trade statistics and mirror trade: the database adds the records up per reporter, partner, flow, year, month and HS
/// code length (<see cref="InsightReads.AllTradeTotalsAsync"/>, or <see cref="InsightReads.TradeTotalsAsync"/> for an HS
/// code); the counting rules (<see cref="TradeCounting"/>) then pick one value per period from those few groups, once
/// per version of the trade records for all goods.
/// </summary>
internal static class TradeAnswers
{
    private static readonly TradeFlow[] AllFlows = [TradeFlow.Export, TradeFlow.Import, TradeFlow.Turnover];

    private static readonly string[] TradeRecordsOnly = [Resources.NameOf<TradeRecordResource>()];

    public static async Task<TradeStatistics> StatisticsAsync(
        InsightReads reads, InsightCache cache, TradeStatisticsQuery query, CancellationToken cancellationToken)
    {
        var granularity = EnumText<TradeGranularity>.ParseOr(query.Granularity, TradeGranularity.Year);
        var monthly = granularity == TradeGranularity.Month;
        var flows = string.IsNullOrEmpty(query.Flow) || !EnumText<TradeFlow>.TryParseList(query.Flow, out var listed) ? AllFlows : listed;
        var values = query.HsCode is null
            ? await AllValuesAsync(reads, cache, monthly, cancellationToken)
            : TradeCounting.Values(
                await reads.TradeTotalsAsync(
                    new TradeRecordFilter
                    {
                        ReporterCountry = query.ReporterCountry,
                        Flows = flows,
                        YearFrom = query.YearFrom - 1,   // the period before the first one, for its change
                        YearTo = query.YearTo,
                        HsCodePrefix = query.HsCode,
                    },
                    cancellationToken),
                monthly,
                goodsOnly: true);
        var series = values
            .Where(s => flows.Contains(s.Key.Flow) && (query.ReporterCountry is null || s.Key.ReporterCountry == query.ReporterCountry))
            .OrderBy(s => s.Key.ReporterCountry, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Flow)
            .ThenBy(s => s.Key.PartnerCountry, StringComparer.Ordinal)
            .Select(s => Series(s.Key, s.Value, query.YearFrom, query.YearTo))
            .OfType<TradeSeries>()
            .ToList();
        return new TradeStatistics(granularity, series);
    }

    public static async Task<MirrorTrade> MirrorAsync(
        InsightReads reads, InsightCache cache, int? yearFrom, int? yearTo, CancellationToken cancellationToken)
    {
        var values = await AllValuesAsync(reads, cache, monthly: false, cancellationToken);
        var items = new List<MirrorTradeItem>();
        foreach (var (exporter, importer) in new[] { (CountryCode.SouthKorea, CountryCode.Kazakhstan), (CountryCode.Kazakhstan, CountryCode.SouthKorea) })
        {
            if (!values.TryGetValue(new TradeSeriesKey(exporter, importer, TradeFlow.Export), out var exports)
                || !values.TryGetValue(new TradeSeriesKey(importer, exporter, TradeFlow.Import), out var imports))
            {
                continue;
            }
            foreach (var (period, export) in exports)
            {
                if (period.Year < yearFrom || period.Year > yearTo || !imports.TryGetValue(period, out var import))
                {
                    continue;
                }
                var gap = import.ValueUsd - export.ValueUsd;
                var percent = export.ValueUsd == 0 ? (decimal?)null : TradeCounting.Percent(gap, export.ValueUsd);
                items.Add(new MirrorTradeItem(period.Year, exporter, importer, export.ValueUsd, import.ValueUsd, gap, percent));
            }
        }
        return new MirrorTrade([.. items.OrderBy(i => i.Year).ThenBy(i => i.Exporter, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The value of every period of every series (all goods), by years or by months: computed once per version of the
    /// trade records and shared by every request until they change, each request picking its series and years from it.
    /// Every value depends only on its own series and period (and, for turnover from its parts, the export and import of
    /// the same period), so picking afterwards gives what computing from the picked records alone would.
    /// </summary>
    private static Task<Dictionary<TradeSeriesKey, SortedDictionary<TradePeriod, TradeValue>>> AllValuesAsync(
        InsightReads reads, InsightCache cache, bool monthly, CancellationToken cancellationToken) =>
        cache.RememberAsync(
            monthly ? "trade values by month" : "trade values by year",
            datedToday: false,
            TradeRecordsOnly,
            async ct => TradeCounting.Values(await reads.AllTradeTotalsAsync(ct), monthly, goodsOnly: false),
            cancellationToken);

    /// <summary>The series' points within the years asked for, each with its change from the period before; null when none falls in them.</summary>
    private static TradeSeries? Series(TradeSeriesKey key, SortedDictionary<TradePeriod, TradeValue> values, int? yearFrom, int? yearTo)
    {
        var points = new List<TradePoint>();
        foreach (var (period, value) in values)
        {
            if (period.Year < yearFrom || period.Year > yearTo)
            {
                continue;
            }
            var previous = values.TryGetValue(period.Previous, out var before) ? before.ValueUsd : (decimal?)null;
            var (change, percent) = TradeCounting.Change(value.ValueUsd, previous);
            points.Add(new TradePoint(period.ToString(), value.ValueUsd, change, percent, value.Basis, value.Complete, value.RecordCount));
        }
        if (points.Count == 0)
        {
            return null;
        }
        var peak = points.MaxBy(p => p.ValueUsd)!;
        return new TradeSeries(key.ReporterCountry, key.PartnerCountry, key.Flow, points, new TradePeak(peak.Period, peak.ValueUsd));
    }
}
