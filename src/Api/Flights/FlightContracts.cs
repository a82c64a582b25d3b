using Microsoft.AspNetCore.Mvc;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Flights;

/// <summary>A scheduled air service to create, or the full new state of one to replace.</summary>
public sealed class FlightWrite : RecordWrite
{
    /// <summary>IATA airport (or city) code of the origin: three upper-case letters.</summary>
    /// <example>ALA</example>
    public string? OriginAirport { get; init; }

    /// <summary>IATA airport (or city) code of the destination, different from the origin.</summary>
    /// <example>SEL</example>
    public string? DestinationAirport { get; init; }

    /// <summary>Airlines flying it: 0..10, at least one when the status is operating (absent means none).</summary>
    public IReadOnlyList<AirlineWrite>? Airlines { get; init; }

    /// <summary>Flights a week, all listed airlines together: 0..168.</summary>
    /// <example>11</example>
    public int? WeeklyFrequency { get; init; }

    /// <summary>Typical flight time in minutes: 1..1440.</summary>
    /// <example>360</example>
    public int? DurationMinutes { get; init; }

    /// <summary>Whether the service runs.</summary>
    /// <example>operating</example>
    public FlightStatus? Status { get; init; }

    /// <summary>First day of the schedule (a full date).</summary>
    /// <example>2024-03-31</example>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day of the schedule (a full date), not before validFrom.</summary>
    /// <example>2024-10-26</example>
    public DateOnly? ValidTo { get; init; }
}

/// <summary>An airline on a service.</summary>
public sealed class AirlineWrite
{
    /// <summary>IATA airline code: two upper-case letters or digits.</summary>
    /// <example>KC</example>
    public string? Code { get; init; }

    /// <summary>Airline name, 1..100 characters.</summary>
    /// <example>Air Astana</example>
    public string? Name { get; init; }
}

/// <summary>An airline on a service.</summary>
/// <param name="Code">IATA airline code.</param>
/// <param name="Name">Airline name.</param>
public sealed record AirlineResponse(string Code, string Name);

/// <summary>A scheduled air service on one city pair.</summary>
/// <param name="Id">Server-assigned identifier.</param>
/// <param name="ExternalId">The sender's own key for the record, or null.</param>
/// <param name="OriginAirport">IATA code of the origin.</param>
/// <param name="DestinationAirport">IATA code of the destination.</param>
/// <param name="Airlines">Airlines flying it.</param>
/// <param name="WeeklyFrequency">Flights a week, all listed airlines together.</param>
/// <param name="DurationMinutes">Typical flight time in minutes, or null.</param>
/// <param name="Status">Whether the service runs.</param>
/// <param name="ValidFrom">First day of the schedule, or null.</param>
/// <param name="ValidTo">Last day of the schedule, or null.</param>
/// <param name="Sources">Where the facts come from.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
/// <param name="Version">Starts at 1 and grows by one with each change; the ETag is this number in quotes.</param>
public sealed record FlightResponse(
    int Id,
    string? ExternalId,
    string OriginAirport,
    string DestinationAirport,
    IReadOnlyList<AirlineResponse> Airlines,
    int WeeklyFrequency,
    int? DurationMinutes,
    FlightStatus Status,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<SourceResponse> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>Filters, sorting and paging for the flight list.</summary>
public sealed class FlightListQuery : ListQuery
{
    /// <summary>Only services one of whose airlines has this IATA code.</summary>
    /// <example>OZ</example>
    [FromQuery(Name = "airlineCode")]
    public string? AirlineCode { get; init; }

    /// <summary>Only services from this IATA airport code.</summary>
    /// <example>ALA</example>
    [FromQuery(Name = "originAirport")]
    public string? OriginAirport { get; init; }

    /// <summary>Only services to this IATA airport code.</summary>
    /// <example>SEL</example>
    [FromQuery(Name = "destinationAirport")]
    public string? DestinationAirport { get; init; }

    /// <summary>Only services with this IATA airport code at either end.</summary>
    /// <example>ALA</example>
    [FromQuery(Name = "airport")]
    public string? Airport { get; init; }

    /// <summary>Comma-separated statuses, any of which matches: operating, planned, suspended, discontinued.</summary>
    /// <example>operating</example>
    [FromQuery(Name = "status")]
    public string? Status { get; init; }
}
