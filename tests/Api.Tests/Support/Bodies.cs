using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.Flights;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Support;

/// <summary>Valid write bodies to start from; tests change what they are about with `with`-style object initialisers.</summary>
public static class Bodies
{
    public static readonly SourceWrite Source = new() { Name = "Test source", Url = "https://example.org/article", PublishedOn = new DateOnly(2024, 1, 15) };

    public static EventWrite Event(string title = "Test event", string date = "2024-05-10", string countryCode = "KZ", string? summary = null) => new()
    {
        Title = title,
        Summary = summary,
        Category = EventCategory.Cultural,
        Date = PartialDate.Parse(date),
        CountryCode = countryCode,
        City = "Almaty",
        Participants = ["Test participant"],
        Sources = [Source],
    };

    public static FlightWrite Flight(string origin = "ALA", string destination = "ICN") => new()
    {
        OriginAirport = origin,
        DestinationAirport = destination,
        Airlines = [new AirlineWrite { Code = "KC", Name = "Air Astana" }],
        WeeklyFrequency = 7,
        DurationMinutes = 360,
        Status = FlightStatus.Operating,
        Sources = [Source],
    };

    /// <summary>A trade record with a key no other test uses: a year and HS code of its own.</summary>
    public static TradeRecordWrite TradeRecord(int year, string? hsCode = null, decimal valueUsd = 1234.56m) => new()
    {
        ReporterCountry = "KR",
        PartnerCountry = "KZ",
        Flow = TradeFlow.Export,
        Year = year,
        HsCode = hsCode,
        ValueUsd = valueUsd,
        Sources = [Source],
    };

    public static AgreementWrite Agreement(string title = "Test agreement") => new()
    {
        Title = title,
        Type = AgreementType.Memorandum,
        Status = AgreementStatus.Signed,
        SignedDate = PartialDate.Parse("2019-04"),
        Sources = [Source],
    };
}
