using RelationsApi.Api.Common;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordQueries
{
    /// <summary>
    /// The list's filters as the database reads them; the list, its count and the CSV export all select with this
    /// (the SQL is <see cref="TradeRecordReads"/>' one filter).
    /// </summary>
    public static TradeRecordFilter ToFilter(this TradeRecordListQuery query) => new()
    {
        ExternalId = query.ExternalId,
        Year = query.Year,
        YearFrom = query.YearFrom,
        YearTo = query.YearTo,
        Flows = !string.IsNullOrEmpty(query.Flow) && EnumText<TradeFlow>.TryParseList(query.Flow, out var flows) ? flows : [],
        ReporterCountry = query.ReporterCountry,
        HsCodePrefix = query.HsCode,
    };
}
