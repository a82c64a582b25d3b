using System.Text.Json.Nodes;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>How the OpenAPI document shows the exchange files: the upload, the export and the import template.</summary>
public sealed class ExchangeFileDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Resources = ["events", "flights", "trade-records", "agreements"];

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Cancel))!.AsObject();

    [Fact]
    public async Task Imports_TakeJsonCsvAndAFormWithABinaryFile()
    {
        var document = await DocumentAsync();

        foreach (var resource in Resources)
        {
            var content = document["paths"]![$"/api/v1/{resource}/import"]!["post"]!["requestBody"]!["content"]!.AsObject();
            Assert.Equal(["application/json", "multipart/form-data", "text/csv"], content.Select(c => c.Key).Order());
            var form = content["multipart/form-data"]!["schema"]!;
            Assert.Equal("object", (string?)form["type"]);
            Assert.Equal(["file"], form["required"]!.AsArray().Select(r => (string?)r));
            Assert.Equal(["file"], form["properties"]!.AsObject().Select(p => p.Key));
            Assert.Equal(("string", "binary"), ((string?)form["properties"]!["file"]!["type"], (string?)form["properties"]!["file"]!["format"]));
            Assert.Equal("array", (string?)content["application/json"]!["schema"]!["type"]);
        }
    }

    [Fact]
    public async Task Lists_DocumentOnlyJson()
    {
        var document = await DocumentAsync();

        foreach (var resource in Resources)
        {
            var ok = document["paths"]![$"/api/v1/{resource}"]!["get"]!["responses"]!["200"]!;
            Assert.Equal(["application/json"], ok["content"]!.AsObject().Select(c => c.Key));
        }
    }

    [Theory]
    [InlineData("events", "/export", "exportEvents")]
    [InlineData("trade-records", "/export", "exportTradeRecords")]
    [InlineData("agreements", "/import/template", "getAgreementImportTemplate")]
    [InlineData("flights", "/import/template", "getFlightImportTemplate")]
    public async Task FileOperations_AnswerCsvOrXlsxAsAnAttachment_InAFormatThatIsAnEnum(string resource, string path, string operationId)
    {
        var document = await DocumentAsync();

        var operation = document["paths"]![$"/api/v1/{resource}{path}"]!["get"]!;
        var ok = operation["responses"]!["200"]!;
        var parameters = operation["parameters"]!.AsArray().Select(p => p!).ToList();
        var format = parameters.Single(p => (string?)p["name"] == "format")["schema"]!;
        var formatSchema = document["components"]!["schemas"]![((string)format["$ref"]!).Split('/')[^1]]!;

        Assert.Equal(operationId, (string?)operation["operationId"]);
        Assert.Equal(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], ok["content"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal("binary", (string?)ok["content"]!["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]!["schema"]!["format"]);
        Assert.NotNull(ok["headers"]!["Content-Disposition"]);
        Assert.Equal("#/components/schemas/ExportFormat", (string?)format["$ref"]);
        Assert.Equal(["csv", "xlsx"], formatSchema["enum"]!.AsArray().Select(v => (string?)v));
        Assert.DoesNotContain(parameters, p => (string?)p["name"] is "page" or "pageSize");
        Assert.Contains("400", operation["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task Export_TakesTheListsFiltersAndSort()
    {
        var document = await DocumentAsync();

        foreach (var resource in Resources)
        {
            var list = document["paths"]![$"/api/v1/{resource}"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]);
            var export = document["paths"]![$"/api/v1/{resource}/export"]!["get"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]);
            Assert.Equal(list.Except(["page", "pageSize"]).Append("format").Order(), export.Order());
        }
    }
}
