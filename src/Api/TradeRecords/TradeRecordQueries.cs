using RelationsApi.Api.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordQueries
{
    /// <summary>The records the list filters select; the list, its count and any other view of the same filters share it.</summary>
    public static IQueryable<TradeRecord> Matching(this IQueryable<TradeRecord> trade, TradeRecordListQuery query)
    {
        trade = trade.WithExternalId(query.ExternalId);
        if (query.Year is { } year)
        {
            trade = trade.Where(t => t.Year == year);
        }
        if (query.YearFrom is { } yearFrom)
        {
            trade = trade.Where(t => t.Year >= yearFrom);
        }
        if (query.YearTo is { } yearTo)
        {
            trade = trade.Where(t => t.Year <= yearTo);
        }
        if (!string.IsNullOrEmpty(query.Flow) && EnumText<TradeFlow>.TryParseList(query.Flow, out var flows))
        {
            trade = trade.WhereAnyOf(t => t.Flow, flows);
        }
        if (!string.IsNullOrEmpty(query.ReporterCountry))
        {
            trade = trade.Where(t => t.ReporterCountry == query.ReporterCountry);
        }
        if (!string.IsNullOrEmpty(query.HsCode))
        {
            // A prefix as a range, so the index on HsCode serves it: codes are digits, and ':' sorts right after '9'.
            var (from, below) = (query.HsCode, query.HsCode + ":");
            trade = trade.Where(t => t.HsCode != null && string.Compare(t.HsCode, from) >= 0 && string.Compare(t.HsCode, below) < 0);
        }
        return trade;
    }
}
