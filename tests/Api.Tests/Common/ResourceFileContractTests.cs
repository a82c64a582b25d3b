using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>
/// The exchange files every resource has, run for each registered resource (as <see cref="ResourceContractTests"/>):
/// uploads of CSV and XLSX files, the export operation in both formats, and the import template.
/// </summary>
public sealed class ResourceFileContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] ServerFields = ["id", "version", "createdAt", "updatedAt"];

    private static int _unique = 200_000;

    private readonly HttpClient _client = api.CreateClient();

    public static TheoryData<string> All => ResourceContractTests.All;

    /// <summary>A valid new body of <paramref name="resource"/> with <paramref name="externalId"/>, unique where the resource has a unique key.</summary>
    private static JsonObject NewBody(string resource, string externalId)
    {
        object body = resource switch
        {
            "events" => Bodies.Event(title: "File contract"),
            "flights" => Bodies.Flight(),
            "trade-records" => Bodies.TradeRecord(year: 2002, hsCode: Interlocked.Increment(ref _unique).ToString(CultureInfo.InvariantCulture)),
            "agreements" => Bodies.Agreement(title: "File contract"),
            _ => throw new ArgumentException($"No test body for {resource}: add one here when registering a resource.", nameof(resource)),
        };
        var json = JsonSerializer.SerializeToNode(body, HttpClientExtensions.Json)!.AsObject();
        json["externalId"] = externalId;
        return json;
    }

    private async Task<JsonObject> CreateAsync(string resource, string externalId)
    {
        var response = await _client.PostJsonAsync($"/api/v1/{resource}", NewBody(resource, externalId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
    }

    private async Task<JsonObject?> FindAsync(HttpClient client, string resource, string externalId)
    {
        var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/{resource}?externalId={externalId}", Cancel))!;
        return page["items"]!.AsArray().SingleOrDefault()?.AsObject();
    }

    private static async Task<ImportResult> ImportedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return await response.ReadAsync<ImportResult>();
    }

    /// <summary>The record's fields without the server's, to compare a record with one made again from a file.</summary>
    private static string Fields(JsonObject record)
    {
        var copy = record.DeepClone().AsObject();
        foreach (var field in ServerFields)
        {
            copy.Remove(field);
        }
        return copy.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Template_CsvAndXlsx_NameEveryWriteField_AndTheExampleImportsIntoANewDatabase(string resource)
    {
        using var fresh = new ApiFactory();
        var client = fresh.CreateClient();
        var exportHeader = (await client.GetStringAsync($"/api/v1/{resource}/export?externalId=none", Cancel)).Split("\r\n")[0].Split(',');

        var csvResponse = await client.GetAsync($"/api/v1/{resource}/import/template", Cancel);
        var xlsxResponse = await client.GetAsync($"/api/v1/{resource}/import/template?format=Xlsx", Cancel);

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"{resource}-template.csv\"", csvResponse.Content.Headers.ContentDisposition?.ToString());
        var csv = await csvResponse.Content.ReadAsStringAsync(Cancel);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(exportHeader.Except(ServerFields), lines[0].Split(','));

        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal(ExchangeFiles.XlsxType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"{resource}-template.xlsx\"", xlsxResponse.Content.Headers.ContentDisposition?.ToString());
        var workbook = await xlsxResponse.Content.ReadAsByteArrayAsync(Cancel);
        var sheet = ExchangeFiles.ReadWorkbook(workbook);
        Assert.Equal(2, sheet.Count);
        Assert.Equal(lines[0].Split(','), sheet[0].Select(c => (string?)c));

        var csvDryRun = await ImportedAsync(await client.UploadCsvAsync(resource, csv, "?dryRun=true&mode=insert"));
        var xlsxDryRun = await ImportedAsync(await client.UploadXlsxAsync(resource, workbook, "?dryRun=true&mode=insert"));
        var csvImport = await ImportedAsync(await client.UploadCsvAsync(resource, csv));
        var xlsxImport = await ImportedAsync(await client.UploadXlsxAsync(resource, workbook));

        Assert.Equal((1, 1), (csvDryRun.Received, csvDryRun.Created));
        Assert.Equal((1, 1), (xlsxDryRun.Received, xlsxDryRun.Created));
        Assert.Equal(1, csvImport.Created);
        Assert.Equal(1, xlsxImport.Unchanged);   // the same record in both files
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task UploadCsvAndXlsx_OfAnExportWithoutIds_CreateTheRecordAgain(string resource)
    {
        var externalId = NewExternalId("file");
        var created = await CreateAsync(resource, externalId);
        var export = await _client.GetStringAsync($"/api/v1/{resource}/export?externalId={externalId}", Cancel);
        var lines = export.Split("\r\n");
        Assert.StartsWith($"{(int)created["id"]!},", lines[1], StringComparison.Ordinal);
        var withoutId = $"{lines[0]}\r\n{lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..]}\r\n";   // the id cell emptied: a new record

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/{resource}/{(int)created["id"]!}", ifMatch: null)).StatusCode);
        var fromCsv = await ImportedAsync(await _client.UploadCsvAsync(resource, withoutId));
        var afterCsv = await FindAsync(_client, resource, externalId);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/{resource}/{(int)afterCsv!["id"]!}", ifMatch: null)).StatusCode);
        var fromXlsx = await ImportedAsync(await _client.UploadXlsxAsync(resource, ExchangeFiles.WorkbookOfCsv(withoutId)));
        var afterXlsx = await FindAsync(_client, resource, externalId);

        Assert.Equal((1, 1), (fromCsv.Received, fromCsv.Created));
        Assert.Equal((1, 1), (fromXlsx.Received, fromXlsx.Created));
        Assert.Equal(Fields(created), Fields(afterCsv));
        Assert.Equal(Fields(created), Fields(afterXlsx!));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task XlsxExport_ImportedBack_ReportsEveryRowUnchanged(string resource)
    {
        await CreateAsync(resource, NewExternalId("xlsx"));
        var csv = await _client.GetStringAsync($"/api/v1/{resource}/export", Cancel);

        var response = await _client.GetAsync($"/api/v1/{resource}/export?format=xlsx", Cancel);
        var workbook = await response.Content.ReadAsByteArrayAsync(Cancel);
        var result = await ImportedAsync(await _client.UploadXlsxAsync(resource, workbook));

        Assert.Equal(ExchangeFiles.XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"{resource}.xlsx\"", response.Content.Headers.ContentDisposition?.ToString());
        var sheet = ExchangeFiles.ReadWorkbook(workbook);
        var header = csv.Split("\r\n")[0].Split(',');
        Assert.Equal(header, sheet[0].Select(c => (string?)c));
        Assert.IsType<double>(sheet[1][Array.IndexOf(header, "version")]);   // numbers are number cells
        Assert.Equal(sheet.Count - 1, result.Received);
        Assert.Equal((result.Received, 0, 0), (result.Unchanged, result.Created, result.Updated));
        Assert.Equal(csv, await _client.GetStringAsync($"/api/v1/{resource}/export", Cancel));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Export_ReadsTheListsFiltersAndFormatInAnyCase_AndRefusesBadOnes(string resource)
    {
        var first = NewExternalId("export");
        var second = NewExternalId("export");
        await CreateAsync(resource, first);
        await CreateAsync(resource, second);

        var csv = await _client.GetAsync($"/api/v1/{resource}/export?externalId={second}&format=CSV", Cancel);
        var xlsx = await _client.GetAsync($"/api/v1/{resource}/export?externalId={second}&format=xlsx", Cancel);
        var badFormat = await _client.GetAsync($"/api/v1/{resource}/export?format=pdf", Cancel);
        var badSort = await _client.GetAsync($"/api/v1/{resource}/export?sort=nope", Cancel);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"{resource}.csv\"", csv.Content.Headers.ContentDisposition?.ToString());
        var row = Assert.Single((await csv.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Contains($",{second},", row, StringComparison.Ordinal);
        var sheet = ExchangeFiles.ReadWorkbook(await xlsx.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(second, (string?)Assert.Single(sheet.Skip(1))[1]);
        var formatProblem = await badFormat.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["format"], formatProblem.ErrorFields());
        Assert.Equal("'format' is one of: csv, xlsx.", (string?)formatProblem["errors"]!["format"]![0]);
        Assert.Equal(["sort"], (await badSort.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).ErrorFields());
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Upload_OfAnotherType_Is415_AndWithoutAFilePart_Is400_AndNothingIsWritten(string resource)
    {
        var template = await _client.GetStringAsync($"/api/v1/{resource}/import/template", Cancel);
        var bytes = System.Text.Encoding.UTF8.GetBytes(template);
        var end = await _client.ChangeFeedEndAsync();

        var pdf = await _client.UploadAsync(resource, bytes, "records.pdf", "application/pdf");
        var unnamed = await _client.UploadAsync(resource, bytes, "records", contentType: null);
        var misnamed = await _client.UploadAsync(resource, bytes, $"{resource}.csv", "text/csv", partName: "upload");

        await pdf.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        await unnamed.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        var problem = await misnamed.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Contains("'file'", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(end, await _client.ChangeFeedEndAsync());
    }
}
