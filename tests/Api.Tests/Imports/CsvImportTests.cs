using System.Net;
using System.Text;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;

namespace RelationsApi.Api.Tests.Imports;

/// <summary>POST /api/v1/{resource}/import with text/csv: a partner's spreadsheet, good and broken, and an export sent back.</summary>
public sealed class CsvImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TradeHeader = "externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd,sources";

    private readonly HttpClient _client = api.CreateClient();

    private Task<HttpResponseMessage> ImportCsvAsync(string resource, string csv, string query = "") =>
        _client.PostAsync($"/api/v1/{resource}/import{query}", new ByteArrayContent(Encoding.UTF8.GetBytes(csv))
        {
            Headers = { ContentType = new("text/csv") { CharSet = "utf-8" } },
        }, Cancel);

    private async Task<ImportResult> ImportCsvOkAsync(string resource, string csv, string query = "")
    {
        var response = await ImportCsvAsync(resource, csv, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return await response.ReadAsync<ImportResult>();
    }

    private async Task<string> ExportAsync(string resourceAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{resourceAndQuery}");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await _client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    [Fact]
    public async Task ACsvFile_WithABom_CreatesTheRecords_WithListsAndSources()
    {
        var first = NewExternalId("csv");
        var csv = "\uFEFF" + TradeHeader + "\r\n"
            + $"{first},KZ,KR,export,2019,3,710812,\"Gold, unwrought\",1250000.5,Customs|https://example.org/c|2020-01-31;Ministry\r\n"
            + $"{NewExternalId("csv")},KR,KZ,import,2019,,710813,,99,\r\n";

        var result = await ImportCsvOkAsync("trade-records", csv);
        var stored = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={first}");

        Assert.Equal((2, 2, 0, 0), (result.Received, result.Created, result.Updated, result.Unchanged));
        var record = Assert.Single(stored.Items);
        Assert.Equal(("Gold, unwrought", 1250000.50m, 3), (record.Commodity, record.ValueUsd, record.Month));
        Assert.Equal(["Customs", "Ministry"], record.Sources.Select(s => s.Name));
        Assert.Equal(new DateOnly(2020, 1, 31), record.Sources[0].PublishedOn);
    }

    [Fact]
    public async Task ASpreadsheetsSemicolonFile_WithDecimalCommasAndQuotedEmptyCells_IsImported()
    {
        var id = NewExternalId("xl");
        var csv = "\uFEFF\"externalId\";\"reporterCountry\";\"partnerCountry\";\"flow\";\"year\";\"month\";\"hsCode\";\"commodity\";\"valueUsd\"\r\n"
            + $"\"{id}\";\"KZ\";\"KR\";\"export\";\"2018\";\"\";\"\";\"\";\"1234,56\"\r\n";

        var result = await ImportCsvOkAsync("trade-records", csv);
        var record = Assert.Single((await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={id}")).Items);

        Assert.Equal(1, result.Created);
        Assert.Equal((1234.56m, (int?)null, (string?)null, (string?)null), (record.ValueUsd, record.Month, record.HsCode, record.Commodity));
    }

    [Fact]
    public async Task AListCountedBeforeAnImport_CountsTheImportedRowsAfterIt()
    {
        var before = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2016&flow=import");
        var csv = TradeHeader + "\n"
            + $"{NewExternalId("csv")},KR,KZ,import,2016,1,740101,,7,\n"
            + $"{NewExternalId("csv")},KR,KZ,import,2016,2,740101,,8,\n";

        await ImportCsvOkAsync("trade-records", csv);
        var after = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2016&flow=import");

        Assert.Equal(before.TotalCount + 2, after.TotalCount);
    }

    [Fact]
    public async Task AnExport_ImportedBack_IsAllUnchanged_AndKeepsVersions()
    {
        await _client.PostJsonAsync("/api/v1/events", Bodies.Event("=SUM(A1:A2); \"quoted\" | piped"));
        await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("ALA", "PUS"));
        foreach (var resource in new[] { "events", "flights", "trade-records", "agreements" })
        {
            var before = await ExportAsync(resource);

            var result = await ImportCsvOkAsync(resource, before);

            Assert.True(result.Received > 0, resource);
            Assert.Equal((result.Received, 0, 0), (result.Unchanged, result.Created, result.Updated));
            Assert.Equal(before, await ExportAsync(resource));
        }
    }

    [Fact]
    public async Task AnEditedExport_UpdatesOnlyTheEditedRow()
    {
        var created = await (await _client.PostJsonAsync("/api/v1/flights", Bodies.Flight("NQZ", "CJU"))).ReadAsync<FlightResponse>();
        var export = await ExportAsync("flights?originAirport=NQZ&destinationAirport=CJU");

        var edited = export.Replace(",7,360,", ",9,360,", StringComparison.Ordinal);
        var result = await ImportCsvOkAsync("flights", edited);
        var after = await _client.GetJsonAsync<FlightResponse>($"/api/v1/flights/{created.Id}");

        Assert.Equal((1, 0), (result.Updated, result.Unchanged));
        Assert.Equal((9, 2), (after.WeeklyFrequency, after.Version));
    }

    [Theory]
    [InlineData("externalId,reporterCountry,partnerCountry,flow,year,valueUsd,colour\r\nx1,KZ,KR,export,2019,1,red\r\n", "colour")]
    [InlineData("year,year\r\n2019,2019\r\n", "year")]
    [InlineData("", "header")]
    public async Task AFileThatCannotBeRead_Is400Malformed_NamingWhy(string csv, string named)
    {
        var response = await ImportCsvAsync("trade-records", csv);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Contains(named, (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadRows_Are400WithRowAndFieldKeys_MessagesNamingTheLine_AndNothingIsWritten()
    {
        var good = NewExternalId("csv");
        var csv = TradeHeader + "\n"
            + $"{good},KZ,KR,export,2018,,720110,,5,\n"
            + $"{NewExternalId("csv")},KZ,KR,export,twenty,,720111,,5,\n"
            + $"{NewExternalId("csv")},KZ,KR,sideways,2018,,720112,,5,\n"
            + $"{NewExternalId("csv")},KZ,KR,export,2018,,720113,,5\n";

        var response = await ImportCsvAsync("trade-records", csv);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("line 3", (string?)errors["[1].year"]![0]);
        Assert.Contains("line 4", (string?)errors["[2].flow"]![0]);
        Assert.Contains(errors, e => e.Key.StartsWith("[3]", StringComparison.Ordinal) && ((string?)e.Value![0])!.Contains("line 5"));
        Assert.Empty((await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={good}")).Items);
    }

    [Fact]
    public async Task AnUnclosedQuote_Is400NamingItsLine_AndNothingIsWritten()
    {
        var good = NewExternalId("csv");
        var csv = "externalId,title,category,date,countryCode\n"
            + $"{good},Fine,cultural,2020,KZ\n"
            + $"{NewExternalId("csv")},\"Broken,cultural,2020,KZ\n"
            + $"{NewExternalId("csv")},After,cultural,2020,KZ\n";

        var response = await ImportCsvAsync("events", csv);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains(problem["errors"]!.AsObject(), e => e.Key.StartsWith("[1]", StringComparison.Ordinal) && ((string?)e.Value![0])!.Contains("line 3"));
        Assert.Empty((await _client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?externalId={good}")).Items);
    }

    [Fact]
    public async Task TheSameRowTwiceInOneFile_IsAnErrorNamingBothRows()
    {
        var row = $"{NewExternalId("csv")},KZ,KR,turnover,2017,,730101,,5,";
        var csv = $"{TradeHeader}\n{row}\n{row}\n";

        var response = await ImportCsvAsync("trade-records", csv);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var message = (string?)problem["errors"]!.AsObject().Single().Value![0];
        Assert.Contains("Rows 0 and 1", message);
    }
}
