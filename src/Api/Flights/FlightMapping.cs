using RelationsApi.Api.Common;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Flights;

internal static class FlightMapping
{
    public static FlightResponse ToResponse(this Flight f) => new(
        f.Id, f.ExternalId, f.OriginAirport, f.DestinationAirport, f.Airlines.Select(a => new AirlineResponse(a.Code, a.Name)).ToList(),
        f.WeeklyFrequency, f.DurationMinutes, f.Status, f.ValidFrom, f.ValidTo,
        f.Sources.ToResponse(), f.CreatedAt, f.UpdatedAt, f.Version);

    public static FlightWrite ToWrite(this Flight f) => new()
    {
        ExternalId = f.ExternalId,
        OriginAirport = f.OriginAirport,
        DestinationAirport = f.DestinationAirport,
        Airlines = f.Airlines.Select(a => new AirlineWrite { Code = a.Code, Name = a.Name }).ToList(),
        WeeklyFrequency = f.WeeklyFrequency,
        DurationMinutes = f.DurationMinutes,
        Status = f.Status,
        ValidFrom = f.ValidFrom,
        ValidTo = f.ValidTo,
        Sources = f.Sources.ToWrite(),
    };

    /// <summary>Builds a new flight from a validated body.</summary>
    public static Flight ToNewFlight(this FlightWrite body)
    {
        var created = new Flight(body.OriginAirport!, body.DestinationAirport!, body.Status!.Value, body.ToAirlines(), body.WeeklyFrequency!.Value);
        body.ApplyTo(created);
        return created;
    }

    /// <summary>Replaces every writable field of <paramref name="f"/> with the validated body's.</summary>
    public static void ApplyTo(this FlightWrite body, Flight f)
    {
        f.SetRoute(body.OriginAirport!, body.DestinationAirport!);
        f.SetService(body.Status!.Value, body.ToAirlines(), body.WeeklyFrequency!.Value);
        f.SetSchedule(body.DurationMinutes, body.ValidFrom, body.ValidTo);
        f.SetExternalId(body.ExternalId);
        f.SetSources(body.Sources.ToDomain());
    }

    private static List<Airline> ToAirlines(this FlightWrite body) =>
        body.Airlines?.Select(a => new Airline(a.Code!, a.Name!)).ToList() ?? [];
}
