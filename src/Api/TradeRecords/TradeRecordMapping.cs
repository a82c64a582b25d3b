using RelationsApi.Api.Common;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordMapping
{
    /// <summary>The record as the read door reads it: responses, write bodies and export rows are all made from this one shape.</summary>
    public static TradeRecordRow ToRow(this TradeRecord t) => new(
        t.Id, t.ExternalId, t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode, t.Commodity, t.ValueUsd,
        t.Sources, t.CreatedAt, t.UpdatedAt, t.Version);

    public static TradeRecordResponse ToResponse(this TradeRecord t) => t.ToRow().ToResponse();

    public static TradeRecordWrite ToWrite(this TradeRecord t) => t.ToRow().ToWrite();

    public static TradeRecordResponse ToResponse(this TradeRecordRow t) => new(
        t.Id, t.ExternalId, t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode, t.Commodity, t.ValueUsd,
        t.Sources.ToResponse(), t.CreatedAt, t.UpdatedAt, t.Version);

    public static ExportRow<TradeRecordWrite> ToExportRow(this TradeRecordRow t) => new(t.ToWrite(), t.Id, t.Version, t.CreatedAt, t.UpdatedAt);

    public static TradeRecordWrite ToWrite(this TradeRecordRow t) => new()
    {
        ExternalId = t.ExternalId,
        ReporterCountry = t.ReporterCountry,
        PartnerCountry = t.PartnerCountry,
        Flow = t.Flow,
        Year = t.Year,
        Month = t.Month,
        HsCode = t.HsCode,
        Commodity = t.Commodity,
        ValueUsd = t.ValueUsd,
        Sources = t.Sources.ToWrite(),
    };

    /// <summary>Builds a new trade record from a validated body.</summary>
    public static TradeRecord ToNewTradeRecord(this TradeRecordWrite body)
    {
        var created = new TradeRecord(body.ReporterCountry!, body.PartnerCountry!, body.Flow!.Value, body.Year!.Value, body.Month, body.HsCode, body.ValueUsd!.Value);
        body.ApplyTo(created);
        return created;
    }

    /// <summary>Replaces every writable field of <paramref name="t"/> with the validated body's.</summary>
    public static void ApplyTo(this TradeRecordWrite body, TradeRecord t)
    {
        t.SetKey(body.ReporterCountry!, body.PartnerCountry!, body.Flow!.Value, body.Year!.Value, body.Month, body.HsCode);
        t.SetValue(body.ValueUsd!.Value, body.Commodity);
        t.SetExternalId(body.ExternalId);
        t.SetSources(body.Sources.ToDomain());
    }
}
