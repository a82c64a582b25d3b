using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationsApi.Api.Common;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.TradeRecords;

internal static class TradeRecordEndpoints
{
    private const string Segment = "/trade-records";
    private const string Path = ApiRoutes.Base + Segment;
    private const string CsvExample = "externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd\nkz-kr:2022:turnover,KZ,KR,turnover,2022,,,,6530000000.00\n";

    internal static readonly Sorting<TradeRecord> Sorting = new Sorting<TradeRecord>("-year")
        .Add("year", TradeRecordSortField.Year)
        .Add("valueUsd", TradeRecordSortField.ValueUsd)
        .Add("hsCode", TradeRecordSortField.HsCode);

    private const string Name = "trade record";

    private static readonly RecordOperations<TradeRecord, TradeRecordWrite, TradeRecordResponse> Records =
        new(Name, Path, Writes.TradeRecords, body => body.ToNewTradeRecord(), (body, t) => body.ApplyTo(t), t => t.ToResponse(), t => t.ToWrite());

    public static IEndpointRouteBuilder MapTradeRecords(this IEndpointRouteBuilder app)
    {
        var trade = app.MapGroup(Segment).WithTags("Trade records");
        trade.MapGet("/", List).WithName("listTradeRecords").Validate<TradeRecordListQuery>();
        trade.MapGet("/{id:int}", Get).WithName("getTradeRecord").Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        trade.MapPost("/", Create).WithName("createTradeRecord").Validate<TradeRecordWrite>().ReadsBody().ProducesProblem(409);
        trade.MapPost("/import", Import).WithName("importTradeRecords").ReadsImport<TradeRecordWrite>(CsvExample);
        trade.MapPut("/{id:int}", Replace).WithName("replaceTradeRecord").Validate<TradeRecordWrite>().ReadsBody().ProducesProblems(404, 409, 412);
        trade.MapPatch("/{id:int}", Patch).WithName("patchTradeRecord").Accepts<TradeRecordWrite>(MergePatch.ContentType)
            .ProducesValidationProblem().ReadsBody().ProducesProblems(404, 409, 412);
        trade.MapDelete("/{id:int}", Delete).WithName("deleteTradeRecord").ProducesProblems(404, 412);
        return app;
    }

    // Reads of trade records, the table that grows to millions of rows, skip EF: see RecordReads.
    /// <summary>Lists trade values (latest year first unless sorted otherwise), filtered by year, flow, reporter and HS code prefix.</summary>
    private static async Task<Results<WrittenJson<ListPage<TradeRecordResponse>>, CsvFile<TradeRecordWrite>>> List(
        [AsParameters] TradeRecordListQuery query, RecordReads reads, HttpContext http, CancellationToken cancellationToken)
    {
        var filter = query.ToFilter();
        var order = Sorting.Orders(query.Sort);
        if (CsvExport.WantsCsv(http))
        {
            return CsvExport.File(ct => reads.ExportTradeRecordsAsync(filter, order, ct).Select(t => t.ToExportRow()), "trade-records");
        }
        return await Paging.ToJsonPageAsync<TradeRecordResponse>(
            query,
            filter.CountKey(),
            ct => reads.CountTradeRecordsAsync(filter, ct),
            (json, skip, take) => reads.WriteTradeRecordPageAsync(json, filter, order, skip, take, cancellationToken),
            http,
            cancellationToken);
    }

    /// <summary>Gets one trade record; 304 when If-None-Match carries its current ETag.</summary>
    private static async Task<Results<Ok<TradeRecordResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        int id, RecordReads reads, HttpContext http, CancellationToken cancellationToken)
    {
        if (await reads.FindTradeRecordAsync(id, cancellationToken) is not { } record)
        {
            return Problems.RecordNotFound(Name, id);
        }
        http.Response.SetETag(record.Version);
        if (http.Request.MatchesETag(record.Version))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(record.ToResponse());
    }

    /// <summary>Creates a trade record; 409 names the existing record when one already has the same key.</summary>
    private static Task<Results<Created<TradeRecordResponse>, ProblemHttpResult>> Create(
        TradeRecordWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.CreateAsync(body, db, http, cancellationToken);

    /// <summary>Imports trade records from a JSON array or a CSV file, all or nothing; upsert matches by externalId, else by id, else by the key (reporter, partner, flow, year, month, hsCode).</summary>
    private static Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        [AsParameters] ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<TradeRecordWrite> validator, IOptions<JsonOptions> json,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        Records.ImportAsync(query, db, http, validator, json, limits, cancellationToken);

    /// <summary>Replaces a trade record with the body (every writable field); If-Match guards against lost updates.</summary>
    private static Task<Results<Ok<TradeRecordResponse>, ProblemHttpResult>> Replace(
        int id, TradeRecordWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.ReplaceAsync(id, body, db, http, cancellationToken);

    /// <summary>Changes some fields of a trade record with a JSON merge patch (RFC 7396); null removes an optional field.</summary>
    private static Task<Results<Ok<TradeRecordResponse>, ProblemHttpResult>> Patch(
        int id, RelationsDbContext db, HttpContext http, IValidator<TradeRecordWrite> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        Records.PatchAsync(id, db, http, validator, json, cancellationToken);

    /// <summary>Deletes a trade record; If-Match guards against deleting a version you have not seen.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.DeleteAsync(id, db, http, cancellationToken);
}
