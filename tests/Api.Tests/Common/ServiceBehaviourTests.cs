using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>What every address of the API does alike: errors, health, CORS, limits, hostile input.</summary>
public sealed class ServiceBehaviourTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/events/abc")]
    [InlineData("/api/v1/events/2147483648")]
    [InlineData("/api/v2/events")]
    public async Task UnknownRoute_Returns404Problem(string path)
    {
        var response = await _client.GetAsync(path, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task UnknownRoute_FromABrowser_IsStillProblemJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing-here");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        var response = await _client.SendAsync(request, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405ProblemWithAllow()
    {
        var response = await _client.SendRawAsync(HttpMethod.Put, "/api/v1/flights", "{}");

        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed, Problems.MethodNotAllowed);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Head_AnswersLikeGetWithoutABody()
    {
        var list = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/events?pageSize=1"), Cancel);
        var one = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/flights/1"), Cancel);
        var missing = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/flights/987654"), Cancel);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("rel=\"next\"", list.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Empty(await list.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal((HttpStatusCode.OK, "\"1\""), (one.StatusCode, one.Headers.ETag?.Tag));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ProblemType_IsDescribedAtItsUri()
    {
        var known = await _client.GetStringAsync("/problems/precondition-failed", Cancel);
        var unknown = await _client.GetAsync("/problems/no-such-kind", Cancel);

        Assert.Contains("If-Match", known, StringComparison.Ordinal);
        await unknown.ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_ReportsHealthy(string path)
    {
        var response = await _client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Cors_BrowserRequest_MayReadTheApiAndItsHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?pageSize=1");
        request.Headers.Add("Origin", "https://frontend.example");
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/events/1");
        preflight.Headers.Add("Origin", "https://frontend.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-match,content-type");

        var response = await _client.SendAsync(request, Cancel);
        var allowed = await _client.SendAsync(preflight, Cancel);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("Link", exposed, StringComparison.Ordinal);
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Contains("PATCH", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate", exposed, StringComparison.Ordinal);
        Assert.Contains("Content-Disposition", exposed, StringComparison.Ordinal);
        Assert.Equal("7200", allowed.Headers.GetValues("Access-Control-Max-Age").Single());
    }

    [Fact]
    public async Task Body_OverTheLimit_Returns413AndCreatesNothing()
    {
        using var small = new ApiFactory();
        small.Settings["Api:MaxRequestBodyBytes"] = "2048";
        var client = small.CreateClient();
        var title = new string('x', 190);
        var participants = string.Join(",", Enumerable.Repeat($"\"{title}\"", 20));
        var body = $$"""{"title":"{{title}}","category":"other","date":"2024","countryCode":"KZ","participants":[{{participants}}]}""";

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/events", body);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        var page = await client.GetJsonAsync<ListPage<global::RelationsApi.Api.Events.EventResponse>>($"/api/v1/events?q={title}");
        Assert.Equal(0, page.TotalCount);
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "/api/v1/flights", """{"originAirport":"ALA","destinationAirport":"ICN","weeklyFrequency":1e400,"status":"planned"}""" },
        { "/api/v1/flights", """{"originAirport":"ALA","destinationAirport":"ICN","weeklyFrequency":99999999999,"status":"planned"}""" },
        { "/api/v1/flights", """{"originAirport":"ALA","destinationAirport":"ICN","weeklyFrequency":"7","status":"planned"}""" },
        { "/api/v1/trade-records", """{"reporterCountry":"KZ","partnerCountry":"KR","flow":"export","year":2020,"valueUsd":79228162514264337593543950336}""" },
        { "/api/v1/trade-records", """{"reporterCountry":"KZ","partnerCountry":"KR","flow":"export","year":2020,"valueUsd":-0.0000000000001}""" },
        { "/api/v1/events", new string('[', 5000) + new string(']', 5000) },
        { "/api/v1/events", """{"title":"x","category":"other","date":"2024","countryCode":"KZ","title":"duplicate key"}""" },
        { "/api/v1/events", """{"title":"\u0000","category":"other","date":"0000","countryCode":"KZ"}""" },
        { "/api/v1/events", """{"title":"x","category":"other","date":"2024","countryCode":"KZ","participants":null,"sources":[null]}""" },
        { "/api/v1/agreements", """{"title":"x","type":"treaty","status":"signed","parties":[null,"KR"]}""" },
        { "/api/v1/agreements", """{"title":"x","type":"treaty","status":"signed","signedDate":"9999-12","effectiveDate":"0001"}""" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task HostileBody_Returns400ProblemNever500(string path, string body)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task InvalidUtf8Body_Returns400Problem()
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"title\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _client.PostAsync("/api/v1/events", content, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
    }

    [Theory]
    [InlineData("/api/v1/trade-records?year=99999999999")]
    [InlineData("/api/v1/trade-records?page=1&page=2")]
    [InlineData("/api/v1/events?q=%00%25%5F%27%22")]
    [InlineData("/api/v1/events?from=0001-01-01&to=9999-12-31")]
    [InlineData("/api/v1/flights?status=")]
    [InlineData("/api/v1/flights?status=,")]
    [InlineData("/api/v1/agreements?sort=-")]
    [InlineData("/api/v1/agreements?sort=%20")]
    public async Task HostileQuery_NeverReturns500(string path)
    {
        var response = await _client.GetAsync(path, Cancel);

        Assert.True((int)response.StatusCode is 200 or 400, $"{path}: {(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
