using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Changes;

/// <summary>The change feed as a partner keeping a copy in step reads it.</summary>
public sealed class ChangeFeedTests : IDisposable
{

    // A database of its own: the replay test compares the whole of it.
    private readonly ApiFactory _api = new();
    private readonly HttpClient _client;

    public ChangeFeedTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task ANewDatabase_StartsWithTheSeedAsCreatedChanges()
    {
        var feed = await ReadAllAsync("");

        Assert.NotEmpty(feed);
        Assert.All(feed, c => Assert.Equal("created", c.Operation));
        Assert.Equal(FeedReplay.Resources.Order(), feed.Select(c => c.Resource).Distinct().Order());
        Assert.All(feed, c => Assert.Equal(c.Id, c.Data!.Value.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Writes_AppearInCommitOrder_WithVersions_AndADeletionAsATombstone()
    {
        var start = await _client.ChangeFeedEndAsync();
        var created = await (await _client.PostJsonAsync("/api/v1/events", Bodies.Event("Feed event"))).ReadAsync<EventResponse>();
        await _client.PatchAsync($"/api/v1/events/{created.Id}", """{"summary":"Edited"}""");
        await _client.DeleteAsync($"/api/v1/events/{created.Id}", ifMatch: null);

        var page = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}");

        Assert.Equal(["created", "updated", "deleted"], page.Items.Select(c => c.Operation));
        Assert.All(page.Items, c => Assert.Equal((created.Id, "events"), (c.Id, c.Resource)));
        Assert.Equal([1, 2, 2], page.Items.Select(c => c.Version));
        Assert.Equal("Edited", page.Items[1].Data!.Value.GetProperty("summary").GetString());
        Assert.Null(page.Items[2].Data);
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task AnImport_AppearsAsOneCreatedChangePerRow_InTheOrderOfItsRows()
    {
        var start = await _client.ChangeFeedEndAsync();
        // More rows than the import saves at once, so that the entries come from several saves of one transaction.
        var titles = Enumerable.Range(1, 1234).Select(i => $"Imported feed event {i}").ToArray();

        var imported = await _client.PostJsonAsync("/api/v1/events/import", titles.Select(t => Bodies.Event(t)).ToArray());
        var feed = new List<ChangeResponse>();
        for (var cursor = start; ;)
        {
            var page = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={cursor}&limit=1000");
            feed.AddRange(page.Items);
            if (!page.HasMore)
            {
                break;
            }
            cursor = page.NextCursor!;
        }

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(titles, feed.Select(c => c.Data!.Value.GetProperty("title").GetString()));
        Assert.All(feed, c => Assert.Equal(("created", "events", 1, c.Id), (c.Operation, c.Resource, c.Version, c.Data!.Value.GetProperty("id").GetInt32())));
        Assert.Equal(feed.Select(c => c.Id).Order(), feed.Select(c => c.Id));
        Assert.True(feed.Zip(feed.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task ARejectedWrite_LeavesNoChange()
    {
        var body = Bodies.TradeRecord(2003, "5201");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/trade-records", body)).StatusCode);
        var start = await _client.ChangeFeedEndAsync();

        var duplicate = await _client.PostJsonAsync("/api/v1/trade-records", body);
        var stale = await _client.DeleteAsync("/api/v1/trade-records/1", ifMatch: "\"999\"");

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Empty((await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}")).Items);
    }

    [Fact]
    public async Task ACreatedRecord_IsLoggedAsTheApiShowsIt_AndFoundBySearch_InTheSameCommit()
    {
        var start = await _client.ChangeFeedEndAsync();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var body = new TradeRecordWrite
        {
            ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Import, Year = 2005, HsCode = "870322", Commodity = $"Cars {tag}",
            ValueUsd = 8_700_322.15m, Sources = [Bodies.Source],
        };
        var created = await (await _client.PostJsonAsync("/api/v1/trade-records", body)).ReadAsync<TradeRecordResponse>();

        var shown = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/trade-records/{created.Id}", TestContext.Current.CancellationToken));
        var entry = Assert.Single((await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}")).Items);
        var search = await _client.GetJsonAsync<JsonElement>($"/api/v1/search?q={tag}&resources=trade-records");

        Assert.Equal(("trade-records", created.Id, "created", 1), (entry.Resource, entry.Id, entry.Operation, entry.Version));
        Assert.True(JsonNode.DeepEquals(shown, JsonNode.Parse(entry.Data!.Value.GetRawText())), $"{shown} vs {entry.Data}");
        Assert.Equal(created.Id, search.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task ReadingInSmallPages_GivesTheSameChangesAsOneLargePage()
    {
        await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("NQZ", "PUS"));

        var whole = await _client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000");
        var paged = await ReadAllAsync("&limit=2");

        Assert.Equal(whole.Items.Select(c => c.Sequence), paged.Select(c => c.Sequence));
    }

    [Fact]
    public async Task TheResourceFilter_KeepsOnlyThoseResources()
    {
        var feed = await ReadAllAsync("&resource=flights,agreements");

        Assert.NotEmpty(feed);
        Assert.All(feed, c => Assert.Contains(c.Resource, new[] { "flights", "agreements" }));
    }

    [Fact]
    public async Task ReplayingTheFeed_RebuildsExactlyTheCurrentData()
    {
        var trade = await (await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2004, "8703"))).ReadAsync<TradeRecordResponse>();
        await _client.PutJsonAsync($"/api/v1/trade-records/{trade.Id}", Bodies.TradeRecord(2004, "8703", valueUsd: 99m));
        var flight = await (await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("CIT", "ICN"))).ReadAsync<FlightResponse>();
        await _client.DeleteAsync($"/api/v1/flights/{flight.Id}", ifMatch: null);
        await _client.PostJsonAsync("/api/v1/events", Bodies.Event("Kept event"));

        var replayed = FeedReplay.Replay(await ReadAllAsync("&limit=3"));
        FeedReplay.AssertSame(await FeedReplay.CurrentAsync(_client), replayed);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=czE%3D%3D%3D", "after")]
    [InlineData("resource=events,people", "resource")]
    public async Task BadParameters_Are400NamingTheParameter(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/changes?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task AtTheEnd_NextCursorStaysPut_AndPicksUpTheNextChange()
    {
        var end = await _client.ChangeFeedEndAsync();

        var empty = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={end}");
        await _client.PostJsonAsync("/api/v1/agreements", Bodies.Agreement("After the end"));
        var next = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={empty.NextCursor}");

        Assert.Empty(empty.Items);
        Assert.Equal(end, empty.NextCursor);
        Assert.Equal(["agreements"], next.Items.Select(c => c.Resource));
    }

    private async Task<List<ChangeResponse>> ReadAllAsync(string query)
    {
        var all = new List<ChangeResponse>();
        string? cursor = null;
        while (true)
        {
            var page = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?{(cursor is null ? "" : "after=" + cursor)}{query}");
            all.AddRange(page.Items);
            cursor = page.NextCursor!;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }
}
