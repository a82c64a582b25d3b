using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>Security headers, limits on the query string and the headers, request timeouts and what a failure shows.</summary>
public sealed partial class HardeningTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string StrictPolicy = "default-src 'none'; frame-ancestors 'none'";

    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string, string, int> ApiResponses => new()
    {
        { "GET", "/api/v1/flights/1", 200 },
        { "GET", "/api/v1/events?pageSize=1", 200 },
        { "GET", "/api/v1/nothing-here", 404 },
        { "POST", "/api/v1/events", 400 },   // unreadable JSON: a problem written by the exception handler
    };

    [Theory]
    [MemberData(nameof(ApiResponses))]
    public async Task ApiResponses_AndProblems_CarryTheSecurityHeaders(string method, string path, int status)
    {
        var response = method == "GET"
            ? await _client.GetAsync(path, Cancel)
            : await _client.SendRawAsync(HttpMethod.Post, path, "{\"title\":");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("cross-origin", Header(response, "Cross-Origin-Resource-Policy"));   // public data: any site may load it
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task SwaggerUi_GetsAPolicyThatAllowsExactlyWhatItsPageUses()
    {
        var page = await _client.GetAsync("/swagger/index.html", Cancel);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        var preset = await _client.GetStringAsync("/swagger/swagger-ui-standalone-preset.js", Cancel);
        var bundle = await _client.GetStringAsync("/swagger/swagger-ui-bundle.js", Cancel);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(page, "Referrer-Policy"));
        var policy = Directives(Header(page, "Content-Security-Policy"));
        Assert.Equal(["'none'"], policy["default-src"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal(["'self'", "data:"], policy["img-src"]);
        Assert.Equal(["'self'"], policy["connect-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.DoesNotContain(policy.Values.SelectMany(v => v), v => v.StartsWith("'unsafe-", StringComparison.Ordinal));
        // The page itself has no inline script or style: everything it runs comes from /swagger.
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        // The <style> elements Swagger UI's scripts create are allowed by their hashes, and only they are.
        var styles = CreatedStyles().Matches(preset + bundle).Select(m => $"'sha256-{Sha256(Regex.Unescape(m.Groups["css"].Value))}'").ToList();
        Assert.NotEmpty(styles);
        Assert.Equal(["'self'", .. styles.Order()], policy["style-src"]);
    }

    [Fact]
    public async Task TheDocumentAndTheApi_KeepTheStrictPolicy_OutsideTheUi()
    {
        var health = await _client.GetAsync("/health/live", Cancel);
        var problemType = await _client.GetAsync("/problems/timeout", Cancel);

        Assert.Equal(StrictPolicy, Header(health, "Content-Security-Policy"));
        Assert.Equal(StrictPolicy, Header(problemType, "Content-Security-Policy"));
    }

    [Fact]
    public async Task QueryString_OverTheLimit_Returns414Problem()
    {
        // Unknown parameters are ignored, so the length alone decides.
        var atLimit = await _client.GetAsync("/api/v1/events?x=" + new string('a', 4096 - 2), Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?x=" + new string('a', 4096 - 1));
        request.Headers.Add("Origin", "https://frontend.example");
        var over = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        var problem = await over.ReadProblemAsync(HttpStatusCode.RequestUriTooLong, Problems.UriTooLong);
        Assert.Contains("4096", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, Header(over, "Content-Security-Policy"));
        Assert.Equal("*", Header(over, "Access-Control-Allow-Origin"));   // browser code can read the answer
    }

    [Fact]
    public async Task TooManyHeaders_Returns431Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flights/1");
        for (var i = 0; i < 50; i++)
        {
            request.Headers.Add($"X-Extra-{i}", "1");
        }

        var response = await _client.SendAsync(request, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, Problems.HeadersTooLarge);
    }

    [Fact]
    public async Task HeadersOverTheSizeLimit_Return431Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flights/1");
        request.Headers.Add("X-Large", new string('a', 16 * 1024));

        var response = await _client.SendAsync(request, Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, Problems.HeadersTooLarge);
        Assert.Contains("16384", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_AreConfigurable()
    {
        using var strict = new ApiFactory();
        strict.Settings["Api:MaxQueryStringLength"] = "10";
        strict.Settings["Api:MaxRequestHeaderCount"] = "200";
        var client = strict.CreateClient();

        var response = await client.GetAsync("/api/v1/events?x=abcdefghi", Cancel);

        await response.ReadProblemAsync(HttpStatusCode.RequestUriTooLong, Problems.UriTooLong);
    }

    [Fact]
    public async Task Cors_ExposesRetryAfter_BesideTheOtherHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?pageSize=1");
        request.Headers.Add("Origin", "https://frontend.example");

        var response = await _client.SendAsync(request, Cancel);

        var exposed = Header(response, "Access-Control-Expose-Headers").Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(["Content-Disposition", "ETag", "Link", "Location", "Retry-After", "WWW-Authenticate"], exposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AWrite_ThatOutlastsTheTimeout_Gets504AndChangesNothing()
    {
        using var slow = new ApiFactory();
        slow.Settings["Api:RequestTimeout"] = "00:00:00.300";
        var client = slow.CreateClient();
        var title = "Timed out " + Guid.NewGuid().ToString("N");
        var start = await StoredAsync(slow, """SELECT max("Sequence") FROM "Changes" """);   // in the database: the API's reads time out too

        // Another process holds the database's write lock for longer than the API waits.
        Task<HttpResponseMessage> create;
        await using (await slow.HoldWriteLockAsync(Cancel))
        {
            create = client.PostJsonAsync("/api/v1/events", Bodies.Event(title));
            await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        }
        var response = await create;

        var problem = await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Problems.Timeout);
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal(0, await StoredAsync(slow, $"""SELECT count(*) FROM "Events" WHERE "Title" = '{title}'"""));
        Assert.Equal(start, await StoredAsync(slow, """SELECT max("Sequence") FROM "Changes" """));
    }

    private static async Task<long> StoredAsync(ApiFactory app, string sql)
    {
        await using var connection = await app.OpenDatabaseAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task AWriteBody_ThatArrivesTooSlowly_Gets504BeforeItEndsAndChangesNothing(string method)
    {
        using var slow = new ApiFactory();
        slow.Settings["Api:RequestTimeout"] = "00:00:01";   // far more than a read here takes, a third of the trickle
        var client = slow.CreateStreamingClient();
        var check = slow.CreateClient();
        var title = "Trickled " + Guid.NewGuid().ToString("N");
        var existing = await (await check.PostJsonAsync("/api/v1/events", Bodies.Event("Existing " + Guid.NewGuid().ToString("N")))).ReadAsync<EventResponse>();
        var start = await check.ChangeFeedEndAsync();
        var body = JsonSerializer.Serialize(Bodies.Event(title), HttpClientExtensions.Json);
        using var trickle = new TrickledContent(body, "application/json", pieces: 20, pause: TimeSpan.FromMilliseconds(150));
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "PUT" ? $"/api/v1/events/{existing.Id}" : "/api/v1/events")
        {
            Content = trickle,
        };

        var response = await client.SendAsync(request, Cancel);
        var answeredWhileArriving = !trickle.Finished;

        var problem = await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Problems.Timeout);
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.True(answeredWhileArriving, "The 504 came only after the whole body had arrived.");
        Assert.Equal(0, (await check.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?q={title}")).TotalCount);
        var after = await check.GetJsonAsync<EventResponse>($"/api/v1/events/{existing.Id}");
        Assert.Equal((existing.Title, existing.Version), (after.Title, after.Version));
        Assert.Equal(start, await check.ChangeFeedEndAsync());
    }

    [Fact]
    public async Task ALargeImport_ThatOutlastsItsTimeout_Gets504AndWritesNoneOfItsRows()
    {
        using var slow = new ApiFactory();
        slow.Settings["Api:ImportTimeout"] = "00:00:00.100";
        var client = slow.CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        var start = await client.ChangeFeedEndAsync();

        var response = await client.PostAsync("/api/v1/events/import", LargeCsvImport(marker), Cancel);

        await response.ReadProblemAsync(HttpStatusCode.GatewayTimeout, Problems.Timeout);
        Assert.Equal(0, (await client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?q={marker}")).TotalCount);
        Assert.Equal(start, await client.ChangeFeedEndAsync());
    }

    [Fact]
    public async Task AnImport_HasItsOwnLongerTimeout()
    {
        using var slow = new ApiFactory();
        slow.Settings["Api:RequestTimeout"] = "00:00:00.100";
        var client = slow.CreateClient();
        var marker = Guid.NewGuid().ToString("N");

        var response = await client.PostAsync("/api/v1/events/import", LargeCsvImport(marker), Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(LargeImportRows, (await response.ReadAsync<ImportResult>()).Created);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task AFailure_Is500ProblemWithoutExceptionDetails(string environment)
    {
        using var broken = new ApiFactory();
        broken.Settings["environment"] = environment;
        var client = broken.CreateClient();
        await client.GetJsonAsync<JsonObject>("/api/v1/flights");   // started, migrated and seeded
        await using (var connection = await broken.OpenDatabaseAsync(Cancel))
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = """ALTER TABLE "Flights" RENAME TO "FlightsGone";""";
            await drop.ExecuteNonQueryAsync(Cancel);
        }

        var response = await client.GetAsync("/api/v1/flights?pageSize=5", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError, Problems.InternalError);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Postgres", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.Equal(["detail", "status", "title", "traceId", "type"], problem.Select(p => p.Key).Order());
    }

    private const int LargeImportRows = 50_000;

    /// <summary>An import that takes well over a tenth of a second: tens of thousands of events, saved in chunks.</summary>
    private static ByteArrayContent LargeCsvImport(string marker)
    {
        var csv = new StringBuilder("title,category,date,countryCode\r\n");
        for (var i = 0; i < LargeImportRows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Imported {marker} {i},other,2024,KZ\r\n");
        }
        return new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on the {(int)response.StatusCode} response.");

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("createElement\\(\"style\",null,\"(?<css>(?:[^\"\\\\]|\\\\.)*)\"\\)")]
    private static partial Regex CreatedStyles();
}
