using System.Globalization;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Domain.Tests.Flights;

public sealed class FlightTests
{
    private static readonly Airline AirAstana = new("KC", "Air Astana");

    [Fact]
    public void Constructor_ValidArguments_SetsFields()
    {
        var flight = new Flight("ALA", "ICN", FlightStatus.Operating, [AirAstana], 7);

        Assert.Equal("ALA", flight.OriginAirport);
        Assert.Equal("ICN", flight.DestinationAirport);
        Assert.Equal(FlightStatus.Operating, flight.Status);
        Assert.Equal([AirAstana], flight.Airlines);
        Assert.Equal(7, flight.WeeklyFrequency);
    }

    [Fact]
    public void Constructor_SameOriginAndDestination_ThrowsForDestinationAirport()
    {
        var act = () => new Flight("ALA", "ALA", FlightStatus.Operating, [AirAstana], 7);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("destinationAirport", exception.Field);
    }

    [Theory]
    [InlineData("ala", "ICN", "originAirport")]
    [InlineData("ALA\n", "ICN", "originAirport")]
    [InlineData("ALA", "ICN\n", "destinationAirport")]
    [InlineData("Ala", "ICN", "originAirport")]
    [InlineData("AL", "ICN", "originAirport")]
    [InlineData("ALAX", "ICN", "originAirport")]
    [InlineData("A1A", "ICN", "originAirport")]
    [InlineData("", "ICN", "originAirport")]
    [InlineData("ALA", "icn", "destinationAirport")]
    [InlineData("ALA", "IC", "destinationAirport")]
    public void SetRoute_MalformedAirportCode_ThrowsForThatAirport(string origin, string destination, string field)
    {
        var flight = NewFlight();

        var act = () => flight.SetRoute(origin, destination);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public void Constructor_OperatingWithoutAirline_ThrowsForAirlines()
    {
        var act = () => new Flight("ALA", "ICN", FlightStatus.Operating, [], 7);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("airlines", exception.Field);
    }

    [Theory]
    [InlineData(FlightStatus.Planned)]
    [InlineData(FlightStatus.Suspended)]
    [InlineData(FlightStatus.Discontinued)]
    public void Constructor_NotOperatingWithoutAirline_IsAccepted(FlightStatus status)
    {
        var flight = new Flight("TSE", "ICN", status, [], 0);

        Assert.Equal(status, flight.Status);
        Assert.Empty(flight.Airlines);
    }

    [Fact]
    public void SetService_MoreThanTenAirlines_ThrowsForAirlines()
    {
        var flight = NewFlight();
        var airlines = Enumerable.Range(10, Flight.MaxAirlines + 1).Select(i => new Airline($"{i}", $"Airline {i}")).ToList();

        var act = () => flight.SetService(FlightStatus.Operating, airlines, 7);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("airlines", exception.Field);
    }

    [Fact]
    public void SetService_UndefinedStatus_ThrowsForStatus()
    {
        var flight = NewFlight();

        var act = () => flight.SetService((FlightStatus)99, [AirAstana], 7);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("status", exception.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(169)]
    public void SetService_WeeklyFrequencyOutOfRange_ThrowsForWeeklyFrequency(int weeklyFrequency)
    {
        var flight = NewFlight();

        var act = () => flight.SetService(FlightStatus.Operating, [AirAstana], weeklyFrequency);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("weeklyFrequency", exception.Field);
        Assert.Equal(7, flight.WeeklyFrequency);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(168)]
    public void SetService_WeeklyFrequencyAtBounds_IsAccepted(int weeklyFrequency)
    {
        var flight = NewFlight();

        flight.SetService(FlightStatus.Operating, [AirAstana], weeklyFrequency);

        Assert.Equal(weeklyFrequency, flight.WeeklyFrequency);
    }

    [Fact]
    public void SetSchedule_ValidToBeforeValidFrom_ThrowsForValidTo()
    {
        var flight = NewFlight();

        var act = () => flight.SetSchedule(420, new DateOnly(2024, 6, 1), new DateOnly(2024, 5, 31));

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("validTo", exception.Field);
    }

    [Theory]
    [InlineData("2024-06-01", "2024-06-01")]
    [InlineData("2024-06-01", "2024-10-26")]
    [InlineData("2024-06-01", null)]
    [InlineData(null, "2024-10-26")]
    [InlineData(null, null)]
    public void SetSchedule_ValidPeriod_IsAccepted(string? validFrom, string? validTo)
    {
        var flight = NewFlight();
        var from = validFrom is null ? (DateOnly?)null : DateOnly.ParseExact(validFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = validTo is null ? (DateOnly?)null : DateOnly.ParseExact(validTo, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        flight.SetSchedule(420, from, to);

        Assert.Equal(420, flight.DurationMinutes);
        Assert.Equal(from, flight.ValidFrom);
        Assert.Equal(to, flight.ValidTo);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1441)]
    public void SetSchedule_DurationOutOfRange_ThrowsForDurationMinutes(int durationMinutes)
    {
        var flight = NewFlight();

        var act = () => flight.SetSchedule(durationMinutes, null, null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("durationMinutes", exception.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1440)]
    [InlineData(null)]
    public void SetSchedule_DurationInRangeOrUnknown_IsAccepted(int? durationMinutes)
    {
        var flight = NewFlight();

        flight.SetSchedule(durationMinutes, null, null);

        Assert.Equal(durationMinutes, flight.DurationMinutes);
    }

    [Theory]
    [InlineData("k1")]
    [InlineData("kc")]
    [InlineData("K")]
    [InlineData("KCA")]
    [InlineData("")]
    public void AirlineConstructor_MalformedCode_ThrowsForCode(string code)
    {
        var act = () => new Airline(code, "Some airline");

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("code", exception.Field);
    }

    [Theory]
    [InlineData("7C", "Jeju Air")]
    [InlineData("KC", "Air Astana")]
    [InlineData("KE", "Korean Air")]
    public void AirlineConstructor_ValidCode_IsAccepted(string code, string name)
    {
        var airline = new Airline(code, name);

        Assert.Equal(code, airline.Code);
        Assert.Equal(name, airline.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void AirlineConstructor_BlankName_ThrowsForName(string name)
    {
        var act = () => new Airline("KC", name);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("name", exception.Field);
    }

    private static Flight NewFlight() => new("ALA", "ICN", FlightStatus.Operating, [AirAstana], 7);
}
