using System.Net;
using System.Text.Json;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

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

    [Fact]
    public async Task ConcurrentWrites_WhereSomeFailAfterWriting_KeepEveryOtherWrite_AndNothingOfTheFailedOnes()
    {
        // Writers that queue together may share one transaction (SQLite's do): a failed write must take back its own
        // rows and nothing else, and every write answered 201 must be stored and in the feed.
        static TradeRecordWrite Trade(string hsCode, string? externalId = null) => new()
        {
            ReporterCountry = "KR", PartnerCountry = "KZ", Flow = TradeFlow.Import, Year = 2013, HsCode = hsCode,
            ValueUsd = 10m, ExternalId = externalId, Sources = [Bodies.Source],
        };
        var existing = Trade("091000", "concurrency-existing");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/trade-records", existing)).StatusCode);
        var start = await _client.ChangeFeedEndAsync();

        // An insert-mode import writes its first row, then finds its second clashing with the existing record's externalId.
        var writes = Enumerable.Range(0, 30).Select(i => (i % 5) switch
        {
            3 => (Kind: "import", Response: _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import?mode=insert",
                JsonSerializer.Serialize(new[] { Trade($"0912{i:D2}"), Trade($"0913{i:D2}", existing.ExternalId) }, HttpClientExtensions.Json))),
            4 => (Kind: "duplicate", Response: _client.PostJsonAsync("/api/v1/trade-records", existing)),
            _ => (Kind: "create", Response: _client.PostJsonAsync("/api/v1/trade-records", Trade($"0911{i:D2}"))),
        }).ToArray();
        await Task.WhenAll(writes.Select(w => w.Response));

        HttpStatusCode StatusOf(string kind) => writes.Where(w => w.Kind == kind).Select(w => w.Response.Result.StatusCode).Distinct().Single();
        Assert.Equal(HttpStatusCode.Created, StatusOf("create"));
        Assert.Equal(HttpStatusCode.BadRequest, StatusOf("import"));
        Assert.Equal(HttpStatusCode.Conflict, StatusOf("duplicate"));
        var created = await Task.WhenAll(writes.Where(w => w.Kind == "create").Select(w => w.Response.Result.ReadAsync<TradeRecordResponse>()));
        foreach (var record in created)
        {
            Assert.Equal(record.HsCode, (await _client.GetJsonAsync<TradeRecordResponse>($"/api/v1/trade-records/{record.Id}")).HsCode);
        }
        var stored = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2013&limit=100");
        Assert.Equal(created.Select(r => r.HsCode).Append(existing.HsCode).Order(), stored.Items.Select(r => r.HsCode).Order());
        var feed = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}&limit=1000");
        Assert.Equal(created.Select(r => r.Id).Order(), feed.Items.Select(c => c.Id).Order());
        Assert.All(feed.Items, c => Assert.Equal(("trade-records", "created"), (c.Resource, c.Operation)));
    }
}
