using System.Globalization;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>What makes two trade records duplicates: the one resource whose records have a unique key besides externalId.</summary>
public static class TradeRecordKey
{
    // On the key columns the unique index covers, so the check is one index lookup. The flow is stored by name.
    private const string SameTradeKey =
        "SELECT \"Id\" FROM \"TradeRecords\" WHERE \"ReporterCountry\" = @p0 AND \"PartnerCountry\" = @p1 AND \"Flow\" = @p2 AND \"Year\" = @p3 "
        + "AND \"MonthKey\" = @p4 AND \"HsCodeKey\" = @p5 AND \"Id\" <> @p6";

    /// <summary>The trade record key: reporter, partner, flow, year, month and HS code, an absent month or code being a value too.</summary>
    public static readonly RecordWrites<TradeRecord> Writes = new()
    {
        FindDuplicate = (db, t, cancellationToken) =>
            db.IdAsync(SameTradeKey, [t.ReporterCountry, t.PartnerCountry, FlowConverter.Text(t.Flow), t.Year, t.Month ?? 0, t.HsCode ?? "", t.Id], cancellationToken),
        UniqueKey = t => $"{t.ReporterCountry}/{t.PartnerCountry}/{t.Flow}/{t.Year}/{t.Month?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{t.HsCode ?? "-"}",
    };
}
