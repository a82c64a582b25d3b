using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Api.TradeRecords;

/// <summary>
/// Trade records, the table that grows to millions of rows: its list, count, export and lookup by id skip EF and go
/// through the read door (<see cref="RecordReads"/>); its writes are every resource's.
/// </summary>
internal sealed class TradeRecordResource()
    : RecordResource<TradeRecord, TradeRecordWrite, TradeRecordResponse, TradeRecordListQuery>("trade-records", "trade record", ("TradeRecord", "TradeRecords"), "Trade records")
{
    internal static readonly TradeRecordSorting Sorting = (TradeRecordSorting)new TradeRecordSorting("-year")
        .Add("year", TradeRecordSortField.Year)
        .Add("valueUsd", TradeRecordSortField.ValueUsd)
        .Add("hsCode", TradeRecordSortField.HsCode);

    public override IJsonTypeInfoResolver ResponseJson => TradeRecordJson.Default;

    protected override OperationSummaries Summaries { get; } =
        new("a trade record", "trade records", "Lists trade values (latest year first unless sorted otherwise), filtered by year, flow, reporter and HS code prefix.")
        {
            Create = "Creates a trade record; 409 names the existing record when one already has the same key.",
            Import = "Imports trade records from a JSON array, a CSV body or an uploaded CSV or XLSX file, all or nothing; upsert matches by externalId, else by id, else by the key (reporter, partner, flow, year, month, hsCode).",
        };

    protected override string CsvExample =>
        "externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd\nkz-kr:2022:turnover,KZ,KR,turnover,2022,,,,6530000000.00\n";

    /// <summary>The documentation's example is the seed record's key, so the template's row is a record of goods a new database does not have.</summary>
    protected override string TemplateExample =>
        "externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd\nkz-kr:2023-03:2601,KZ,KR,export,2023,3,2601,Iron ores and concentrates,1250000.50\n";

    protected override RecordWrites<TradeRecord> Writes => TradeRecordKey.Writes;

    protected override ISortCheck Sorts => Sorting;

    protected override (int Id, TradeRecord Record) Example => (1, SeedArticle.TradeRecords().First());

    protected override TradeRecord New(TradeRecordWrite body) =>
        new(body.ReporterCountry!, body.PartnerCountry!, body.Flow!.Value, body.Year!.Value, body.Month, body.HsCode, body.ValueUsd!.Value);

    protected override void Apply(TradeRecordWrite body, TradeRecord t)
    {
        t.SetKey(body.ReporterCountry!, body.PartnerCountry!, body.Flow!.Value, body.Year!.Value, body.Month, body.HsCode);
        t.SetValue(body.ValueUsd!.Value, body.Commodity);
    }

    protected override TradeRecordWrite WriteFields(TradeRecord t) => new()
    {
        ReporterCountry = t.ReporterCountry,
        PartnerCountry = t.PartnerCountry,
        Flow = t.Flow,
        Year = t.Year,
        Month = t.Month,
        HsCode = t.HsCode,
        Commodity = t.Commodity,
        ValueUsd = t.ValueUsd,
    };

    protected override TradeRecordResponse ToResponse(TradeRecord t) => new(
        t.Id, t.ExternalId, t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode, t.Commodity, t.ValueUsd,
        t.Sources.ToResponse(), t.CreatedAt, t.UpdatedAt, t.Version);

    protected override Func<CancellationToken, IAsyncEnumerable<ExportRow<TradeRecordWrite>>> ExportRows(TradeRecordListQuery query, HttpContext http)
    {
        var reads = http.RequestServices.GetRequiredService<RecordReads>();
        var filter = query.ToFilter();
        var order = Sorting.Orders(query.Sort);
        return ct => reads.ExportTradeRecordsAsync(filter, order, ct).Select(ToExportRow);
    }

    protected override async Task<WrittenJson<ListPage<TradeRecordResponse>>> ListAsync(
        TradeRecordListQuery query, HttpContext http, CancellationToken cancellationToken)
    {
        var reads = http.RequestServices.GetRequiredService<RecordReads>();
        var filter = query.ToFilter();
        var order = Sorting.Orders(query.Sort);
        return await Paging.ToJsonPageAsync<TradeRecordResponse>(
            Segment,
            query,
            filter.CountKey(),
            ct => reads.CountTradeRecordsAsync(filter, ct),
            (json, skip, take, newestChange) => reads.WriteTradeRecordPageAsync(json, filter, order, skip, take, newestChange ? Segment : null, cancellationToken),
            http,
            cancellationToken);
    }

    /// <summary>The record's JSON is written straight from its row, as a page's items are.</summary>
    protected override async Task<(int Version, WrittenJson<TradeRecordResponse> Body)?> FindAsync(int id, HttpContext http, CancellationToken cancellationToken)
    {
        var reads = http.RequestServices.GetRequiredService<RecordReads>();
        int? version = null;
        var body = await WrittenJson<TradeRecordResponse>.WriteAsync(http, async json => version = await reads.WriteTradeRecordAsync(json, id, cancellationToken));
        if (version is { } found)
        {
            return (found, body);
        }
        body.Dispose();
        return null;
    }
}

/// <summary>The trade record responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TradeRecordResponse))]
[JsonSerializable(typeof(ListPage<TradeRecordResponse>))]
internal sealed partial class TradeRecordJson : JsonSerializerContext;
