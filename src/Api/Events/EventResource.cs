using RelationsApi.Domain.Events;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Api.Events;

internal sealed class EventResource() : LinqRecordResource<Event, EventWrite, EventResponse, EventListQuery>("events", "event", ("Event", "Events"), "Events")
{
    internal static readonly LinqSorting<Event> Sorting = new LinqSorting<Event>("-date")
        .Add("date", StoredFilters.EventStart)
        .Add("title", e => e.Title)
        .Add("createdAt", e => e.CreatedAt);

    public override IJsonTypeInfoResolver ResponseJson => EventJson.Default;

    protected override LinqSorting<Event> SortFields => Sorting;

    protected override OperationSummaries Summaries { get; } =
        new("an event", "events", "Lists events (newest first unless sorted otherwise), filtered by period overlap, category, country and text.");

    protected override string CsvExample =>
        "externalId,title,category,date,countryCode,city,participants\nevt:2023-10-25,Republic Day reception in Seoul,diplomatic,2023-10-25,KR,Seoul,Nurgali Arystanov\n";

    protected override (int Id, Event Record) Example => (1, SeedArticle.Events().First());

    protected override Event New(EventWrite body) => new(body.Title!, body.Category!.Value, body.Date!.Value, body.CountryCode!);

    protected override void Apply(EventWrite body, Event e)
    {
        e.Describe(body.Title!, body.Summary, body.Category!.Value);
        e.SetDates(body.Date!.Value, body.EndDate);
        e.SetPlace(body.CountryCode!, body.City, body.Venue);
        e.SetParticipants(body.Participants ?? []);
    }

    protected override EventResponse ToResponse(Event e) => new(
        e.Id, e.ExternalId, e.Title, e.Summary, e.Category, e.Date, e.EndDate, e.CountryCode, e.City, e.Venue,
        e.Participants, e.Sources.ToResponse(), e.CreatedAt, e.UpdatedAt, e.Version);

    protected override IQueryable<Event> Filter(IQueryable<Event> events, EventListQuery query) => events
        .InPeriod(query.From?.Value, query.To?.Value)
        .WhereAnyOf(e => e.Category, query.Category)
        .WhereGiven(query.CountryCode, e => e.CountryCode == query.CountryCode)
        .Searching(query.Q);   // title, summary and participants, folded when saved
}

/// <summary>The event responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(ListPage<EventResponse>))]
internal sealed partial class EventJson : JsonSerializerContext;
