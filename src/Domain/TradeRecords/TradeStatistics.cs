using System.Globalization;

namespace RelationsApi.Domain.TradeRecords;

/// <summary>Which rule gave a statistic its value.</summary>
public enum TradeValueBasis
{
    /// <summary>The record for exactly that period, for all goods.</summary>
    Reported,

    /// <summary>A year's monthly records for all goods, added up.</summary>
    SumOfMonths,

    /// <summary>Records of goods at one HS level, added up.</summary>
    SumOfCommodities,

    /// <summary>Turnover as export plus import of the same reporter and period.</summary>
    ExportPlusImport,
}

/// <summary>
/// What storage adds up for the statistics: the records of one reporter, partner, flow, year, month (null for a whole
/// year) and HS code length (null for all goods), their values summed in cents, and how many there are.
/// </summary>
public readonly record struct TradeTotal(
    string ReporterCountry, string PartnerCountry, TradeFlow Flow, int Year, int? Month, int? HsCodeLength, decimal Cents, int RecordCount);

/// <summary>A year, or a month of a year; sorts in time order.</summary>
public readonly record struct TradePeriod(int Year, int? Month) : IComparable<TradePeriod>
{
    /// <summary>The period just before: the year before, or the month before (December of the year before for January).</summary>
    public TradePeriod Previous => Month switch
    {
        null => new TradePeriod(Year - 1, null),
        1 => new TradePeriod(Year - 1, 12),
        { } month => new TradePeriod(Year, month - 1),
    };

    public int CompareTo(TradePeriod other) =>
        Year != other.Year ? Year.CompareTo(other.Year) : (Month ?? 0).CompareTo(other.Month ?? 0);

    /// <summary>"2022" or "2022-03".</summary>
    public override string ToString() => Month is { } month
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{month:D2}")
        : Year.ToString("D4", CultureInfo.InvariantCulture);
}

/// <summary>One value of a series and how it was arrived at.</summary>
/// <param name="ValueUsd">US dollars, two decimals.</param>
/// <param name="Basis">The rule that gave it.</param>
/// <param name="Complete">Whether the value covers the whole period and all goods.</param>
/// <param name="RecordCount">How many stored records it was computed from.</param>
public sealed record TradeValue(decimal ValueUsd, TradeValueBasis Basis, bool Complete, int RecordCount);

/// <summary>The series a statistic belongs to: who reports, about whom, which flow.</summary>
public readonly record struct TradeSeriesKey(string ReporterCountry, string PartnerCountry, TradeFlow Flow);

/// <summary>
/// The counting rules: for one reporter, partner, flow and period, exactly one value, never counting a record twice.
/// 1. the record for exactly that period with no HS code (reported); else 2. for a year, its monthly records with no
/// HS code (sumOfMonths, complete only with all 12 months); else 3. its goods records at the coarsest HS level present,
/// for a year those without a month if there are any, else its monthly ones (sumOfCommodities, never complete); else
/// 4. for turnover, export plus import of the same reporter and period when both have a value (exportPlusImport).
/// With an HS code filter only rule 3 applies.
/// </summary>
public static class TradeCounting
{
    /// <summary>
    /// The value of every period that has one, per series, from the totals storage gave (already filtered).
    /// <paramref name="monthly"/> computes months instead of years; <paramref name="goodsOnly"/> applies rule 3 alone.
    /// </summary>
    public static Dictionary<TradeSeriesKey, SortedDictionary<TradePeriod, TradeValue>> Values(
        IEnumerable<TradeTotal> totals, bool monthly, bool goodsOnly)
    {
        var series = new Dictionary<TradeSeriesKey, SortedDictionary<TradePeriod, TradeValue>>();
        foreach (var group in totals.GroupBy(t => new TradeSeriesKey(t.ReporterCountry, t.PartnerCountry, t.Flow)))
        {
            var values = new SortedDictionary<TradePeriod, TradeValue>();
            var periods = monthly
                ? group.Where(t => t.Month is not null).GroupBy(t => new TradePeriod(t.Year, t.Month))
                : group.GroupBy(t => new TradePeriod(t.Year, null));
            foreach (var period in periods)
            {
                if (ValueOf(period.ToList(), monthly, goodsOnly) is { } value)
                {
                    values[period.Key] = value;
                }
            }
            if (values.Count > 0)
            {
                series[group.Key] = values;
            }
        }
        if (!goodsOnly)
        {
            AddTurnoverFromParts(series);
        }
        return series;
    }

    /// <summary>The difference from the previous value, and that as a percentage to one decimal (half away from zero).</summary>
    public static (decimal? Change, decimal? ChangePercent) Change(decimal value, decimal? previous)
    {
        if (previous is not { } before)
        {
            return (null, null);
        }
        var change = value - before;
        return (change, before == 0 ? null : Percent(change, before));
    }

    /// <summary>
    /// <paramref name="part"/> as a percentage of <paramref name="whole"/> (not zero), to one decimal, half away from zero,
    /// and written with that one decimal ("200.0").
    /// </summary>
    public static decimal Percent(decimal part, decimal whole) =>
        decimal.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero) + 0.0m;

    /// <summary>Dollars, with two decimals, from a whole number of cents.</summary>
    public static decimal Dollars(decimal cents) => decimal.Truncate(cents) * 0.01m;

    /// <summary>The value of one period from the totals that fall in it (for a month, only that month's totals).</summary>
    private static TradeValue? ValueOf(List<TradeTotal> totals, bool monthly, bool goodsOnly)
    {
        if (!goodsOnly)
        {
            if (totals.FirstOrDefault(t => (t.Month is null) == !monthly && t.HsCodeLength is null) is { RecordCount: > 0 } reported)
            {
                return new TradeValue(Dollars(reported.Cents), TradeValueBasis.Reported, Complete: true, reported.RecordCount);
            }
            if (!monthly && totals.Where(t => t.Month is not null && t.HsCodeLength is null).ToList() is { Count: > 0 } months)
            {
                var complete = months.Select(t => t.Month).Distinct().Count() == 12;
                return new TradeValue(Dollars(months.Sum(t => t.Cents)), TradeValueBasis.SumOfMonths, complete, months.Sum(t => t.RecordCount));
            }
        }
        var goods = totals.Where(t => t.HsCodeLength is not null).ToList();
        if (!monthly && goods.Any(t => t.Month is null))
        {
            goods = goods.Where(t => t.Month is null).ToList();
        }
        if (goods.Count == 0)
        {
            return null;
        }
        var coarsest = goods.Min(t => t.HsCodeLength);
        var level = goods.Where(t => t.HsCodeLength == coarsest).ToList();
        return new TradeValue(Dollars(level.Sum(t => t.Cents)), TradeValueBasis.SumOfCommodities, Complete: false, level.Sum(t => t.RecordCount));
    }

    /// <summary>Rule 4: turnover where rules 1–3 gave none, from the export and import of the same reporter, partner and period.</summary>
    private static void AddTurnoverFromParts(Dictionary<TradeSeriesKey, SortedDictionary<TradePeriod, TradeValue>> series)
    {
        foreach (var exportKey in series.Keys.Where(k => k.Flow == TradeFlow.Export).ToList())
        {
            if (!series.TryGetValue(exportKey with { Flow = TradeFlow.Import }, out var imports))
            {
                continue;
            }
            var turnoverKey = exportKey with { Flow = TradeFlow.Turnover };
            var turnover = series.GetValueOrDefault(turnoverKey) ?? [];
            foreach (var (period, export) in series[exportKey])
            {
                if (!turnover.ContainsKey(period) && imports.TryGetValue(period, out var import))
                {
                    turnover[period] = new TradeValue(
                        export.ValueUsd + import.ValueUsd, TradeValueBasis.ExportPlusImport, export.Complete && import.Complete,
                        export.RecordCount + import.RecordCount);
                }
            }
            if (turnover.Count > 0)
            {
                series[turnoverKey] = turnover;
            }
        }
    }
}
