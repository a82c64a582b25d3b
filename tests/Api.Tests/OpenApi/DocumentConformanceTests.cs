using System.Net;
using System.Text;
using NJsonSchema;
using NSwag;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// The document says exactly what the API does: a set of requests covering every kind of operation and answer is
/// replayed, and each answer is checked against the published document, as a validating proxy would: its status is
/// documented for the operation, its media type too, the headers marked required are there, and a JSON body
/// validates against the documented schema.
/// </summary>
public sealed class DocumentConformanceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task EveryAnswer_IsAsTheDocumentDescribesIt()
    {
        var http = api.CreateClient();   // a write key
        var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Remove("X-Api-Key");
        admin.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);
        var anonymous = api.CreateAnonymousClient();
        var document = await OpenApiDocument.FromJsonAsync(await http.GetStringAsync("/swagger/v1/swagger.json", Cancel), Cancel);
        var violations = new List<string>();
        var externalId = NewExternalId("conformance");

        async Task<HttpResponseMessage> Check(string template, HttpClient client, HttpRequestMessage request)
        {
            var response = await client.SendAsync(request, Cancel);
            violations.AddRange(await ViolationsAsync(document, template, request, response));
            return response;
        }

        HttpRequestMessage Json(HttpMethod method, string path, string body, string type = "application/json") =>
            new(method, path) { Content = new StringContent(body, Encoding.UTF8, type) };

        // Reads of every kind, with the parameters the document's examples give.
        foreach (var (template, path) in new[]
        {
            ("/api/v1/events", "/api/v1/events?category=diplomatic&sort=-date&page=1&pageSize=2"),
            ("/api/v1/flights", "/api/v1/flights?airlineCode=OZ"),
            ("/api/v1/trade-records", "/api/v1/trade-records?year=2022&flow=turnover"),
            ("/api/v1/agreements", "/api/v1/agreements?status=inForce,signed"),
            ("/api/v1/events/{id}", "/api/v1/events/1"),
            ("/api/v1/flights/{id}", "/api/v1/flights/1"),
            ("/api/v1/trade-records/{id}", "/api/v1/trade-records/1"),
            ("/api/v1/agreements/{id}", "/api/v1/agreements/1"),
            ("/api/v1/events/{id}", "/api/v1/events/999999"),
            ("/api/v1/events", "/api/v1/events?pageSize=1000"),
            ("/api/v1/trade-records", "/api/v1/trade-records?sort=bogus"),
            ("/api/v1/changes", "/api/v1/changes?limit=5"),
            ("/api/v1/changes", "/api/v1/changes?after=bad"),
            ("/api/v1/trade-records/export", "/api/v1/trade-records/export?format=csv&year=2022"),
            ("/api/v1/events/import/template", "/api/v1/events/import/template?format=csv"),
            ("/api/v1/stats/trade", "/api/v1/stats/trade?yearFrom=2015&yearTo=2024"),
            ("/api/v1/stats/trade", "/api/v1/stats/trade?granularity=decade"),
            ("/api/v1/stats/trade/mirror", "/api/v1/stats/trade/mirror"),
            ("/api/v1/stats/connectivity", "/api/v1/stats/connectivity?date=2025-06-01"),
            ("/api/v1/timeline", "/api/v1/timeline?pageSize=3"),
            ("/api/v1/anniversaries", "/api/v1/anniversaries?from=2026-01-01&to=2030-12-31"),
            ("/api/v1/stats/overview", "/api/v1/stats/overview"),
            ("/problems/{kind}", "/problems/validation"),
            ("/health/ready", "/health/ready"),
        })
        {
            await Check(template, anonymous, new HttpRequestMessage(HttpMethod.Get, path));
        }

        // 304 from an ETag just given.
        var one = await anonymous.GetAsync("/api/v1/events/1", Cancel);
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/1");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", one.Headers.ETag!.Tag);
        await Check("/api/v1/events/{id}", anonymous, revalidate);

        // Writes: 201, 200, 204, and their refusals.
        var created = await Check("/api/v1/events", http, Json(HttpMethod.Post, "/api/v1/events",
            $$"""{"externalId":"{{externalId}}","title":"Conformance","category":"cultural","date":"2024-05","countryCode":"KR"}"""));
        var id = (await created.ReadAsync<RelationsApi.Api.Events.EventResponse>()).Id;
        await Check("/api/v1/events", anonymous, Json(HttpMethod.Post, "/api/v1/events", """{"title":"No key"}"""));
        await Check("/api/v1/events", http, Json(HttpMethod.Post, "/api/v1/events", """{"title":""}"""));
        await Check("/api/v1/events", http, Json(HttpMethod.Post, "/api/v1/events", """{"title":"x","category":"cultural","date":"2024","countryCode":"KR","externalId":"{{externalId}}"}""".Replace("{{externalId}}", externalId)));
        await Check("/api/v1/events/{id}", http, Json(HttpMethod.Patch, $"/api/v1/events/{id}", """{"summary":"Patched"}""", "application/merge-patch+json"));
        await Check("/api/v1/events/{id}", http, Json(HttpMethod.Patch, $"/api/v1/events/{id}", """{"summary":"Wrong type"}"""));
        var stale = Json(HttpMethod.Put, $"/api/v1/events/{id}", """{"title":"Replaced","category":"cultural","date":"2024-05","countryCode":"KR"}""");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Check("/api/v1/events/{id}", http, stale);
        await Check("/api/v1/events/{id}", http, Json(HttpMethod.Put, $"/api/v1/events/{id}", """{"title":"Replaced","category":"cultural","date":"2024-05","countryCode":"KR"}"""));
        await Check("/api/v1/trade-records", http, Json(HttpMethod.Post, "/api/v1/trade-records",
            """{"reporterCountry":"KZ","partnerCountry":"KR","flow":"turnover","year":2022,"valueUsd":1}"""));
        await Check("/api/v1/trade-records/import", http, Json(HttpMethod.Post, "/api/v1/trade-records/import?dryRun=true",
            "reporterCountry,partnerCountry,flow,year,valueUsd\nKZ,KR,export,2019,12.50\n", "text/csv"));
        await Check("/api/v1/trade-records/import", http, Json(HttpMethod.Post, "/api/v1/trade-records/import",
            "reporterCountry,partnerCountry,flow,year,month,valueUsd\nKZ,KR,export,2019,13,-1\n", "text/csv"));
        await Check("/api/v1/events/{id}", http, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/events/{id}"));

        // Admin.
        var keyName = $"conformance-{Guid.NewGuid():N}"[..24];
        await Check("/api/v1/admin/keys", admin, Json(HttpMethod.Post, "/api/v1/admin/keys", $$"""{"name":"{{keyName}}","scope":"write"}"""));
        await Check("/api/v1/admin/keys", admin, new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/keys"));
        await Check("/api/v1/admin/keys/{name}", admin, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/admin/keys/{keyName}"));
        await Check("/api/v1/admin/audit", admin, new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/audit?pageSize=5"));
        await Check("/api/v1/admin/audit", http, new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/audit"));
        await Check("/api/v1/admin/keys/{name}", admin, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/keys/{keyName}"));

        Assert.True(violations.Count == 0, "The document does not describe these answers:\n" + string.Join("\n", violations));
        // The check itself tells a wrong body from a right one.
        var page = document.Paths["/api/v1/events"]["get"].ActualResponses["200"].Content["application/json"].Schema;
        Assert.NotEmpty(page.Validate("""{"items":"not a list","page":1}""", SchemaType.OpenApi3));
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(
        OpenApiDocument document, string template, HttpRequestMessage request, HttpResponseMessage response)
    {
        var name = $"{request.Method} {request.RequestUri} → {(int)response.StatusCode}";
        if (!document.Paths.TryGetValue(template, out var path) || !path.TryGetValue(request.Method.Method.ToLowerInvariant(), out var operation))
        {
            return [$"{name}: no operation {request.Method} {template}"];
        }
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.ActualResponses.TryGetValue(status, out var documented))
        {
            return [$"{name}: status {status} is not documented (documented: {string.Join(", ", operation.ActualResponses.Keys)})"];
        }
        var violations = new List<string>();
        foreach (var (header, description) in documented.Headers)
        {
            if (description.IsRequired && !response.Headers.Contains(header) && !response.Content.Headers.Contains(header))
            {
                violations.Add($"{name}: required header {header} is missing");
            }
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync(Cancel);
        if (string.IsNullOrEmpty(body) && response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
        {
            return violations;
        }
        if (mediaType is null || !documented.Content.TryGetValue(mediaType, out var content))
        {
            violations.Add($"{name}: media type {mediaType} is not documented (documented: {string.Join(", ", documented.Content.Keys)})");
            return violations;
        }
        if (mediaType.EndsWith("json", StringComparison.Ordinal) && content.Schema is { } schema)
        {
            violations.AddRange(schema.Validate(body, SchemaType.OpenApi3).Select(error => $"{name}: {error}"));
        }
        return violations;
    }
}
