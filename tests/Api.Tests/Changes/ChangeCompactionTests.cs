using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Changes;

/// <summary>
/// Compaction of the change log: superseded entries older than the minimum age go, the feed from the start still
/// rebuilds the data, and a reader whose cursor is behind a removed entry is told so.
/// </summary>
public sealed class ChangeCompactionTests : IDisposable
{

    // A database of its own, without the background compaction, so that each test compacts when it means to.
    private readonly ApiFactory _api = new() { Settings = { ["ChangeLog:Compaction:Enabled"] = "false" } };
    private readonly HttpClient _client;

    public ChangeCompactionTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Compaction_RemovesOnlySupersededEntriesOlderThanTheAge_KeepingLatestEntriesAndTombstones()
    {
        var edited = await CreateEventAsync("Edited twice");
        await _client.PatchAsync($"/api/v1/events/{edited.Id}", """{"summary":"First edit"}""");
        var deleted = await CreateEventAsync("Deleted");
        await _client.DeleteAsync($"/api/v1/events/{deleted.Id}", ifMatch: null);
        await BackdateAsync(TimeSpan.FromDays(40));   // everything so far is old
        await _client.PatchAsync($"/api/v1/events/{edited.Id}", """{"summary":"Second edit"}""");
        var young = await CreateEventAsync("Young");
        await _client.PatchAsync($"/api/v1/events/{young.Id}", """{"summary":"Young edit"}""");

        var result = await CompactAsync(TimeSpan.FromDays(30));

        var feed = await ReadAllAsync("");
        Assert.Equal(3, result.Removed);
        Assert.Equal([("updated", 3)], Entries(feed, edited.Id));
        Assert.Equal([("deleted", 1)], Entries(feed, deleted.Id));
        Assert.Equal([("created", 1), ("updated", 2)], Entries(feed, young.Id));
        Assert.Equal(feed.Count, feed.Select(c => (c.Resource, c.Id)).Distinct().Count() + 1);   // only the young record has two
    }

    [Fact]
    public async Task Compaction_LeavesEntriesYoungerThanTheAge()
    {
        var edited = await CreateEventAsync("Edited recently");
        await _client.PatchAsync($"/api/v1/events/{edited.Id}", """{"summary":"Edit"}""");

        var result = await CompactAsync(TimeSpan.FromDays(30));

        Assert.Equal(0, result.Removed);
        Assert.Equal([("created", 1), ("updated", 2)], Entries(await ReadAllAsync(""), edited.Id));
    }

    [Fact]
    public async Task ReplayingTheFeedFromTheStart_AfterCompaction_RebuildsExactlyTheCurrentData()
    {
        var trade = await (await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2004, "8703"))).ReadAsync<TradeRecordResponse>();
        await _client.PutJsonAsync($"/api/v1/trade-records/{trade.Id}", Bodies.TradeRecord(2004, "8703", valueUsd: 99m));
        var flight = await (await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("CIT", "ICN"))).ReadAsync<FlightResponse>();
        await _client.DeleteAsync($"/api/v1/flights/{flight.Id}", ifMatch: null);
        var kept = await CreateEventAsync("Kept event");
        await _client.PatchAsync($"/api/v1/events/{kept.Id}", """{"summary":"Edited"}""");
        await BackdateAsync(TimeSpan.FromDays(40));
        await _client.PatchAsync($"/api/v1/events/{kept.Id}", """{"summary":"Edited again"}""");

        var result = await CompactAsync(TimeSpan.FromDays(30));

        Assert.True(result.Removed >= 4, $"removed {result.Removed}");
        var replayed = FeedReplay.Replay(await ReadAllAsync("&limit=3"), compacted: true);
        FeedReplay.AssertSame(await FeedReplay.CurrentAsync(_client), replayed);
    }

    [Fact]
    public async Task ACursorBehindARemovedEntry_Gets410_WhileFreshAndUnaffectedCursorsReadOn()
    {
        var stale = await _client.ChangeFeedEndAsync();
        var edited = await CreateEventAsync("Edited before the cursor");
        await _client.PatchAsync($"/api/v1/events/{edited.Id}", """{"summary":"Edit"}""");
        var unaffected = await _client.ChangeFeedEndAsync();
        await BackdateAsync(TimeSpan.FromDays(40));
        await CompactAsync(TimeSpan.FromDays(30));
        await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("NQZ", "PUS"));

        var gone = await _client.GetAsync($"/api/v1/changes?after={stale}", Cancel);
        var otherResource = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={stale}&resource=flights");
        var readOn = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={unaffected}");
        var fresh = await _client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000");

        var problem = await gone.ReadProblemAsync(HttpStatusCode.Gone, Problems.ChangesCompacted);
        Assert.Contains("from the start", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(["flights"], otherResource.Items.Select(c => c.Resource));   // no flight entry was removed after it
        Assert.Equal(["flights"], readOn.Items.Select(c => c.Resource));
        Assert.Contains(fresh.Items, c => c.Resource == "events" && c.Id == edited.Id && c.Operation == "updated");
        Assert.DoesNotContain(fresh.Items, c => c.Resource == "events" && c.Id == edited.Id && c.Operation == "created");
        var described = await _client.GetJsonAsync<JsonObject>("/problems/changes-compacted");
        Assert.Equal("/problems/changes-compacted", (string?)described["type"]);
    }

    [Fact]
    public async Task TheBackgroundService_CompactsEveryInterval()
    {
        using var api = new ApiFactory
        {
            Settings = { ["ChangeLog:Compaction:MinimumAge"] = "00:00:00", ["ChangeLog:Compaction:Interval"] = "00:00:00.200" },
        };
        var client = api.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/events", Bodies.Event("Compacted soon"))).ReadAsync<EventResponse>();
        await client.PatchAsync($"/api/v1/events/{created.Id}", """{"summary":"Edit"}""");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<(string, int)> entries;
        do
        {
            await Task.Delay(100, Cancel);
            entries = Entries((await client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000&resource=events")).Items, created.Id);
        }
        while (entries.Count > 1 && DateTime.UtcNow < deadline);

        Assert.Equal([("updated", 2)], entries);
    }

    [Fact]
    public async Task TheBackgroundService_WhenDisabled_RemovesNothing()
    {
        using var api = new ApiFactory
        {
            Settings =
            {
                ["ChangeLog:Compaction:Enabled"] = "false",
                ["ChangeLog:Compaction:MinimumAge"] = "00:00:00",
                ["ChangeLog:Compaction:Interval"] = "00:00:00.100",
            },
        };
        var client = api.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/events", Bodies.Event("Never compacted"))).ReadAsync<EventResponse>();
        await client.PatchAsync($"/api/v1/events/{created.Id}", """{"summary":"Edit"}""");

        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);

        var entries = Entries((await client.GetJsonAsync<ChangePage>("/api/v1/changes?limit=1000&resource=events")).Items, created.Id);
        Assert.Equal([("created", 1), ("updated", 2)], entries);
    }

    private static List<(string, int)> Entries(IEnumerable<ChangeResponse> feed, int eventId) =>
        [.. feed.Where(c => c.Resource == "events" && c.Id == eventId).Select(c => (c.Operation, c.Version))];

    private async Task<EventResponse> CreateEventAsync(string title) =>
        await (await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title))).ReadAsync<EventResponse>();

    /// <summary>Makes every change so far look <paramref name="age"/> old, as if the API had run that long since.</summary>
    private async Task BackdateAsync(TimeSpan age)
    {
        await using var connection = await _api.OpenDatabaseAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "Changes" SET "ChangedAt" = @at""";
        var at = command.CreateParameter();
        at.ParameterName = "@at";
        at.Value = DateTime.UtcNow - age;
        command.Parameters.Add(at);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<CompactionResult> CompactAsync(TimeSpan minimumAge)
    {
        await using var scope = _api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        return await ChangeLogCompaction.CompactAsync(db, DateTime.UtcNow - minimumAge, Cancel);
    }

    private async Task<List<ChangeResponse>> ReadAllAsync(string query)
    {
        var all = new List<ChangeResponse>();
        string? cursor = null;
        while (true)
        {
            var page = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?{(cursor is null ? "" : "after=" + cursor)}{query}");
            all.AddRange(page.Items);
            cursor = page.NextCursor;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }
}
