using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Flights;

public enum FlightStatus
{
    Operating,
    Planned,
    Suspended,
    Discontinued,
}

/// <summary>An airline on a service, by IATA code ("KC") and name ("Air Astana").</summary>
public sealed record Airline
{
    public const int MaxNameLength = 100;

    public Airline(string code, string name)
    {
        if (!Flight.IsAirlineCode(code))
        {
            throw new DomainRuleException("code", $"'{code}' is not an IATA airline code (two letters or digits).");
        }
        (Code, Name) = (code, Guard.Text("name", name, MaxNameLength));
    }

    public string Code { get; }
    public string Name { get; }
}

/// <summary>A scheduled air service on one city pair.</summary>
public sealed partial class Flight : Entity
{
    public const int MaxAirlines = 10;
    public const int MaxWeeklyFrequency = 168;
    public const int MaxDurationMinutes = 1440;

    private List<Airline> _airlines = [];

    public Flight(string originAirport, string destinationAirport, FlightStatus status, IEnumerable<Airline> airlines, int weeklyFrequency)
    {
        SetRoute(originAirport, destinationAirport);
        SetService(status, airlines, weeklyFrequency);
    }

    private Flight()
    {
        OriginAirport = DestinationAirport = string.Empty;
    }

    public string OriginAirport { get; private set; }
    public string DestinationAirport { get; private set; }
    public FlightStatus Status { get; private set; }
    public int WeeklyFrequency { get; private set; }
    public int? DurationMinutes { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    public IReadOnlyList<Airline> Airlines
    {
        get => _airlines;
        private set => _airlines = [.. value];
    }

    public static bool IsAirlineCode(string? code) => code is not null && AirlineCodePattern().IsMatch(code);

    public static bool IsAirportCode(string? code) => code is not null && AirportCodePattern().IsMatch(code);

    [MemberNotNull(nameof(OriginAirport), nameof(DestinationAirport))]
    public void SetRoute(string originAirport, string destinationAirport)
    {
        if (!IsAirportCode(originAirport))
        {
            throw new DomainRuleException("originAirport", $"'{originAirport}' is not an IATA airport code (three letters).");
        }
        if (!IsAirportCode(destinationAirport))
        {
            throw new DomainRuleException("destinationAirport", $"'{destinationAirport}' is not an IATA airport code (three letters).");
        }
        if (originAirport == destinationAirport)
        {
            throw new DomainRuleException("destinationAirport", "'destinationAirport' must differ from 'originAirport'.");
        }
        (OriginAirport, DestinationAirport) = (originAirport, destinationAirport);
    }

    /// <summary>Status, airlines and frequency change together: an operating service names at least one airline.</summary>
    public void SetService(FlightStatus status, IEnumerable<Airline> airlines, int weeklyFrequency)
    {
        var list = airlines.ToList();
        if (list.Count > MaxAirlines)
        {
            throw new DomainRuleException("airlines", $"A service lists at most {MaxAirlines} airlines.");
        }
        if (Guard.Defined("status", status) == FlightStatus.Operating && list.Count == 0)
        {
            throw new DomainRuleException("airlines", "An operating service names at least one airline.");
        }
        if (weeklyFrequency is < 0 or > MaxWeeklyFrequency)
        {
            throw new DomainRuleException("weeklyFrequency", $"'weeklyFrequency' must be 0..{MaxWeeklyFrequency}.");
        }
        (Status, _airlines, WeeklyFrequency) = (status, list, weeklyFrequency);
    }

    public void SetSchedule(int? durationMinutes, DateOnly? validFrom, DateOnly? validTo)
    {
        if (durationMinutes is < 1 or > MaxDurationMinutes)
        {
            throw new DomainRuleException("durationMinutes", $"'durationMinutes' must be 1..{MaxDurationMinutes}.");
        }
        if (validFrom is not null && validTo < validFrom)
        {
            throw new DomainRuleException("validTo", "'validTo' must not be before 'validFrom'.");
        }
        (DurationMinutes, ValidFrom, ValidTo) = (durationMinutes, validFrom, validTo);
    }

    [GeneratedRegex(@"^[A-Z0-9]{2}\z")]
    private static partial Regex AirlineCodePattern();

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex AirportCodePattern();
}
