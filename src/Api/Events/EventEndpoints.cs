using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Events;

internal static class EventEndpoints
{
    private const string Segment = "/events";
    private const string Path = ApiRoutes.Base + Segment;
    private const string CsvExample = "externalId,title,category,date,countryCode,city,participants\nevt:2023-10-25,Republic Day reception in Seoul,diplomatic,2023-10-25,KR,Seoul,Nurgali Arystanov\n";

    internal static readonly Sorting<Event> Sorting = new Sorting<Event>("-date")
        .Add("date", StoredFilters.EventStart)
        .Add("title", e => e.Title)
        .Add("createdAt", e => e.CreatedAt);

    private static readonly RecordOperations<Event, EventWrite, EventResponse> Records =
        new("event", Path, Writes.Events, body => body.ToNewEvent(), (body, e) => body.ApplyTo(e), e => e.ToResponse(), e => e.ToWrite());

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup(Segment).WithTags("Events");
        events.MapGet("/", List).WithName("listEvents").Validate<EventListQuery>();
        events.MapGet("/{id:int}", Get).WithName("getEvent").Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        events.MapPost("/", Create).WithName("createEvent").Validate<EventWrite>().ReadsBody();
        events.MapPost("/import", Import).WithName("importEvents").ReadsImport<EventWrite>(CsvExample);
        events.MapPut("/{id:int}", Replace).WithName("replaceEvent").Validate<EventWrite>().ReadsBody().ProducesProblems(404, 412);
        events.MapPatch("/{id:int}", Patch).WithName("patchEvent").Accepts<EventWrite>(MergePatch.ContentType)
            .ProducesValidationProblem().ReadsBody().ProducesProblems(404, 412);
        events.MapDelete("/{id:int}", Delete).WithName("deleteEvent").ProducesProblems(404, 412);
        return app;
    }

    /// <summary>Lists events (newest first unless sorted otherwise), filtered by period overlap, category, country and text.</summary>
    private static async Task<Results<Ok<ListPage<EventResponse>>, CsvFile<EventWrite>>> List(
        [AsParameters] EventListQuery query, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var events = Sorting.Apply(db.Events.AsNoTracking().Matching(query), query.Sort);
        if (CsvExport.WantsCsv(http))
        {
            return CsvExport.File(events, e => e.ToWrite(), "events");
        }
        return TypedResults.Ok(await events.ToPageAsync(query, e => e.ToResponse(), http, cancellationToken));
    }

    /// <summary>Gets one event; 304 when If-None-Match carries its current ETag.</summary>
    private static Task<Results<Ok<EventResponse>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.GetAsync(id, db, http, cancellationToken);

    /// <summary>Creates an event.</summary>
    private static Task<Results<Created<EventResponse>, ProblemHttpResult>> Create(
        EventWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.CreateAsync(body, db, http, cancellationToken);

    /// <summary>Imports events from a JSON array or a CSV file, all or nothing; upsert matches by externalId, else by id.</summary>
    private static Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        [AsParameters] ImportQuery query, RelationsDbContext db, HttpContext http, IValidator<EventWrite> validator, IOptions<JsonOptions> json,
        IOptions<RequestLimits> limits, CancellationToken cancellationToken) =>
        Records.ImportAsync(query, db, http, validator, json, limits, cancellationToken);

    /// <summary>Replaces an event with the body (every writable field); If-Match guards against lost updates.</summary>
    private static Task<Results<Ok<EventResponse>, ProblemHttpResult>> Replace(
        int id, EventWrite body, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.ReplaceAsync(id, body, db, http, cancellationToken);

    /// <summary>Changes some fields of an event with a JSON merge patch (RFC 7396); null removes an optional field.</summary>
    private static Task<Results<Ok<EventResponse>, ProblemHttpResult>> Patch(
        int id, RelationsDbContext db, HttpContext http, IValidator<EventWrite> validator, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        Records.PatchAsync(id, db, http, validator, json, cancellationToken);

    /// <summary>Deletes an event; If-Match guards against deleting a version you have not seen.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, RelationsDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        Records.DeleteAsync(id, db, http, cancellationToken);
}
