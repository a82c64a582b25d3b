using System.Net;
using System.Text;
using RelationsApi.Api.Access;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Access;

/// <summary>The audit trail: every committed write with the name of the key it was made with, for admins only.</summary>
public sealed class AuditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryKindOfWrite_IsListedWithTheKeysName_NewestFirst()
    {
        var writer = Writer("audited-writer");
        var created = await (await writer.PostJsonAsync("/api/v1/events", Bodies.Event("Audited"))).ReadAsync<EventResponse>();
        await writer.PatchAsync($"/api/v1/events/{created.Id}", """{"title":"Audited, patched"}""");
        await writer.DeleteAsync($"/api/v1/events/{created.Id}", Cancel);
        var import = await writer.SendRawAsync(HttpMethod.Post, "/api/v1/agreements/import", $"[{System.Text.Json.JsonSerializer.Serialize(Bodies.Agreement("Imported and audited"), HttpClientExtensions.Json)}]");
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var page = await Admin().GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?actor=audited-writer");

        Assert.Equal(
            [("agreements", "created"), ("events", "deleted"), ("events", "updated"), ("events", "created")],
            page.Items.Select(e => (e.Resource, e.Operation)));
        Assert.All(page.Items, e => Assert.Equal("audited-writer", e.Actor));
        Assert.Equal(created.Id, page.Items[^1].Id);
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence));
    }

    [Fact]
    public async Task MakingAndRevokingAKey_AreInTheTrailWithTheAdminsName_AndNotInTheChangeFeed()
    {
        var admin = Admin();
        var name = $"audited-key-{Guid.NewGuid():N}"[..30];
        var feedBefore = await admin.GetJsonAsync<RelationsApi.Api.Changes.ChangePage>("/api/v1/changes?limit=1000");

        var made = await admin.PostJsonAsync("/api/v1/admin/keys", new { name, scope = "write" });
        var revoked = await admin.DeleteAsync($"/api/v1/admin/keys/{name}", Cancel);
        var again = await admin.DeleteAsync($"/api/v1/admin/keys/{name}", Cancel);

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var trail = await admin.GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?resource=keys&pageSize=2");
        Assert.Equal([("revoked", 2), ("created", 1)], trail.Items.Select(e => (e.Operation, e.Version)));   // revoking twice is one entry
        Assert.Equal(trail.Items[0].Id, trail.Items[1].Id);
        Assert.All(trail.Items, e => Assert.StartsWith("tests-admin-", e.Actor));
        var feedAfter = await admin.GetJsonAsync<RelationsApi.Api.Changes.ChangePage>($"/api/v1/changes?limit=1000&after={feedBefore.NextCursor}");
        Assert.DoesNotContain(feedAfter.Items, c => c.Resource == "keys");
    }

    [Fact]
    public async Task SeedData_HasNoActor_AndARefusedWriteLeavesNoEntry()
    {
        var before = await Admin().GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?pageSize=1");

        var refused = await api.CreateAnonymousClient().PostJsonAsync("/api/v1/events", Bodies.Event("Never written"));
        var invalid = await api.CreateClient().SendRawAsync(HttpMethod.Post, "/api/v1/events", """{"title":""}""");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var after = await Admin().GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?pageSize=1");
        Assert.Equal(before.TotalCount, after.TotalCount);
        var seed = await Admin().GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?resource=agreements&recordId=1&operation=created");
        Assert.Null(Assert.Single(seed.Items).Actor);
    }

    [Fact]
    public async Task Filters_NarrowTheTrail_AndPagesLink()
    {
        var writer = Writer("flight-writer");
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await (await writer.PostJsonAsync("/api/v1/flights", Bodies.Flight(destination: $"IC{(char)('A' + i)}"))).ReadAsync<RelationsApi.Api.Flights.FlightResponse>()).Id);
        }

        var byRecord = await Admin().GetJsonAsync<ListPage<AuditEntry>>($"/api/v1/admin/audit?resource=flights&recordId={ids[1]}");
        var firstPage = await Admin().GetAsync("/api/v1/admin/audit?resource=flights&actor=flight-writer&pageSize=2", Cancel);
        var future = await Admin().GetJsonAsync<ListPage<AuditEntry>>("/api/v1/admin/audit?since=2999-01-01T00:00:00Z");
        var recent = await Admin().GetJsonAsync<ListPage<AuditEntry>>($"/api/v1/admin/audit?since={DateTime.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}&actor=flight-writer");

        Assert.Equal([(ids[1], "created")], byRecord.Items.Select(e => (e.Id, e.Operation)));
        var page = await firstPage.ReadAsync<ListPage<AuditEntry>>();
        Assert.Equal([ids[2], ids[1]], page.Items.Select(e => e.Id));
        Assert.Equal(3, page.TotalCount);
        Assert.Contains("rel=\"next\"", string.Join(",", firstPage.Headers.GetValues("Link")));
        Assert.Empty(future.Items);
        Assert.Equal(3, recent.TotalCount);
    }

    [Theory]
    [InlineData("resource=visits", "resource")]
    [InlineData("operation=renamed", "operation")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "until")]
    public async Task BadFilters_Are400(string query, string field)
    {
        var response = await Admin().GetAsync($"/api/v1/admin/audit?{query}", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task TheChangeFeed_DoesNotShowWhoWrote()
    {
        await api.CreateClient().PostJsonAsync("/api/v1/events", Bodies.Event("Feed without names"));

        var feed = await api.CreateAnonymousClient().GetAsync("/api/v1/changes?limit=1000", Cancel);

        Assert.DoesNotContain(api.WriteKeyName, await feed.Content.ReadAsStringAsync(Cancel));
    }

    private HttpClient Admin() => WithKey(api.AdminKey);

    private HttpClient Writer(string name) => WithKey(api.Key(name, "write"));

    private HttpClient WithKey(string secret)
    {
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }
}
