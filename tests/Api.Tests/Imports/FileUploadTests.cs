using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;

namespace RelationsApi.Api.Tests.Imports;

/// <summary>POST /api/v1/{resource}/import with multipart/form-data: a partner's CSV or XLSX file, typed cells, bad rows and broken files.</summary>
public sealed class FileUploadTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TradeHeader = "externalId,reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd,sources";

    private static readonly object?[] TradeColumns = ["externalId", "reporterCountry", "partnerCountry", "flow", "year", "month", "hsCode", "valueUsd", "sources"];

    private readonly HttpClient _client = api.CreateClient();

    private async Task<ImportResult> ImportedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return await response.ReadAsync<ImportResult>();
    }

    private async Task<TradeRecordResponse?> TradeRecordAsync(string externalId) =>
        (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={externalId}")).Items.SingleOrDefault();

    [Fact]
    public async Task Xlsx_TypedNumberAndDateCells_AreReadByTheColumnRules()
    {
        var trade = NewExternalId("typed");
        var visit = NewExternalId("typed");
        var flight = NewExternalId("typed");
        var trades = ExchangeFiles.Workbook(
            TradeColumns,
            [trade, "KZ", "KR", "export", 2013, 4.0, 720110, 1234.5, "Customs|https://example.org/c|2020-01-31"]);
        var events = ExchangeFiles.Workbook(
            ["externalId", "title", "category", "date", "endDate", "countryCode"],
            [visit, "Typed dates", "cultural", new DateTime(2013, 5, 1), new DateTime(2013, 5, 3), "KZ"]);
        var flights = ExchangeFiles.Workbook(
            ["externalId", "originAirport", "destinationAirport", "airlines", "weeklyFrequency", "status", "validFrom"],
            [flight, "ALA", "ICN", "KC|Air Astana", 3, "operating", new DateTime(2013, 6, 1)]);

        await ImportedAsync(await _client.UploadXlsxAsync("trade-records", trades));
        await ImportedAsync(await _client.UploadXlsxAsync("events", events));
        await ImportedAsync(await _client.UploadXlsxAsync("flights", flights));

        var record = await TradeRecordAsync(trade);
        Assert.Equal((2013, (int?)4, "720110", 1234.50m), (record!.Year, record.Month, record.HsCode, record.ValueUsd));
        Assert.Equal(new DateOnly(2020, 1, 31), Assert.Single(record.Sources).PublishedOn);
        var stored = Assert.Single((await _client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?externalId={visit}")).Items);
        Assert.Equal(("2013-05-01", "2013-05-03"), (stored.Date.ToString(), stored.EndDate?.ToString()));
        var route = Assert.Single((await _client.GetJsonAsync<ListPage<FlightResponse>>($"/api/v1/flights?externalId={flight}")).Items);
        Assert.Equal((new DateOnly(2013, 6, 1), 3), (route.ValidFrom, route.WeeklyFrequency));
    }

    [Fact]
    public async Task Xlsx_BadRows_Are400WithEveryErrorOfTheRow_NamingTheSpreadsheetRow_AndNothingIsWritten()
    {
        var good = NewExternalId("bad");
        var workbook = ExchangeFiles.Workbook(
            TradeColumns,
            [good, "KZ", "KR", "export", 2012, null, "720110", 5.0, null],
            [null, null, null, null, null, null, null, null, null],
            [NewExternalId("bad"), "KZ", "KR", "sideways", "twenty", 13, "720111", 5.0, null],
            [NewExternalId("bad"), "KZ", "KR", "export", 2012, null, "720112", "five", null]);

        var response = await _client.UploadXlsxAsync("trade-records", workbook);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var errors = problem["errors"]!.AsObject();
        Assert.StartsWith("row 4: ", (string?)errors["[1].flow"]![0], StringComparison.Ordinal);
        Assert.StartsWith("row 4: ", (string?)errors["[1].year"]![0], StringComparison.Ordinal);
        Assert.Contains("row 4", (string?)errors["[1].month"]![0], StringComparison.Ordinal);
        Assert.StartsWith("row 5: 'valueUsd' must be a number", (string?)errors["[2].valueUsd"]![0], StringComparison.Ordinal);
        Assert.Null(await TradeRecordAsync(good));
    }

    public static TheoryData<string, byte[], string, string> Unreadable => new()
    {
        { "not a zip", Encoding.UTF8.GetBytes("hello, not a workbook"), "trade-records.xlsx", "workbook" },
        { "a zip without a worksheet", ZipOf("readme.txt", "no sheet here"), "trade-records.xlsx", "workbook" },
        { "an empty xlsx file", [], "trade-records.xlsx", "workbook" },
        { "an empty worksheet", ZipOfEmptySheet(), "trade-records.xlsx", "header" },
        { "a header-only workbook", ExchangeFiles.Workbook(TradeColumns), "trade-records.xlsx", "no rows" },
        { "an unknown column", ExchangeFiles.Workbook(["year", "colour"], [2019, "red"]), "trade-records.xlsx", "colour" },
        { "an empty csv file", [], "trade-records.csv", "empty" },
        { "a header-only csv file", Encoding.UTF8.GetBytes(TradeHeader + "\r\n"), "trade-records.csv", "no rows" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task Upload_OfAFileThatCannotBeRead_Is400NamingWhy_AndNothingIsWritten(string what, byte[] content, string fileName, string named)
    {
        var end = await _client.ChangeFeedEndAsync();

        var response = await _client.UploadAsync("trade-records", content, fileName, contentType: null);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.True(((string?)problem["detail"])!.Contains(named, StringComparison.OrdinalIgnoreCase), $"{what}: {problem["detail"]}");
        Assert.Equal(end, await _client.ChangeFeedEndAsync());
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=cut", "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nyear\r\n2019\r\n")]
    [InlineData("multipart/form-data; boundary=cut", "no boundary anywhere")]
    [InlineData("multipart/form-data", "--cut\r\n\r\n--cut--\r\n")]
    [InlineData("multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "--x--")]
    [InlineData("multipart/form-data; boundary=cut", "")]
    public async Task Upload_OfAMalformedMultipartBody_Is400_AndNothingIsWritten(string contentType, string body)
    {
        var end = await _client.ChangeFeedEndAsync();

        var response = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import", body, contentType);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal(end, await _client.ChangeFeedEndAsync());
    }

    [Fact]
    public async Task Upload_ThePartsContentTypeDecides_ElseTheNamesExtension()
    {
        var (csvNamedXlsx, xlsxAsOctets, tabsAsExcel) = (NewExternalId("kind"), NewExternalId("kind"), NewExternalId("kind"));
        var csv = $"{TradeHeader}\r\n{csvNamedXlsx},KZ,KR,import,2011,,730101,,7,\r\n";
        var workbook = ExchangeFiles.Workbook(TradeColumns, [xlsxAsOctets, "KZ", "KR", "import", 2011, null, "730102", 8, null]);
        var tabs = $"externalId\treporterCountry\tpartnerCountry\tflow\tyear\thsCode\tvalueUsd\r\n{tabsAsExcel}\tKZ\tKR\timport\t2011\t730103\t9\r\n";

        await ImportedAsync(await _client.UploadAsync("trade-records", Encoding.UTF8.GetBytes(csv), "data.xlsx", "text/csv"));
        await ImportedAsync(await _client.UploadAsync("trade-records", workbook, "DATA.XLSX", "application/octet-stream"));
        await ImportedAsync(await _client.UploadAsync("trade-records", Encoding.UTF8.GetBytes(tabs), "data.tsv", "application/vnd.ms-excel"));

        Assert.Equal(7m, (await TradeRecordAsync(csvNamedXlsx))?.ValueUsd);
        Assert.Equal(8m, (await TradeRecordAsync(xlsxAsOctets))?.ValueUsd);
        Assert.Equal(9m, (await TradeRecordAsync(tabsAsExcel))?.ValueUsd);
    }

    [Fact]
    public async Task Upload_SemicolonCsvWithDecimalCommas_AndOtherPartsAround_IsReadLikeARawBody()
    {
        var id = NewExternalId("semi");
        var csv = $"\uFEFFexternalId;reporterCountry;partnerCountry;flow;year;valueUsd\r\n{id};KZ;KR;export;2010;\"1234,56\"\r\n";
        var form = new MultipartFormDataContent
        {
            { new StringContent("a note before the file"), "note" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "semicolons.csv" },
            { new StringContent("and one after it"), "comment" },
        };

        var result = await ImportedAsync(await _client.PostAsync("/api/v1/trade-records/import?mode=INSERT", form, Cancel));

        Assert.Equal(1, result.Created);
        Assert.Equal(1234.56m, (await TradeRecordAsync(id))?.ValueUsd);
    }

    [Fact]
    public async Task Export_TradeRecords_AppliesFiltersAndSortWithoutPaging_InBothFormats()
    {
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2009, $"8{i:D3}00", valueUsd: 1000 - i))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(2008, "810000", valueUsd: 5))).StatusCode);
        const string query = "year=2009&hsCode=8&sort=valueUsd&page=2&pageSize=10";

        var csv = await _client.GetStringAsync($"/api/v1/trade-records/export?{query}", Cancel);
        var sheet = ExchangeFiles.ReadWorkbook(await _client.GetByteArrayAsync($"/api/v1/trade-records/export?{query}&format=xlsx", Cancel));
        var json = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2009&hsCode=8&sort=valueUsd&pageSize=100");

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(25, json.Items.Count);
        Assert.Equal(json.Items.Select(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Split(',')[0]));
        Assert.Equal(json.Items.Select(t => (double)t.Id), sheet.Skip(1).Select(r => (double)r[0]!));
        Assert.Equal(json.Items.Select(t => (double)t.ValueUsd), sheet.Skip(1).Select(r => (double)r[Array.IndexOf(sheet[0], "valueUsd")]!));
    }

    private static byte[] ZipOf(string name, string content)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }
        return output.ToArray();
    }

    /// <summary>A workbook whose first worksheet has no rows at all.</summary>
    private static byte[] ZipOfEmptySheet()
    {
        using var input = new MemoryStream(ExchangeFiles.Workbook(["x"]));
        using var output = new MemoryStream();
        input.CopyTo(output);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>");
        }
        return output.ToArray();
    }
}

/// <summary>The import limits, set small, for uploaded files.</summary>
public sealed class FileUploadLimitTests : IDisposable
{
    private readonly ApiFactory _api = new() { Settings = { ["Api:MaxImportRows"] = "2", ["Api:MaxImportBytes"] = "20000" } };
    private readonly HttpClient _client;

    public FileUploadLimitTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Upload_OverTheRowOrByteLimit_Is413_AndWritesNothing()
    {
        var rows = Enumerable.Range(0, 3).Select(i => new object?[] { "KZ", "KR", "export", 1994, $"{10 + i}", 1.5 });
        var workbook = ExchangeFiles.Workbook([["reporterCountry", "partnerCountry", "flow", "year", "hsCode", "valueUsd"], .. rows]);
        var large = Encoding.UTF8.GetBytes("year,valueUsd\r\n" + string.Concat(Enumerable.Repeat("1994,1\r\n", 4000)));

        var tooManyRows = await _client.UploadXlsxAsync("trade-records", workbook);
        var tooLarge = await _client.UploadAsync("trade-records", large, "large.csv", "text/csv");

        await tooManyRows.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        await tooLarge.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        Assert.Empty((await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=1994")).Items);
    }
}
