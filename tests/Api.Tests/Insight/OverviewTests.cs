using System.Net;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>GET /api/v1/stats/overview over a database of its own, holding the seed until a test adds to it.</summary>
public sealed class OverviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/stats/overview";
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Overview_AgreesWithTheOtherAnswers()
    {
        var overview = await _client.GetJsonAsync<Overview>(Path);
        var connectivity = await _client.GetJsonAsync<Connectivity>("/api/v1/stats/connectivity");
        var anniversaries = await _client.GetJsonAsync<AnniversaryList>("/api/v1/anniversaries");
        var feed = await _client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000");

        Assert.Equal(new OverviewTrade(2022, 6_530_000_000.00m, null, null, TradeValueBasis.Reported, "KZ"), overview.Trade);
        Assert.Equal(new OverviewConnectivity(connectivity.WeeklyFlights, connectivity.Routes.Count, connectivity.ByAirline.Count), overview.Connectivity);
        Assert.Equal(anniversaries.Items.FirstOrDefault(), overview.NextAnniversary);
        Assert.Equal(feed.Items[^1].ChangedAt, overview.LastChangedAt);
        foreach (var (resource, count) in new[] { ("events", overview.Counts.Events), ("flights", overview.Counts.Flights), ("trade-records", overview.Counts.TradeRecords), ("agreements", overview.Counts.Agreements) })
        {
            var list = await _client.GetJsonAsync<global::RelationsApi.Api.Common.ListPage<System.Text.Json.JsonElement>>($"/api/v1/{resource}?pageSize=1");
            Assert.Equal(list.TotalCount, count);
        }
    }

    [Fact]
    public async Task Overview_AfterADeletion_HasANewETagAndChangeTime()
    {
        var before = await _client.GetAsync(Path, TestHelpers.Cancel);
        var created = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: "Short-lived event"));

        var deleted = await _client.DeleteAsync(created.Headers.Location!.ToString(), ifMatch: null);
        var after = await _client.GetAsync(Path, ifNoneMatch: before.Headers.ETag!.ToString());
        var feed = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={await _client.ChangeFeedEndAsync()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Empty(feed.Items);
        var latest = (await _client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000")).Items[^1];
        Assert.Equal("deleted", latest.Operation);
        Assert.Equal(latest.ChangedAt, (await after.ReadAsync<Overview>()).LastChangedAt);
    }

    [Fact]
    public async Task Overview_LastChangedAt_IsTheChangeFeeds_NotAKeysMaking()
    {
        await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: "Latest record change"));
        var latest = (await _client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000")).Items[^1];
        var admin = api.CreateAnonymousClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);

        var made = await admin.PostJsonAsync("/api/v1/admin/keys", new { name = $"overview-{Guid.NewGuid():N}"[..20], scope = "write" });
        var overview = await _client.GetJsonAsync<Overview>(Path);

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(latest.ChangedAt, overview.LastChangedAt);
    }

    [Fact]
    public async Task Overview_WithoutKzTurnover_ShowsKrs()
    {
        using var own = new ApiFactory();
        var client = own.CreateClient();
        var seeded = await client.GetJsonAsync<global::RelationsApi.Api.Common.ListPage<TradeRecordResponse>>("/api/v1/trade-records?reporterCountry=KZ&flow=turnover");
        await client.DeleteAsync($"/api/v1/trade-records/{Assert.Single(seeded.Items).Id}", ifMatch: null);
        foreach (var (flow, value) in new[] { (TradeFlow.Export, 2m), (TradeFlow.Import, 3m) })
        {
            var response = await client.PostJsonAsync("/api/v1/trade-records", new TradeRecordWrite
            {
                ReporterCountry = "KR", PartnerCountry = "KZ", Flow = flow, Year = 2021, ValueUsd = value, Sources = [Bodies.Source],
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var overview = await client.GetJsonAsync<Overview>(Path);

        Assert.Equal(new OverviewTrade(2021, 5m, null, null, TradeValueBasis.ExportPlusImport, "KR"), overview.Trade);
    }
}
