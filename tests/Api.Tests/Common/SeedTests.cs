using System.Net;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Flights;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Common;

/// <summary>A new database starts with the seed article's facts, once, and a restart keeps what users did to them.</summary>
public sealed class SeedTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    private static async Task<List<T>> AllAsync<T>(HttpClient client, string resource) =>
        (await client.GetJsonAsync<ListPage<T>>($"/api/v1/{resource}?pageSize=100")).Items.ToList();

    [Fact]
    public async Task NewDatabase_HoldsTheArticlesFactsAsPreciseAsTheArticle()
    {
        var client = _api.CreateClient();

        var events = await AllAsync<EventResponse>(client, "events");
        var flights = await AllAsync<FlightResponse>(client, "flights");
        var trade = await AllAsync<TradeRecordResponse>(client, "trade-records");
        var agreements = await AllAsync<AgreementResponse>(client, "agreements");

        var reception = Assert.Single(events, e => e.Title.Contains("Republic Day", StringComparison.Ordinal));
        Assert.Equal(("2023-10-25", "KR", "Seoul", "Lotte Hotel, Jung-gu"), (reception.Date.ToString(), reception.CountryCode, reception.City, reception.Venue));
        Assert.Equal(["1991-12-16", "1992", "1993", "1996", "2023-10-25"], events.Select(e => e.Date.ToString()).Order());

        var almaty = Assert.Single(flights, f => f.OriginAirport == "ALA");
        Assert.Equal((FlightStatus.Operating, 11, 360), (almaty.Status, almaty.WeeklyFrequency, almaty.DurationMinutes));
        Assert.Equal(["KC", "OZ"], almaty.Airlines.Select(a => a.Code));
        var astana = Assert.Single(flights, f => f.OriginAirport == "NQZ");
        Assert.Equal((FlightStatus.Planned, "SEL"), (astana.Status, astana.DestinationAirport));

        var record = Assert.Single(trade);
        Assert.Equal((TradeFlow.Turnover, 2022, (int?)null, (string?)null, 6_530_000_000m), (record.Flow, record.Year, record.Month, record.HsCode, record.ValueUsd));

        Assert.Equal(AgreementStatus.UnderNegotiation, Assert.Single(agreements, a => a.Title.Contains("TIPF", StringComparison.Ordinal)).Status);
        Assert.Single(agreements, a => a.Title.Contains("Visa-free", StringComparison.Ordinal));
        Assert.Single(agreements, a => a.Title.Contains("mineral", StringComparison.Ordinal));

        var sources = events.SelectMany(e => e.Sources).Concat(flights.SelectMany(f => f.Sources))
            .Concat(trade.SelectMany(t => t.Sources)).Concat(agreements.SelectMany(a => a.Sources)).ToList();
        Assert.Equal(events.Count + flights.Count + trade.Count + agreements.Count, sources.Count);
        Assert.All(sources, s => Assert.Equal(new DateOnly(2023, 11, 2), s.PublishedOn));
    }

    [Fact]
    public async Task Restart_DoesNotDuplicateOrRestoreSeedData()
    {
        var client = _api.CreateClient();
        var reception = (await AllAsync<EventResponse>(client, "events")).Single(e => e.Date.ToString() == "2023-10-25");
        var independence = (await AllAsync<EventResponse>(client, "events")).Single(e => e.Date.ToString() == "1991-12-16");
        var edited = await client.PatchAsync($"/api/v1/events/{reception.Id}", """{"summary":"Edited by a user"}""");
        var deleted = await client.DeleteAsync($"/api/v1/events/{independence.Id}", ifMatch: null);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent), (edited.StatusCode, deleted.StatusCode));

        using var restarted = _api.Restart();
        var after = await AllAsync<EventResponse>(restarted.CreateClient(), "events");

        Assert.Equal(4, after.Count);
        Assert.Equal("Edited by a user", after.Single(e => e.Id == reception.Id).Summary);
        Assert.DoesNotContain(after, e => e.Id == independence.Id);
        Assert.Equal(2, (await AllAsync<FlightResponse>(restarted.CreateClient(), "flights")).Count);
    }
}
