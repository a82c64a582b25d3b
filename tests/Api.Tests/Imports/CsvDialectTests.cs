using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;

namespace RelationsApi.Api.Tests.Imports;

/// <summary>
/// The same two trade records saved as the tools partners use write them (files in Imports/Dialects: separator, quoting,
/// byte order mark, line ends and decimal separator of each), imported as a file chosen in a browser and as a raw body.
/// Every one must give exactly the same records.
/// </summary>
public sealed class CsvDialectTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Files =>
    [
        "excel-en.csv",           // Excel "CSV UTF-8", English locale: byte order mark, commas, CRLF
        "excel-ru.csv",           // the same save in a Russian or Kazakh locale: semicolons and decimal commas
        "libreoffice.csv",        // LibreOffice Calc's default export: no byte order mark, LF
        "google-sheets.csv",      // Google Sheets' download: CRLF, no line break after the last row
        "pandas-quote-all.csv",   // pandas to_csv(quoting=csv.QUOTE_ALL): every cell quoted, empty ones as ""
        "tsv-paste.tsv",          // cells copied from a spreadsheet: tabs
    ];

    private static int s_lastYear = 1995;

    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task AFileChosenInABrowser_ImportsTheSameRecords(string file)
    {
        var (bytes, prefix, year) = Fixture(file);
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        // What a browser sends for the file's extension.
        part.Headers.ContentType = new MediaTypeHeaderValue(file.EndsWith(".tsv", StringComparison.Ordinal) ? "text/tab-separated-values" : "text/csv");
        form.Add(part, "file", file);

        var response = await _client.PostAsync("/api/v1/trade-records/import", form, Cancel);

        await AssertImportedAsync(response, prefix, year);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task AFileSentAsTheBody_ImportsTheSameRecords(string file)
    {
        var (bytes, prefix, year) = Fixture(file);
        var body = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

        var response = await _client.PostAsync("/api/v1/trade-records/import", body, Cancel);

        await AssertImportedAsync(response, prefix, year);
    }

    /// <summary>
    /// The file's bytes with its external ids and year (2021) made unique to this test, so that its records are new: their
    /// id prefix and year.
    /// </summary>
    private static (byte[] Bytes, string Prefix, int Year) Fixture(string file)
    {
        var prefix = NewExternalId(Path.GetFileNameWithoutExtension(file));
        var year = Interlocked.Increment(ref s_lastYear);
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Imports", "Dialects", file)));
        Assert.Contains("DIALECT-2", text, StringComparison.Ordinal);
        text = text.Replace("2021", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("DIALECT", prefix, StringComparison.Ordinal);
        return (Encoding.UTF8.GetBytes(text), prefix, year);   // a byte order mark stays one
    }

    private async Task AssertImportedAsync(HttpResponseMessage response, string prefix, int year)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, (await response.ReadAsync<ImportResult>()).Created);

        var oil = await StoredAsync($"{prefix}-1");
        Assert.Equal(("KZ", "KR", "export", year, (int?)null), (oil.ReporterCountry, oil.PartnerCountry, oil.Flow.ToString().ToLowerInvariant(), oil.Year, oil.Month));
        Assert.Equal(("2709", "Crude oil, petroleum", 1250000.50m), (oil.HsCode, oil.Commodity, oil.ValueUsd));
        var source = Assert.Single(oil.Sources);
        Assert.Equal(("Customs", "https://example.org/c", new DateOnly(2022, 1, 31)), (source.Name, source.Url, source.PublishedOn));

        var monthly = await StoredAsync($"{prefix}-2");
        Assert.Equal(("KR", "KZ", "import", year, (int?)3), (monthly.ReporterCountry, monthly.PartnerCountry, monthly.Flow.ToString().ToLowerInvariant(), monthly.Year, monthly.Month));
        Assert.Equal(((string?)null, (string?)null, 99.99m), (monthly.HsCode, monthly.Commodity, monthly.ValueUsd));   // empty cells, quoted or not, are absent
        Assert.Empty(monthly.Sources);
    }

    private async Task<TradeRecordResponse> StoredAsync(string externalId) =>
        Assert.Single((await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={Uri.EscapeDataString(externalId)}")).Items);
}
