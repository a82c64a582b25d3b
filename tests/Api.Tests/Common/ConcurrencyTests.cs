using System.Net;
using RelationsApi.Api.Common;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;

namespace RelationsApi.Api.Tests.Common;

/// <summary>Concurrent writers: exactly one wins a race for a version or a key, no update is lost, nothing fails with 500.</summary>
public sealed class ConcurrencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ConcurrentReplaces_WithTheSameIfMatch_OneWinsTheRestGet412()
    {
        var created = await (await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("KUF", "GMP"))).ReadAsync<FlightResponse>();

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
        {
            var body = Bodies.Flight("KUF", "GMP");
            body = new FlightWrite
            {
                OriginAirport = body.OriginAirport, DestinationAirport = body.DestinationAirport, Airlines = body.Airlines,
                Status = body.Status, WeeklyFrequency = i,
            };
            return _client.PutJsonAsync($"/api/v1/flights/{created.Id}", body, ifMatch: "\"1\"");
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var stored = await _client.GetJsonAsync<FlightResponse>($"/api/v1/flights/{created.Id}");
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task ConcurrentPatches_WithoutIfMatch_AllApplyAndEachMakesAVersion()
    {
        var created = await (await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("KUF", "CJU"))).ReadAsync<FlightResponse>();

        var responses = await Task.WhenAll(Enumerable.Range(1, 15).Select(i =>
            _client.PatchAsync($"/api/v1/flights/{created.Id}", $$"""{"weeklyFrequency":{{i}}}""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var versions = (await Task.WhenAll(responses.Select(r => r.ReadAsync<FlightResponse>()))).Select(f => f.Version).Order();
        Assert.Equal(Enumerable.Range(2, 15), versions);
        Assert.Equal(16, (await _client.GetJsonAsync<FlightResponse>($"/api/v1/flights/{created.Id}")).Version);
    }

    [Fact]
    public async Task ConcurrentCreates_OfTheSameTradeKey_OneWinsTheRestGet409()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(_ =>
            _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2011, hsCode: "090111"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var page = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2011&hsCode=090111");
        Assert.Equal(1, page.TotalCount);
    }
}
