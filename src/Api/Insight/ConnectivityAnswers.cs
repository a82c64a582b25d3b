using RelationsApi.Api.Flights;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Insight;

/// <summary>The air services on one day. A route served by several airlines together is never split between them.</summary>
internal static class ConnectivityAnswers
{
    public static async Task<Connectivity> OnAsync(RelationsDbContext db, DateOnly date, CancellationToken cancellationToken)
    {
        // Planned flights whatever their dates; operating and suspended ones whose validity covers the day (open ends cover).
        var flights = await db.Flights.AsNoTracking()
            .Where(f => f.Status == FlightStatus.Planned
                || ((f.Status == FlightStatus.Operating || f.Status == FlightStatus.Suspended)
                    && (f.ValidFrom == null || f.ValidFrom <= date) && (f.ValidTo == null || f.ValidTo >= date)))
            .ToListAsync(cancellationToken);
        var ordered = flights.OrderBy(f => f.OriginAirport, StringComparer.Ordinal)
            .ThenBy(f => f.DestinationAirport, StringComparer.Ordinal)
            .ThenBy(f => f.Id)
            .ToList();
        var routes = ordered.Where(f => f.Status == FlightStatus.Operating).ToList();
        var byAirline = routes
            .SelectMany(f => f.Airlines.DistinctBy(a => a.Code).Select(a => (Airline: a, Flight: f)))
            .GroupBy(x => x.Airline.Code)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AirlineConnectivity(
                g.Key,
                g.First().Airline.Name,
                g.Count(),
                g.Sum(x => x.Flight.WeeklyFrequency),
                g.Count(x => x.Flight.Airlines.Any(a => a.Code != g.Key))))
            .ToList();
        return new Connectivity(
            date,
            routes.Sum(f => f.WeeklyFrequency),
            [.. routes.Select(ToRoute)],
            byAirline,
            [.. ordered.Where(f => f.Status == FlightStatus.Planned).Select(ToRoute)],
            [.. ordered.Where(f => f.Status == FlightStatus.Suspended).Select(ToRoute)]);
    }

    private static ConnectivityRoute ToRoute(Flight flight) => new(
        flight.Id, flight.OriginAirport, flight.DestinationAirport, flight.WeeklyFrequency, flight.DurationMinutes,
        [.. flight.Airlines.Select(a => new AirlineResponse(a.Code, a.Name))]);
}
