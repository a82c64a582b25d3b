using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Agreements;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Agreements;

internal static class AgreementEndpoints
{
    private const string Segment = "/agreements";
    private const string Path = ApiRoutes.Base + Segment;
    private const string CsvExample = "externalId,title,type,status,signedDate,parties\ntipf,Trade and Investment Promotion Framework,framework,underNegotiation,,KZ;KR\n";

    internal static readonly Sorting<Agreement> Sorting = new Sorting<Agreement>("-signedDate")
        .Add("signedDate", StoredFilters.AgreementSignedStart)
        .Add("title", a => a.Title);

    private static readonly RecordOperations<Agreement, AgreementWrite, AgreementResponse> Records =
        new("agreement", Path, Writes.Agreements, body => body.ToNewAgreement(), (body, a) => body.ApplyTo(a), a => a.ToResponse(), a => a.ToWrite());

    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder app)
    {
        var agreements = app.MapGroup(Segment).WithTags("Agreements");
        agreements.MapGet("/", List).WithName("listAgreements").Validate<AgreementListQuery>();
        agreements.MapGet("/{id:int}", Get).WithName("getAgreement").Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        agreements.MapPost("/", Create).WithName("createAgreement").Validate<AgreementWrite>().ReadsBody();
        agreements.MapPost("/import", Import).WithName("importAgreements").ReadsImport<AgreementWrite>(CsvExample);
        agreements.MapPut("/{id:int}", Replace).WithName("replaceAgreement").Validate<AgreementWrite>().ReadsBody().ProducesProblems(404, 412);
        agreements.MapPatch("/{id:int}", Patch).WithName("patchAgreement").Accepts<AgreementWrite>(MergePatch.ContentType)
            .ProducesValidationProblem().ReadsBody().ProducesProblems(404, 412);
        agreements.MapDelete("/{id:int}", Delete).WithName("deleteAgreement").ProducesProblems(404, 412);
        return app;
    }

    /// <summary>Lists agreements (latest signed first unless sorted otherwise), filtered by status, type, signing period and text.</summary>
    private static async Task<Results<Ok<ListPage<AgreementResponse>>, CsvFile<AgreementWrite>>> List(
        [AsParameters] AgreementListQuery query, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var agreements = Sorting.Apply(db.Agreements.AsNoTracking().Matching(query), query.Sort);
        if (CsvExport.WantsCsv(http))
        {
            return CsvExport.File(agreements, a => a.ToWrite(), "agreements");
        }
        return TypedResults.Ok(await agreements.ToPageAsync(query, a => a.ToResponse(), http, cancellationToken));
    }

    /// <summary>Gets one agreement; 304 when If-None-Match carries its current ETag.</summary>
    private static Task<Results<Ok<AgreementResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.GetAsync(id, db, http, cancellationToken);

    /// <summary>Creates an agreement.</summary>
    private static Task<Results<Created<AgreementResponse>, ProblemHttpResult>> Create(
        AgreementWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.CreateAsync(body, db, http, cancellationToken);

    /// <summary>Imports agreements from a JSON array or a CSV file, all or nothing; upsert matches by externalId, else by id.</summary>
    private static Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        [AsParameters] ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<AgreementWrite> validator, IOptions<JsonOptions> json,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        Records.ImportAsync(query, db, http, validator, json, limits, cancellationToken);

    /// <summary>Replaces an agreement with the body (every writable field); If-Match guards against lost updates.</summary>
    private static Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> Replace(
        int id, AgreementWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.ReplaceAsync(id, body, db, http, cancellationToken);

    /// <summary>Changes some fields of an agreement with a JSON merge patch (RFC 7396); null removes an optional field.</summary>
    private static Task<Results<Ok<AgreementResponse>, ProblemHttpResult>> Patch(
        int id, RelationsDbContext db, HttpContext http, IValidator<AgreementWrite> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        Records.PatchAsync(id, db, http, validator, json, cancellationToken);

    /// <summary>Deletes an agreement; If-Match guards against deleting a version you have not seen.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.DeleteAsync(id, db, http, cancellationToken);
}
