using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Access;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Persistence;

/// <summary>
/// Two API processes on one database, as replicas behind a load balancer: on PostgreSQL both serve, and what one
/// writes the other counts, lists, feeds and enforces at once. On SQLite a second server refuses to start, and the
/// process that may run beside the server (a maintenance verb) is enforced at once too.
/// </summary>
public sealed class TwoInstancesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
        private const int WritersPerInstance = 2;
    private const int RoundsPerWriter = 12;

    [Fact]
    public async Task ConcurrentWritesThroughBoth_AreFedInCommitOrder_ReplayToTheData_AndCountAlike()
    {
        var a = api.CreateClient();
        if (api.Engine == DatabaseEngine.Sqlite)
        {
            // One process per SQLite file: the second refuses to start, and the first goes on serving.
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(api.ProcessEnvironment, Cancel));
            Assert.Contains("in use by another API process", refused.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/health/ready", Cancel)).StatusCode);
            return;
        }
        await using var other = await ApiProcess.StartAsync(api.ProcessEnvironment, Cancel);
        using var b = other.CreateClient(api.WriteKey);
        HttpClient[] instances = [a, b];
        var start = await a.ChangeFeedEndAsync();
        var countsBefore = await CountsAsync(b);   // each instance has counted before the writes begin

        using var writing = new CancellationTokenSource();
        var reader = FollowAsync(instances, start, writing.Token);
        var writers = Enumerable.Range(0, 2 * WritersPerInstance).Select(w => WriteAsync(instances[w % 2], w)).ToArray();
        await Task.WhenAll(writers);
        await writing.CancelAsync();
        var followed = await reader;

        var replayedFromStart = await ReadFeedAsync(b, after: null);
        var sinceStart = await ReadFeedAsync(b, after: start);   // every change after the reader's starting point, its first included
        Assert.Equal(sinceStart.Select(c => c.Sequence), followed.Select(c => c.Sequence));   // the live reader missed nothing
        Assert.True(followed.Select(c => c.Sequence).SequenceEqual(followed.Select(c => c.Sequence).Order()));

        var replayed = FeedReplay.Replay(replayedFromStart);
        foreach (var instance in instances)
        {
            FeedReplay.AssertSame(await FeedReplay.CurrentAsync(instance), replayed);
        }
        var countsA = await CountsAsync(a);
        var countsB = await CountsAsync(b);
        Assert.Equal(countsA, countsB);
        Assert.Equal(FeedReplay.Resources.Select(r => replayed.Keys.Count(k => k.Resource == r)), countsA);
        Assert.NotEqual(countsBefore, countsB);

        // An edit through b, which changes no count: a, which has just read the page, shows it on its next read.
        const string newest = "/api/v1/events?sort=-createdAt&pageSize=3";
        var before = await a.GetJsonAsync<JsonObject>(newest);
        var id = (int)before["items"]![0]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await b.PatchAsync($"/api/v1/events/{id}", """{"summary":"edited through b"}""")).StatusCode);
        var after = await a.GetJsonAsync<JsonObject>(newest);
        Assert.Equal("edited through b", (string?)after["items"]![0]!["summary"]);

        // One more write through b alone: a, which has just counted, counts it on its next request.
        Assert.Equal(HttpStatusCode.Created, (await b.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2009, "8499"))).StatusCode);
        var countsAfterTrade = await CountsAsync(a);
        Assert.Equal(countsA[2] + 1, countsAfterTrade[2]);

        // Counts are kept per resource: a's count of events, which the trade record left as it was, follows an event
        // written through b, and so does a filtered list of them, count and page.
        const string filtered = "/api/v1/events?q=counted%20through%20a&pageSize=5";
        Assert.Equal(0, (int)(await a.GetJsonAsync<JsonObject>(filtered))["totalCount"]!);
        Assert.Equal(HttpStatusCode.Created, (await b.PostJsonAsync("/api/v1/events", Bodies.Event("Counted through a"))).StatusCode);
        Assert.Equal(countsAfterTrade[0] + 1, (await CountsAsync(a))[0]);
        var found = await a.GetJsonAsync<JsonObject>(filtered);
        Assert.Equal(1, (int)found["totalCount"]!);
        Assert.Equal("Counted through a", (string?)found["items"]![0]!["title"]);
    }

    [Fact]
    public async Task AKeyRevokedThroughOne_IsRefusedByTheOther_OnItsNextRequest()
    {
        var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Remove("X-Api-Key");
        admin.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);
        var name = "replica-" + Guid.NewGuid().ToString("N")[..8];
        var made = await (await admin.PostJsonAsync("/api/v1/admin/keys", new { name, scope = "write" })).ReadAsync<CreatedKeyResponse>();
        if (api.Engine == DatabaseEngine.Sqlite)
        {
            // The other process beside a SQLite server is a maintenance verb: it revokes, and the server refuses at once.
            var partnerOfTheServer = api.CreateClient();
            partnerOfTheServer.DefaultRequestHeaders.Remove("X-Api-Key");
            partnerOfTheServer.DefaultRequestHeaders.Add("X-Api-Key", made.Key);
            Assert.Equal(HttpStatusCode.Created, (await partnerOfTheServer.PostJsonAsync("/api/v1/events", Bodies.Event("Before revocation"))).StatusCode);
            var verb = await ApiProcess.RunAsync(api.ProcessEnvironment, Cancel, "keys", "revoke", "--name", name);
            Assert.True(verb.Exit == 0, verb.Errors);
            await (await partnerOfTheServer.PostJsonAsync("/api/v1/events", Bodies.Event("After revocation")))
                .ReadProblemAsync(HttpStatusCode.Unauthorized, Api.Common.Problems.Unauthorized);
            return;
        }
        await using var other = await ApiProcess.StartAsync(api.ProcessEnvironment, Cancel);
        using var partner = other.CreateClient(made.Key);
        Assert.Equal(HttpStatusCode.Created, (await partner.PostJsonAsync("/api/v1/events", Bodies.Event("Before revocation"))).StatusCode);

        var revoked = await admin.DeleteAsync($"/api/v1/admin/keys/{name}", Cancel);

        Assert.True(revoked.IsSuccessStatusCode, $"{(int)revoked.StatusCode}");
        var refused = await partner.PostJsonAsync("/api/v1/events", Bodies.Event("After revocation"));
        await refused.ReadProblemAsync(HttpStatusCode.Unauthorized, Api.Common.Problems.Unauthorized);
    }

    /// <summary>Creates, edits and deletes events and trade records of its own through one instance.</summary>
    private static async Task WriteAsync(HttpClient client, int writer)
    {
        for (var round = 0; round < RoundsPerWriter; round++)
        {
            var created = await client.PostJsonAsync("/api/v1/events", Bodies.Event($"Writer {writer} round {round}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var evt = await created.ReadAsync<EventResponse>();
            var patched = await client.PatchAsync($"/api/v1/events/{evt.Id}", """{"summary":"edited"}""");
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            var trade = await client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2010 + round, $"84{writer:D2}{round:D2}"));
            Assert.Equal(HttpStatusCode.Created, trade.StatusCode);
            if (round % 3 == 0)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/events/{evt.Id}", ifMatch: null)).StatusCode);
            }
        }
    }

    /// <summary>Polls the feed through both instances in turn while the writers run, then reads on to its end.</summary>
    private static async Task<List<ChangeResponse>> FollowAsync(HttpClient[] instances, string start, CancellationToken writing)
    {
        var seen = new List<ChangeResponse>();
        var cursor = start;
        for (var poll = 0; ; poll++)
        {
            var done = writing.IsCancellationRequested;
            var page = await instances[poll % 2].GetJsonAsync<ChangePage>($"/api/v1/changes?after={cursor}&limit=5");
            seen.AddRange(page.Items);
            cursor = page.NextCursor!;
            if (done && !page.HasMore && page.Items.Count == 0)
            {
                return seen;
            }
        }
    }

    private static async Task<List<ChangeResponse>> ReadFeedAsync(HttpClient client, string? after)
    {
        var all = new List<ChangeResponse>();
        while (true)
        {
            var page = await client.GetJsonAsync<ChangePage>($"/api/v1/changes?limit=1000{(after is null ? "" : "&after=" + after)}");
            all.AddRange(page.Items);
            after = page.NextCursor;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }

    private static async Task<int[]> CountsAsync(HttpClient client) =>
        await Task.WhenAll(FeedReplay.Resources.Select(async r => (int)(await client.GetJsonAsync<JsonObject>($"/api/v1/{r}?pageSize=1"))["totalCount"]!));
}
