using System.Globalization;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.Flights;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Each resource's write rules: what makes two of its records duplicates.</summary>
public static class Writes
{
    public static readonly RecordWrites<Event> Events = new();
    public static readonly RecordWrites<Flight> Flights = new();
    public static readonly RecordWrites<Agreement> Agreements = new();

    // On the key columns the unique index covers, so the check is one index lookup. The flow is stored by name.
    private const string SameTradeKey =
        "SELECT \"Id\" FROM \"TradeRecords\" WHERE \"ReporterCountry\" = @p0 AND \"PartnerCountry\" = @p1 AND \"Flow\" = @p2 AND \"Year\" = @p3 "
        + "AND \"MonthKey\" = @p4 AND \"HsCodeKey\" = @p5 AND \"Id\" <> @p6";

    /// <summary>The trade record key: reporter, partner, flow, year, month and HS code, an absent month or code being a value too.</summary>
    public static readonly RecordWrites<TradeRecord> TradeRecords = new()
    {
        FindDuplicate = (db, t, cancellationToken) =>
            db.IdAsync(SameTradeKey, [t.ReporterCountry, t.PartnerCountry, TradeRecordSql.FlowText(t.Flow), t.Year, t.Month ?? 0, t.HsCode ?? "", t.Id], cancellationToken),
        UniqueKey = t => $"{t.ReporterCountry}/{t.PartnerCountry}/{t.Flow}/{t.Year}/{t.Month?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{t.HsCode ?? "-"}",
    };
}
