using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// Query parameters that take values from a fixed set say so in the document: a comma-separated filter or sort is an
/// array of an enum sent as "a,b" (style form, explode false), a single one a string enum. And the document is true: the
/// API accepts every value it lists and refuses any other with a validation problem.
/// </summary>
public sealed class QueryParameterSchemaTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Bogus = "bogus";

    /// <summary>What each list takes: its comma-separated enum filters, its single enum filters and its sort fields.</summary>
    public static TheoryData<string, string[]> Lists => new()
    {
        { "events", ["category", "sort"] },
        { "flights", ["status", "sort"] },
        { "trade-records", ["flow", "reporterCountry", "sort"] },
        { "agreements", ["status", "type", "sort"] },
    };

    private static readonly Dictionary<string, Dictionary<string, string[]>> ListValues = new()
    {
        ["events"] = new()
        {
            ["category"] = ["diplomatic", "economic", "cultural", "education", "humanitarian", "security", "other"],
            ["sort"] = ["date", "title", "createdAt"],
        },
        ["flights"] = new()
        {
            ["status"] = ["operating", "planned", "suspended", "discontinued"],
            ["sort"] = ["weeklyFrequency", "originAirport", "validFrom"],
        },
        ["trade-records"] = new()
        {
            ["flow"] = ["export", "import", "turnover"],
            ["reporterCountry"] = ["KZ", "KR"],
            ["sort"] = ["year", "valueUsd", "hsCode"],
        },
        ["agreements"] = new()
        {
            ["status"] = ["proposed", "underNegotiation", "signed", "inForce", "terminated"],
            ["type"] = ["treaty", "agreement", "memorandum", "framework", "declaration", "other"],
            ["sort"] = ["signedDate", "title"],
        },
    };

    private static readonly string[] SingleValued = ["reporterCountry"];

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Cancel))!.AsObject();

    private HttpClient AdminClient()
    {
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);
        return client;
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ListAndExport_DocumentTheirEnumFiltersAndSortAsTheCodeHasThem(string resource, string[] enumParameters)
    {
        var document = await DocumentAsync();

        foreach (var path in new[] { $"/api/v1/{resource}", $"/api/v1/{resource}/export" })
        {
            var parameters = QueryParameters(document, path);
            var withEnums = parameters.Where(p => EnumValues(document, p.Value) is not null).Select(p => p.Key).ToHashSet();
            withEnums.Remove("format");   // the export's file format
            Assert.Equal(enumParameters.Order(), withEnums.Order());   // and no other filter is made out to be restricted

            foreach (var name in enumParameters)
            {
                var parameter = parameters[name];
                var schema = parameter["schema"]!;
                var expected = ListValues[resource][name];
                if (name == "sort")
                {
                    Assert.Equal("array", (string?)schema["type"]);
                    Assert.Equal(true, (bool?)schema["uniqueItems"]);
                    Assert.Equal(expected.SelectMany(f => new[] { f, "-" + f }).Order(), EnumValues(document, parameter)!.Order());
                    var example = Strings(parameter["example"]);
                    Assert.True(example.Count >= 2, $"{path}: the sort example {parameter["example"]} shows one field only");
                    Assert.Contains($"e.g. {string.Join(",", example)}", (string?)parameter["description"], StringComparison.Ordinal);
                }
                else if (SingleValued.Contains(name))
                {
                    Assert.Equal("string", (string?)schema["type"]);
                    Assert.Equal(expected.Order(), EnumValues(document, parameter)!.Order());
                    continue;
                }
                else
                {
                    Assert.Equal("array", (string?)schema["type"]);
                    Assert.Equal(expected.Order(), EnumValues(document, parameter)!.Order());
                }
                Assert.Equal(false, (bool?)parameter["explode"]);
                Assert.Equal("form", (string?)parameter["style"] ?? "form");   // form is the default for a query parameter
                Assert.Subset(EnumValues(document, parameter)!.ToHashSet(), Strings(parameter["example"]).ToHashSet());
            }
        }
    }

    [Fact]
    public async Task ListSorts_HaveAnExampleOfTheirOwn()
    {
        var document = await DocumentAsync();

        var examples = ListValues.Keys.Select(resource => Strings(QueryParameters(document, $"/api/v1/{resource}")["sort"]["example"])).ToList();

        Assert.Equal(examples.Count, examples.Select(e => string.Join(",", e)).Distinct().Count());
        Assert.All(examples, e => Assert.Equal(e.Count, e.Select(field => field.TrimStart('-')).Distinct().Count()));
    }

    /// <summary>Every GET operation's enum query parameters, each value listed, in the document's own serialisation.</summary>
    public static TheoryData<string> ReadPaths() =>
    [
        "/api/v1/events", "/api/v1/events/export", "/api/v1/events/import/template",
        "/api/v1/flights", "/api/v1/flights/export",
        "/api/v1/trade-records", "/api/v1/trade-records/export",
        "/api/v1/agreements", "/api/v1/agreements/export",
        "/api/v1/stats/trade", "/api/v1/timeline", "/api/v1/search", "/api/v1/changes", "/api/v1/admin/audit",
    ];

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public async Task EveryDocumentedValue_IsAccepted_AndAnyOtherRefused(string path)
    {
        var document = await DocumentAsync();
        var client = AdminClient();   // the audit needs an admin key; the other reads take any key or none
        var parameters = QueryParameters(document, path);
        // What the operation requires (the search's q), from its examples.
        var required = parameters.Values.Where(p => (bool?)p["required"] == true)
            .Select(p => $"{p["name"]}={Uri.EscapeDataString(Serialised(p["example"]))}").ToList();
        var enums = parameters.Where(p => EnumValues(document, p.Value) is not null).ToList();
        Assert.NotEmpty(enums);

        async Task<HttpResponseMessage> Get(string name, string value) =>
            await client.GetAsync($"{path}?{string.Join("&", required.Append($"{name}={Uri.EscapeDataString(value)}"))}", Cancel);

        foreach (var (name, parameter) in enums)
        {
            var values = EnumValues(document, parameter)!;
            var isList = (string?)parameter["schema"]!["type"] == "array";
            foreach (var value in values.Append(Serialised(parameter["example"])))
            {
                var response = await Get(name, value);
                Assert.True(response.IsSuccessStatusCode, $"{path}?{name}={value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
            }
            if (isList && values.Count >= 2)
            {
                // Two values at once, comma-separated as explode false says (a sort's two directions of one field excepted).
                var pair = values.Where(v => !v.StartsWith('-')).Take(2).ToList();
                var response = await Get(name, string.Join(",", pair));
                Assert.True(response.IsSuccessStatusCode, $"{path}?{name}={string.Join(",", pair)}: {(int)response.StatusCode}");
            }

            var refused = new List<string> { Bogus, values[0] + "x" };
            if (isList)
            {
                refused.Add($"{values[0]},{Bogus}");
            }
            foreach (var value in refused)
            {
                var problem = await (await Get(name, value)).ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
                Assert.Contains(name, problem.ErrorFields());
            }
        }
    }

    [Theory]
    [InlineData("events", "date,date")]
    [InlineData("events", "date,-date")]
    [InlineData("trade-records", "year,-year")]
    public async Task Sort_NamingAFieldTwice_IsRefused(string resource, string sort)
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/{resource}?sort={sort}", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains("sort", problem.ErrorFields());
    }

    private static Dictionary<string, JsonObject> QueryParameters(JsonObject document, string path) =>
        document["paths"]![path]!["get"]!["parameters"]!.AsArray()
            .Select(p => p!.AsObject())
            .Where(p => (string?)p["in"] == "query")
            .ToDictionary(p => (string)p["name"]!);

    /// <summary>The values of a parameter's enum, or of its items' enum for an array, following a $ref; null when it has none.</summary>
    private static List<string>? EnumValues(JsonObject document, JsonObject parameter)
    {
        var schema = Resolve(document, parameter["schema"]!);
        if ((string?)schema["type"] == "array")
        {
            schema = Resolve(document, schema["items"]!);
        }
        return schema["enum"] is JsonArray values ? Strings(values) : null;
    }

    private static JsonNode Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => (string)v!)] : node is null ? [] : [(string)node!];

    /// <summary>An example as it goes in the query string: an array's items comma-separated (explode false).</summary>
    private static string Serialised(JsonNode? example) => string.Join(",", Strings(example));
}
