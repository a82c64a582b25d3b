using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Events;

internal sealed class EventResource() : LinqRecordResource<Event, EventWrite, EventResponse, EventListQuery>("events", "event", ("Event", "Events"), "Events")
{
    internal static readonly LinqSorting<Event> Sorting = new LinqSorting<Event>("-date")
        .Add("date", StoredFilters.EventStart)
        .Add("title", e => e.Title)
        .Add("createdAt", e => e.CreatedAt);

    public override IJsonTypeInfoResolver ResponseJson => EventJson.Default;

    protected override OperationSummaries Summaries { get; } =
        new("an event", "events", "Lists events (newest first unless sorted otherwise), filtered by period overlap, category, country and text.");

    protected override string CsvExample =>
        "externalId,title,category,date,countryCode,city,participants\nevt:2023-10-25,Republic Day reception in Seoul,diplomatic,2023-10-25,KR,Seoul,Nurgali Arystanov\n";

    protected override Event Create(EventWrite body) => body.ToNewEvent();

    protected override void Apply(EventWrite body, Event record) => body.ApplyTo(record);

    protected override EventResponse ToResponse(Event record) => record.ToResponse();

    protected override EventWrite ToWrite(Event record) => record.ToWrite();

    protected override IQueryable<Event> Matching(IQueryable<Event> records, EventListQuery query) => Sorting.Apply(records.Matching(query), query.Sort);
}

/// <summary>The event responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(ListPage<EventResponse>))]
internal sealed partial class EventJson : JsonSerializerContext;
