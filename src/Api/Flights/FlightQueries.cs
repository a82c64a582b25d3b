using RelationsApi.Api.Common;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Flights;

internal static class FlightQueries
{
    /// <summary>The records the list filters select; the list, its count and any other view of the same filters share it.</summary>
    public static IQueryable<Flight> Matching(this IQueryable<Flight> flights, FlightListQuery query)
    {
        flights = flights.WithExternalId(query.ExternalId);
        if (!string.IsNullOrEmpty(query.AirlineCode))
        {
            flights = flights.Where(f => f.Airlines.Any(a => a.Code == query.AirlineCode));
        }
        if (!string.IsNullOrEmpty(query.OriginAirport))
        {
            flights = flights.Where(f => f.OriginAirport == query.OriginAirport);
        }
        if (!string.IsNullOrEmpty(query.DestinationAirport))
        {
            flights = flights.Where(f => f.DestinationAirport == query.DestinationAirport);
        }
        if (!string.IsNullOrEmpty(query.Airport))
        {
            flights = flights.Where(f => f.OriginAirport == query.Airport || f.DestinationAirport == query.Airport);
        }
        if (!string.IsNullOrEmpty(query.Status) && EnumText<FlightStatus>.TryParseList(query.Status, out var statuses))
        {
            flights = flights.WhereAnyOf(f => f.Status, statuses);
        }
        return flights;
    }
}
