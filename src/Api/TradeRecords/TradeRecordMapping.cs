using System.Text.Json;
using RelationsApi.Api.Common;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordMapping
{
    public static TradeRecordResponse ToResponse(this TradeRecord t) => new(
        t.Id, t.ExternalId, t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode, t.Commodity, t.ValueUsd,
        t.Sources.ToResponse(), t.CreatedAt, t.UpdatedAt, t.Version);

    /// <summary>
    /// Writes the cursor's row as the JSON of its <see cref="TradeRecordResponse"/>, field by field in the record's order,
    /// with the values the serializer would write for it (tests compare the two).
    /// </summary>
    public static void WriteResponse(this Utf8JsonWriter json, TradeRecordCursor t)
    {
        json.WriteStartObject();
        json.WriteNumber("id"u8, t.Id);
        json.WriteText("externalId"u8, t.ExternalId);
        json.WriteString("reporterCountry"u8, t.ReporterCountry);
        json.WriteString("partnerCountry"u8, t.PartnerCountry);
        json.WriteString("flow"u8, EnumText<TradeFlow>.Name(t.Flow));
        json.WriteNumber("year"u8, t.Year);
        json.WriteNumberOrNull("month"u8, t.Month);
        json.WriteText("hsCode"u8, t.HsCode);
        json.WriteText("commodity"u8, t.Commodity);
        json.WriteCents("valueUsd"u8, t.ValueUsdCents);
        json.WriteSources("sources"u8, t.SourcesJson);
        json.WriteInstant("createdAt"u8, t.StoredCreatedAt);
        json.WriteInstant("updatedAt"u8, t.StoredUpdatedAt);
        json.WriteNumber("version"u8, t.Version);
        json.WriteEndObject();
    }

    public static ExportRow<TradeRecordWrite> ToExportRow(this TradeRecordRow t) => new(new TradeRecordWrite
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
    }, t.Id, t.Version, t.CreatedAt, t.UpdatedAt);

    public static TradeRecordWrite ToWrite(this TradeRecord t) => new()
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
