using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Flights;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Flights;

internal static class FlightEndpoints
{
    private const string Segment = "/flights";
    private const string Path = ApiRoutes.Base + Segment;
    private const string CsvExample = "externalId,originAirport,destinationAirport,airlines,weeklyFrequency,durationMinutes,status\nala-sel,ALA,SEL,KC|Air Astana;OZ|Asiana Airlines,11,360,operating\n";

    internal static readonly Sorting<Flight> Sorting = new Sorting<Flight>("originAirport")
        .Add("weeklyFrequency", f => f.WeeklyFrequency)
        .Add("originAirport", f => f.OriginAirport)
        .Add("validFrom", f => f.ValidFrom);

    private static readonly RecordOperations<Flight, FlightWrite, FlightResponse> Records =
        new("flight", Path, Writes.Flights, body => body.ToNewFlight(), (body, f) => body.ApplyTo(f), f => f.ToResponse(), f => f.ToWrite());

    public static IEndpointRouteBuilder MapFlights(this IEndpointRouteBuilder app)
    {
        var flights = app.MapGroup(Segment).WithTags("Flights");
        flights.MapGet("/", List).WithName("listFlights").Validate<FlightListQuery>();
        flights.MapGet("/{id:int}", Get).WithName("getFlight").Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        flights.MapPost("/", Create).WithName("createFlight").Validate<FlightWrite>().ReadsBody();
        flights.MapPost("/import", Import).WithName("importFlights").ReadsImport<FlightWrite>(CsvExample);
        flights.MapPut("/{id:int}", Replace).WithName("replaceFlight").Validate<FlightWrite>().ReadsBody().ProducesProblems(404, 412);
        flights.MapPatch("/{id:int}", Patch).WithName("patchFlight").Accepts<FlightWrite>(MergePatch.ContentType)
            .ProducesValidationProblem().ReadsBody().ProducesProblems(404, 412);
        flights.MapDelete("/{id:int}", Delete).WithName("deleteFlight").ProducesProblems(404, 412);
        return app;
    }

    /// <summary>Lists air services (by origin unless sorted otherwise), filtered by airline, airports and status.</summary>
    private static async Task<Results<Ok<ListPage<FlightResponse>>, CsvFile<FlightWrite>>> List(
        [AsParameters] FlightListQuery query, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var flights = Sorting.Apply(db.Flights.AsNoTracking().Matching(query), query.Sort);
        if (CsvExport.WantsCsv(http))
        {
            return CsvExport.File(flights, f => f.ToWrite(), "flights");
        }
        return TypedResults.Ok(await flights.ToPageAsync(query, f => f.ToResponse(), http, cancellationToken));
    }

    /// <summary>Gets one air service; 304 when If-None-Match carries its current ETag.</summary>
    private static Task<Results<Ok<FlightResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.GetAsync(id, db, http, cancellationToken);

    /// <summary>Creates an air service.</summary>
    private static Task<Results<Created<FlightResponse>, ProblemHttpResult>> Create(
        FlightWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.CreateAsync(body, db, http, cancellationToken);

    /// <summary>Imports flights from a JSON array or a CSV file, all or nothing; upsert matches by externalId, else by id.</summary>
    private static Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        [AsParameters] ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<FlightWrite> validator, IOptions<JsonOptions> json,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        Records.ImportAsync(query, db, http, validator, json, limits, cancellationToken);

    /// <summary>Replaces an air service with the body (every writable field); If-Match guards against lost updates.</summary>
    private static Task<Results<Ok<FlightResponse>, ProblemHttpResult>> Replace(
        int id, FlightWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.ReplaceAsync(id, body, db, http, cancellationToken);

    /// <summary>Changes some fields of an air service with a JSON merge patch (RFC 7396); arrays such as airlines are replaced whole.</summary>
    private static Task<Results<Ok<FlightResponse>, ProblemHttpResult>> Patch(
        int id, RelationsDbContext db, HttpContext http, IValidator<FlightWrite> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        Records.PatchAsync(id, db, http, validator, json, cancellationToken);

    /// <summary>Deletes an air service; If-Match guards against deleting a version you have not seen.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.DeleteAsync(id, db, http, cancellationToken);
}
