using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>The partner's own key: kept, filterable, unique per resource, and checked.</summary>
public sealed class ExternalIdTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Create_KeepsTheExternalId_AndTheListFiltersByIt()
    {
        var externalId = NewExternalId("partner-a");
        var created = await (await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), externalId))).ReadAsync<EventResponse>();
        await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), NewExternalId("partner-a")));

        var fetched = await _client.GetJsonAsync<EventResponse>($"/api/v1/events/{created.Id}");
        var listed = await _client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?externalId={Uri.EscapeDataString(externalId)}");

        Assert.Equal(externalId, created.ExternalId);
        Assert.Equal(externalId, fetched.ExternalId);
        Assert.Equal([created.Id], listed.Items.Select(e => e.Id));
        Assert.Equal(1, listed.TotalCount);
    }

    [Fact]
    public async Task Create_WithAnExternalIdAlreadyUsed_Is409NamingTheOther_AndWritesNothing()
    {
        var externalId = NewExternalId("partner-a");
        var first = await (await _client.PostJsonAsync("/api/v1/trade-records", WithExternalId(Bodies.TradeRecord(2001, "1101"), externalId))).ReadAsync<TradeRecordResponse>();

        var response = await _client.PostJsonAsync("/api/v1/trade-records", WithExternalId(Bodies.TradeRecord(2001, "1102"), externalId));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(first.Id, (int?)problem["existingId"]);
        Assert.Contains("externalId", (string?)problem["detail"]);
        var listed = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?hsCode=1102");
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task TheSameExternalId_MayBeUsedByTwoResources()
    {
        var externalId = NewExternalId("partner-a");

        var evt = await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), externalId));
        var agreement = await _client.PostJsonAsync("/api/v1/agreements", WithExternalId(Bodies.Agreement(), externalId));

        Assert.Equal(HttpStatusCode.Created, evt.StatusCode);
        Assert.Equal(HttpStatusCode.Created, agreement.StatusCode);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("ümlaut")]
    [InlineData("semi;colon")]
    public async Task Create_WithAMalformedExternalId_Is400OnThatField(string externalId)
    {
        var response = await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), externalId));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["externalId"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_With101Characters_Is400_With100ItIsKept()
    {
        var tooLong = await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), new string('x', 101)));
        var longest = await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), new string('y', 99) + Guid.NewGuid().ToString("N")[..1]));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task Replace_WithoutExternalId_RemovesIt_AndFreesItForAnotherRecord()
    {
        var externalId = NewExternalId("partner-a");
        var created = await (await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), externalId))).ReadAsync<EventResponse>();

        var replaced = await (await _client.PutJsonAsync($"/api/v1/events/{created.Id}", Bodies.Event())).ReadAsync<EventResponse>();
        var reused = await _client.PostJsonAsync("/api/v1/events", WithExternalId(Bodies.Event(), externalId));

        Assert.Null(replaced.ExternalId);
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    /// <summary>The body as JSON with an externalId added, as a partner's client would send it.</summary>
    private static JsonObject WithExternalId(RecordWrite body, string externalId)
    {
        var json = JsonSerializer.SerializeToNode(body, body.GetType(), HttpClientExtensions.Json)!.AsObject();
        json["externalId"] = externalId;
        return json;
    }
}
