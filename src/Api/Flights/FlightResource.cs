using RelationsApi.Domain.Flights;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Api.Flights;

internal sealed class FlightResource() : LinqRecordResource<Flight, FlightWrite, FlightResponse, FlightListQuery>("flights", "flight", ("Flight", "Flights"), "Flights")
{
    internal static readonly LinqSorting<Flight> Sorting = new LinqSorting<Flight>("originAirport")
        .Add("weeklyFrequency", f => f.WeeklyFrequency)
        .Add("originAirport", f => f.OriginAirport)
        .Add("validFrom", f => f.ValidFrom);

    public override IJsonTypeInfoResolver ResponseJson => FlightJson.Default;

    protected override LinqSorting<Flight> SortFields => Sorting;

    protected override OperationSummaries Summaries { get; } =
        new("an air service", "flights", "Lists air services (by origin unless sorted otherwise), filtered by airline, airports and status.")
        {
            Patch = "Changes some fields of an air service with a JSON merge patch (RFC 7396); arrays such as airlines are replaced whole.",
        };

    protected override string CsvExample =>
        "externalId,originAirport,destinationAirport,airlines,weeklyFrequency,durationMinutes,status\nala-sel,ALA,SEL,KC|Air Astana;OZ|Asiana Airlines,11,360,operating\n";

    protected override (int Id, Flight Record) Example => (1, SeedArticle.Flights().First());

    protected override Flight New(FlightWrite body) =>
        new(body.OriginAirport!, body.DestinationAirport!, body.Status!.Value, Airlines(body), body.WeeklyFrequency!.Value);

    protected override void Apply(FlightWrite body, Flight f)
    {
        f.SetRoute(body.OriginAirport!, body.DestinationAirport!);
        f.SetService(body.Status!.Value, Airlines(body), body.WeeklyFrequency!.Value);
        f.SetSchedule(body.DurationMinutes, body.ValidFrom, body.ValidTo);
    }

    protected override FlightResponse ToResponse(Flight f) => new(
        f.Id, f.ExternalId, f.OriginAirport, f.DestinationAirport, f.Airlines.Select(a => new AirlineResponse(a.Code, a.Name)).ToList(),
        f.WeeklyFrequency, f.DurationMinutes, f.Status, f.ValidFrom, f.ValidTo,
        f.Sources.ToResponse(), f.CreatedAt, f.UpdatedAt, f.Version);

    private static List<Airline> Airlines(FlightWrite body) => body.Airlines?.Select(a => new Airline(a.Code!, a.Name!)).ToList() ?? [];

    protected override IQueryable<Flight> Filter(IQueryable<Flight> flights, FlightListQuery query) => flights
        .WhereGiven(query.AirlineCode, f => f.Airlines.Any(a => a.Code == query.AirlineCode))
        .WhereGiven(query.OriginAirport, f => f.OriginAirport == query.OriginAirport)
        .WhereGiven(query.DestinationAirport, f => f.DestinationAirport == query.DestinationAirport)
        .WhereGiven(query.Airport, f => f.OriginAirport == query.Airport || f.DestinationAirport == query.Airport)
        .WhereAnyOf(f => f.Status, query.Status);
}

/// <summary>The flight responses, serialized without reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FlightResponse))]
[JsonSerializable(typeof(ListPage<FlightResponse>))]
internal sealed partial class FlightJson : JsonSerializerContext;
