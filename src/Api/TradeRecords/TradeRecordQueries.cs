using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordQueries
{
    /// <summary>
    /// The list's filters as the database reads them; the list, its count and the CSV export all select with this
    /// (one filter on the database side too: see <see cref="RecordReads"/>).
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
