using System.Net;
using System.Text.Json;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>
/// Text that holds control characters is refused with a 400 naming the field, on either engine: PostgreSQL cannot
/// store NUL at all, and the others would reach a partner's terminal or spreadsheet through an export.
/// </summary>
public sealed class ControlCharacterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("\0")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u202e")]
    public async Task AWriteHoldingAControlCharacter_Is400NamingTheField_AndStoresNothing(string control)
    {
        var title = "Control " + Guid.NewGuid().ToString("N") + control;
        var before = await _client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?pageSize=1");

        var response = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: title, summary: "ok" + control));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["summary", "title"], problem.ErrorFields().Order());
        var after = await _client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?pageSize=1");
        Assert.Equal(before.TotalCount, after.TotalCount);
    }

    [Fact]
    public async Task TabsAndLineBreaks_AreKept()
    {
        var summary = "First line\r\nsecond\tcolumn";

        var response = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(summary: summary));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(summary, (await response.ReadAsync<EventResponse>()).Summary);
    }

    [Theory]
    [InlineData("/api/v1/events?q=a%00b")]
    [InlineData("/api/v1/agreements?q=%1Bx")]
    [InlineData("/api/v1/flights?externalId=a%00b")]
    [InlineData("/api/v1/trade-records?externalId=bad%20value!")]
    public async Task AFilterHoldingAControlCharacterOrABadExternalId_Is400(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")]
    [InlineData("\uFEFF \u200D")]
    public async Task BlankText_IsRefusedWhereRequired_AndStoredAsAbsentWhereOptional(string blank)
    {
        var refused = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: blank));
        var body = JsonSerializer.SerializeToNode(Bodies.Event(summary: blank), HttpClientExtensions.Json)!;
        body["city"] = blank;
        var created = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/events", body.ToJsonString());

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["title"], problem.ErrorFields());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await _client.GetJsonAsync<EventResponse>(created.Headers.Location!.OriginalString);
        Assert.Equal((null, null), (stored.Summary, stored.City));
    }

    [Fact]
    public async Task ABlankSourceAddress_IsStoredAsNone()
    {
        var body = JsonSerializer.SerializeToNode(Bodies.Event(), HttpClientExtensions.Json)!;
        body["sources"]![0]!["url"] = "\u200B";

        var response = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/events", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(Assert.Single((await response.ReadAsync<EventResponse>()).Sources).Url);
    }
}
