using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>Reads the published OpenAPI document, so a broken or drifting document fails the run.</summary>
public sealed partial class OpenApiDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Resources = ["events", "flights", "trade-records", "agreements"];

    private async Task<JsonObject> DocumentAsync()
    {
        var json = await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    [Fact]
    public async Task Document_DescribesEveryOperationOfTheContract()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet();

        foreach (var resource in Resources)
        {
            Assert.Contains($"GET /api/v1/{resource}", operations);
            Assert.Contains($"POST /api/v1/{resource}", operations);
            foreach (var method in new[] { "GET", "PUT", "PATCH", "DELETE" })
            {
                Assert.Contains($"{method} /api/v1/{resource}/{{id}}", operations);
            }
        }
        Assert.StartsWith("3.0", (string?)document["openapi"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPathAndQueryParameter_HasAnExample()
    {
        var document = await DocumentAsync();

        var parameters = Operations(document)
            .SelectMany(o => (o.Operation["parameters"]?.AsArray() ?? []).Select(p => (o.Method, o.Path, Parameter: p!.AsObject())))
            .Where(p => (string?)p.Parameter["in"] is "path" or "query")
            .ToList();

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.True(
            p.Parameter["example"] is not null,
            $"{p.Method.ToUpperInvariant()} {p.Path}: parameter '{(string?)p.Parameter["name"]}' has no example"));
    }

    [Fact]
    public async Task ValidatorLimits_AreInTheSchemas()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        JsonNode Parameter(string path, string name) =>
            document["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == name)!["schema"]!;

        Assert.Equal(1, (int?)schemas["EventWrite"]!["properties"]!["title"]!["minLength"]);
        Assert.Equal(RelationsApi.Domain.Events.Event.MaxTitleLength, (int?)schemas["EventWrite"]!["properties"]!["title"]!["maxLength"]);
        Assert.Equal(RelationsApi.Domain.Events.Event.MaxTitleLength, (int?)schemas["EventPatch"]!["properties"]!["title"]!["maxLength"]);
        Assert.Equal(0, (decimal?)schemas["TradeRecordWrite"]!["properties"]!["valueUsd"]!["minimum"]);
        Assert.Equal(12, (int?)schemas["TradeRecordWrite"]!["properties"]!["month"]!["maximum"]);
        Assert.Equal(1, (int?)Parameter("/api/v1/events", "page")["minimum"]);
        Assert.Equal(ListQuery.MaxPageSize, (int?)Parameter("/api/v1/trade-records", "pageSize")["maximum"]);
        Assert.Equal(RelationsApi.Api.Changes.ChangeQuery.MaxLimit, (int?)Parameter("/api/v1/changes", "limit")["maximum"]);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthChecks_AreDocumentedAsTheyAnswer(string path)
    {
        var document = await DocumentAsync();
        var http = api.CreateClient();

        var operation = document["paths"]![path]!["get"]!;
        using var answer = await http.GetAsync(path, Cancel);

        Assert.Empty(operation["security"]!.AsArray());
        Assert.Equal("Healthy", (string?)operation["responses"]!["200"]!["content"]!["text/plain"]!["example"]);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await answer.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Document_NamesARelativeServerAContactAndALicense()
    {
        var document = await DocumentAsync();

        var server = Assert.Single(document["servers"]!.AsArray())!;
        var info = document["info"]!;

        Assert.Equal("/", (string?)server["url"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)server["description"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)info["contact"]?["name"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)info["license"]?["name"]));
    }

    [Fact]
    public async Task Tags_UsedByOperationsAreAllDeclaredWithADescription()
    {
        var document = await DocumentAsync();

        var used = Operations(document).SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => (string)t!)).ToHashSet();
        var declared = document["tags"]!.AsArray().Select(t => (Name: (string)t!["name"]!, Description: (string?)t["description"])).ToList();

        Assert.Equal(["Events", "Flights", "Trade records", "Agreements", "Insight", "Changes", "Admin", "Service"], declared.Select(t => t.Name));
        Assert.Subset(declared.Select(t => t.Name).ToHashSet(), used);
        Assert.All(declared, tag => Assert.False(string.IsNullOrWhiteSpace(tag.Description), $"tag '{tag.Name}' has no description"));
    }

    [Fact]
    public async Task Reads_AreDeclaredPublic_AndEverythingElseNeedsTheKeyScheme()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();
        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;

        Assert.Equal(("apiKey", "header", "X-Api-Key"), ((string?)scheme["type"], (string?)scheme["in"], (string?)scheme["name"]));
        var (reads, others) = (operations.Where(o => o.Method == "get" && !o.Path.Contains("/admin/")).ToList(),
            operations.Where(o => o.Method != "get" || o.Path.Contains("/admin/")).ToList());
        Assert.All(reads, o => Assert.Empty(Assert.IsType<JsonArray>(o.Operation["security"], exactMatch: false)));
        Assert.All(others, o =>
        {
            var requirement = Assert.Single(Assert.IsType<JsonArray>(o.Operation["security"], exactMatch: false))!.AsObject();
            Assert.Equal(["ApiKey"], requirement.Select(r => r.Key));
            Assert.Contains("401", o.Operation["responses"]!.AsObject().Select(r => r.Key));
            Assert.Contains("403", o.Operation["responses"]!.AsObject().Select(r => r.Key));
        });
        Assert.Contains(others, o => o.Path == "/api/v1/trade-records/import");
    }

    [Fact]
    public async Task Operations_HaveUniqueCamelCaseIdsAndSummaries()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();

        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.All(ids, id => Assert.Matches(CamelCase(), id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary"));
        Assert.Contains("listTradeRecords", ids);
        Assert.Contains("patchAgreement", ids);
    }

    [Fact]
    public async Task ErrorResponses_AreProblemJsonWithTraceId()
    {
        var document = await DocumentAsync();

        // The health checks' 503 is the framework's one word of plain text, as load balancers expect.
        var errors = Operations(document)
            .Where(o => !o.Path.StartsWith("/health/", StringComparison.Ordinal))
            .SelectMany(o => o.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').Select(r => (o, r.Key, Response: r.Value!.AsObject())))
            .ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(["application/problem+json"], e.Response["content"]!.AsObject().Select(c => c.Key)));
        var schemas = document["components"]!["schemas"]!;
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            Assert.Contains("traceId", schemas[name]!["required"]!.AsArray().Select(r => (string?)r));
            Assert.NotNull(schemas[name]!["properties"]!["traceId"]);
        }
    }

    [Theory]
    [InlineData("/api/v1/events/{id}", "get", "404")]
    [InlineData("/api/v1/events/{id}", "get", "304")]
    [InlineData("/api/v1/events/{id}", "put", "412")]
    [InlineData("/api/v1/events/{id}", "patch", "415")]
    [InlineData("/api/v1/events", "post", "400")]
    [InlineData("/api/v1/events", "post", "413")]
    [InlineData("/api/v1/events", "get", "400")]
    [InlineData("/api/v1/trade-records", "post", "409")]
    [InlineData("/api/v1/trade-records/{id}", "put", "409")]
    [InlineData("/api/v1/agreements/{id}", "delete", "412")]
    [InlineData("/api/v1/flights/{id}", "delete", "204")]
    public async Task Operation_DocumentsItsStatus(string path, string method, string status)
    {
        var document = await DocumentAsync();

        var responses = document["paths"]![path]![method]!["responses"]!.AsObject();

        Assert.True(responses.ContainsKey(status), $"{method} {path} does not document {status}");
    }

    [Fact]
    public async Task LinkHeader_IsDocumentedOnPagedListsOnly()
    {
        var document = await DocumentAsync();

        var changes = document["paths"]!["/api/v1/changes"]!["get"]!["responses"]!["200"]!;
        var events = document["paths"]!["/api/v1/events"]!["get"]!["responses"]!["200"]!;

        Assert.Null(changes["headers"]?["Link"]);
        Assert.NotNull(events["headers"]?["Link"]);
    }

    [Fact]
    public async Task ListOperations_DocumentEveryFilterOfTheContract()
    {
        var document = await DocumentAsync();
        var expected = new Dictionary<string, string[]>
        {
            ["events"] = ["from", "to", "category", "countryCode", "q"],
            ["flights"] = ["airlineCode", "originAirport", "destinationAirport", "airport", "status"],
            ["trade-records"] = ["year", "yearFrom", "yearTo", "flow", "reporterCountry", "hsCode"],
            ["agreements"] = ["status", "type", "from", "to", "q"],
        };

        foreach (var (resource, filters) in expected)
        {
            var parameters = document["paths"]![$"/api/v1/{resource}"]!["get"]!["parameters"]!.AsArray()
                .Select(p => (string?)p!["name"]).ToHashSet();
            Assert.Superset(filters.Concat(["page", "pageSize", "sort"]).ToHashSet<string?>(), parameters);
        }
    }

    [Fact]
    public async Task WriteSchemas_MarkRequiredAndReadOnlyFieldsAndRefuseUnknownOnes()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var eventWrite = schemas["EventWrite"]!;
        var required = eventWrite["required"]!.AsArray().Select(r => (string?)r).Order().ToList();

        Assert.Equal(["category", "countryCode", "date", "title"], required);
        Assert.Equal(false, (bool?)eventWrite["additionalProperties"]);
        Assert.Equal(true, (bool?)eventWrite["properties"]!["id"]!["readOnly"]);
        Assert.Null(eventWrite["properties"]!["title"]!["nullable"]);
        Assert.Equal(true, (bool?)eventWrite["properties"]!["summary"]!["nullable"]);
        Assert.Equal(
            ["flow", "partnerCountry", "reporterCountry", "valueUsd", "year"],
            schemas["TradeRecordWrite"]!["required"]!.AsArray().Select(r => (string?)r).Order());
        Assert.Equal(["code", "name"], schemas["AirlineWrite"]!["required"]!.AsArray().Select(r => (string?)r).Order());
    }

    [Fact]
    public async Task ResponseSchemas_MarkEveryPropertyRequiredAndOnlyOptionalOnesNullable()
    {
        var document = await DocumentAsync();
        var response = document["components"]!["schemas"]!["EventResponse"]!;

        var properties = response["properties"]!.AsObject();

        Assert.Equal(properties.Select(p => p.Key).Order(), response["required"]!.AsArray().Select(r => (string?)r).Order());
        Assert.Null(properties["title"]!["nullable"]);
        Assert.Equal(true, (bool?)properties["summary"]!["nullable"]);
        Assert.Equal(true, (bool?)properties["endDate"]!["nullable"]);
    }

    [Fact]
    public async Task Schemas_DescribeDatesEnumsAndMoneyAsTheWireCarriesThem()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var date = schemas["EventResponse"]!["properties"]!["date"]!;
        var validFrom = schemas["FlightResponse"]!["properties"]!["validFrom"]!;
        var createdAt = schemas["EventResponse"]!["properties"]!["createdAt"]!;
        var valueUsd = schemas["TradeRecordResponse"]!["properties"]!["valueUsd"]!;

        Assert.Equal(("string", "partial-date"), ((string?)date["type"], (string?)date["format"]));
        Assert.Matches((string)date["pattern"]!, "1992-12");
        Assert.Equal(("string", "date"), ((string?)validFrom["type"], (string?)validFrom["format"]));
        Assert.Equal(("string", "date-time"), ((string?)createdAt["type"], (string?)createdAt["format"]));
        Assert.Equal(("number", "decimal"), ((string?)valueUsd["type"], (string?)valueUsd["format"]));
        Assert.Equal(["proposed", "underNegotiation", "signed", "inForce", "terminated"], schemas["AgreementStatus"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("string", (string?)schemas["TradeFlow"]!["type"]);
    }

    [Fact]
    public async Task ResponseSchemas_CarryARealExample()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;

        var flight = schemas["FlightResponse"]!["example"]!;
        var list = schemas["TradeRecordList"]!["example"]!;

        Assert.Equal(("ALA", "SEL", 11), ((string?)flight["originAirport"], (string?)flight["destinationAirport"], (int?)flight["weeklyFrequency"]));
        Assert.Equal(6530000000.00m, (decimal?)list["items"]![0]!["valueUsd"]);
        Assert.Equal("2023-10-25", (string?)schemas["EventResponse"]!["example"]!["date"]);
    }

    [Fact]
    public async Task PatchOperations_TakeMergePatchDocuments()
    {
        var document = await DocumentAsync();

        foreach (var resource in Resources)
        {
            var content = document["paths"]![$"/api/v1/{resource}/{{id}}"]!["patch"]!["requestBody"]!["content"]!.AsObject();
            var schema = Assert.Single(content, c => c.Key == "application/merge-patch+json").Value!["schema"]!;
            var patch = document["components"]!["schemas"]![((string)schema["$ref"]!).Split('/')[^1]]!;
            Assert.Equal("object", (string?)patch["type"]);
            Assert.Null(patch["required"]);
        }
    }

    [Fact]
    public async Task SwaggerUi_IsServedAndRootLeadsThere()
    {
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var ui = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        Assert.True((int)root.StatusCode is >= 300 and < 400);
        Assert.Equal("http://localhost/swagger", root.Headers.Location?.OriginalString);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("^[a-z][a-zA-Z]+$")]
    private static partial Regex CamelCase();
}
