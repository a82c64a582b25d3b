using System.Globalization;
using System.Net;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.TradeRecords;

/// <summary>
/// Every test gives its records a key of their own: an HS code under a 4-digit prefix no other test uses (from
/// <see cref="NewHsPrefix"/>), and filters lists by that prefix. Records without an HS code use a year reserved for
/// their test (1993, 1995, 1996), because the seed holds a KZ→KR turnover for 2022 without month or HS code.
/// </summary>
public sealed class TradeRecordEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/trade-records";
    private static int _lastPrefix;
    private readonly HttpClient _client = api.CreateClient();

    /// <summary>"9001", "9002", …: a code, and a prefix for the 6-digit codes under it, that only the calling test uses.</summary>
    private static string NewHsPrefix() => $"9{Interlocked.Increment(ref _lastPrefix):D3}";

    private static TradeRecordWrite Trade(
        int year = 2020,
        string? hsCode = null,
        decimal valueUsd = 1234.56m,
        TradeFlow flow = TradeFlow.Export,
        int? month = null,
        string reporter = "KR",
        string partner = "KZ",
        string? commodity = null) => new()
    {
        ReporterCountry = reporter,
        PartnerCountry = partner,
        Flow = flow,
        Year = year,
        Month = month,
        HsCode = hsCode,
        Commodity = commodity,
        ValueUsd = valueUsd,
        Sources = [Bodies.Source],
    };

    private static string Raw(string hsCode, string valueUsd, int year = 2020) =>
        $$"""{"reporterCountry":"KR","partnerCountry":"KZ","flow":"export","year":{{year}},"hsCode":"{{hsCode}}","valueUsd":{{valueUsd}}}""";

    private async Task<TradeRecordResponse> CreateAsync(TradeRecordWrite body)
    {
        var response = await _client.PostJsonAsync(Path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await response.ReadAsync<TradeRecordResponse>();
    }

    private Task<TradeRecordResponse> GetAsync(int id) => _client.GetJsonAsync<TradeRecordResponse>($"{Path}/{id}");

    private async Task<IReadOnlyList<int>> ListIdsAsync(string query) =>
        (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}")).Items.Select(t => t.Id).ToList();

    private async Task<int> CountAsync(string query) =>
        (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"{Path}?{query}")).TotalCount;

    [Fact]
    public async Task Create_ValidBody_Returns201WithLocationETagAndRecord()
    {
        var code = NewHsPrefix();

        var response = await _client.PostJsonAsync(Path, Trade(year: 2021, hsCode: code, valueUsd: 6530000.25m, month: 7, commodity: "Crude oil"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<TradeRecordResponse>();
        Assert.Equal($"http://localhost{Path}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(
            ("KR", "KZ", TradeFlow.Export, 2021, (int?)7, code, "Crude oil", 6530000.25m, 1),
            (created.ReporterCountry, created.PartnerCountry, created.Flow, created.Year, created.Month, created.HsCode, created.Commodity, created.ValueUsd, created.Version));
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.Equal("Test source", Assert.Single(created.Sources).Name);
        var stored = await GetAsync(created.Id);
        Assert.Equal(created, stored with { Sources = created.Sources });
    }

    [Theory]
    [InlineData("12345678901234.56", "12345678901234.56")]
    [InlineData("0.3", "0.30")]
    [InlineData("0.1", "0.10")]
    [InlineData("0.2", "0.20")]
    [InlineData("0.07", "0.07")]
    [InlineData("999999999999999.99", "999999999999999.99")]
    [InlineData("0", "0.00")]
    [InlineData("6530000000.000", "6530000000.00")]
    public async Task Create_ValueUsd_IsKeptExactlyAndWrittenWithTwoDecimals(string valueUsd, string written)
    {
        var code = NewHsPrefix();

        var response = await _client.SendRawAsync(HttpMethod.Post, Path, Raw(code, valueUsd));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<TradeRecordResponse>();
        var raw = await _client.GetStringAsync($"{Path}/{created.Id}", TestContext.Current.CancellationToken);
        var listed = await _client.GetStringAsync($"{Path}?hsCode={code}", TestContext.Current.CancellationToken);
        Assert.Contains($"\"valueUsd\":{written},", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains($"\"valueUsd\":{written},", raw, StringComparison.Ordinal);
        Assert.Contains($"\"valueUsd\":{written},", listed, StringComparison.Ordinal);
        Assert.Equal(decimal.Parse(valueUsd, CultureInfo.InvariantCulture), (await GetAsync(created.Id)).ValueUsd);
    }

    [Theory]
    [InlineData("1.234", Problems.Validation)]
    [InlineData("0.001", Problems.Validation)]
    [InlineData("-0.01", Problems.Validation)]
    [InlineData("-5", Problems.Validation)]
    [InlineData("1000000000000000", Problems.Validation)]
    [InlineData("1000000000000000.00", Problems.Validation)]
    [InlineData("999999999999999.995", Problems.Validation)]
    [InlineData("79228162514264337593543950335", Problems.Validation)]
    [InlineData("79228162514264337593543950336", Problems.MalformedRequest)]
    [InlineData("1e30", Problems.MalformedRequest)]
    [InlineData("1e400", Problems.MalformedRequest)]
    [InlineData("\"12.50\"", Problems.MalformedRequest)]
    public async Task Create_BadValueUsd_Returns400NamingValueUsdAndCreatesNothing(string valueUsd, string kind)
    {
        var code = NewHsPrefix();

        var response = await _client.SendRawAsync(HttpMethod.Post, Path, Raw(code, valueUsd));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, kind);
        Assert.Equal(["valueUsd"], problem.ErrorFields());
        Assert.Equal(0, await CountAsync($"hsCode={code}"));
    }

    [Fact]
    public async Task Create_CurrentYear_IsAccepted()
    {
        var year = DateTime.UtcNow.Year;

        var created = await CreateAsync(Trade(year: year, hsCode: NewHsPrefix()));

        Assert.Equal(year, created.Year);
    }

    [Fact]
    public async Task Create_FirstYear1991_IsAccepted()
    {
        var created = await CreateAsync(Trade(year: 1991, hsCode: NewHsPrefix()));

        Assert.Equal(1991, created.Year);
    }

    [Fact]
    public async Task Create_NextYear_Returns400NamingYear()
    {
        var code = NewHsPrefix();

        var response = await _client.PostJsonAsync(Path, Trade(year: DateTime.UtcNow.Year + 1, hsCode: code));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["year"], problem.ErrorFields());
        Assert.Equal(0, await CountAsync($"hsCode={code}"));
    }

    [Theory]
    [InlineData(1990)]
    [InlineData(0)]
    [InlineData(-2020)]
    public async Task Create_YearBefore1991_Returns400NamingYear(int year)
    {
        var response = await _client.PostJsonAsync(Path, Trade(year: year, hsCode: NewHsPrefix()));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["year"], problem.ErrorFields());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    public async Task Create_MonthOutOf1To12_Returns400NamingMonth(int month)
    {
        var response = await _client.PostJsonAsync(Path, Trade(hsCode: NewHsPrefix(), month: month));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["month"], problem.ErrorFields());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task Create_Month1Or12_IsAccepted(int month)
    {
        var created = await CreateAsync(Trade(hsCode: NewHsPrefix(), month: month));

        Assert.Equal(month, created.Month);
    }

    [Theory]
    [InlineData("270")]
    [InlineData("2")]
    [InlineData("27090")]
    [InlineData("2709000")]
    [InlineData("2a")]
    [InlineData("27 9")]
    [InlineData("")]
    [InlineData("２７")]
    public async Task Create_HsCodeNotOf2Or4Or6Digits_Returns400NamingHsCode(string hsCode)
    {
        var response = await _client.PostJsonAsync(Path, Trade(hsCode: hsCode));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["hsCode"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("KZ")]
    [InlineData("KR")]
    public async Task Create_ReporterSameAsPartner_Returns400NamingPartnerCountry(string country)
    {
        var response = await _client.PostJsonAsync(Path, Trade(hsCode: NewHsPrefix(), reporter: country, partner: country));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["partnerCountry"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("US", "KZ", "reporterCountry")]
    [InlineData("kr", "KZ", "reporterCountry")]
    [InlineData("KOR", "KZ", "reporterCountry")]
    [InlineData("KR", "JP", "partnerCountry")]
    [InlineData("KR", "kz", "partnerCountry")]
    public async Task Create_CountryOtherThanKZOrKR_Returns400NamingIt(string reporter, string partner, string field)
    {
        var response = await _client.PostJsonAsync(Path, Trade(hsCode: NewHsPrefix(), reporter: reporter, partner: partner));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_MissingRequiredFields_Returns400NamingEach()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, "{}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["flow", "partnerCountry", "reporterCountry", "valueUsd", "year"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task Create_DuplicateKey_Returns409NamingTheExistingRecordAndCreatesNothing()
    {
        var code = NewHsPrefix();
        var first = await CreateAsync(Trade(year: 2019, hsCode: code, month: 3, valueUsd: 10m));

        var response = await _client.PostJsonAsync(Path, Trade(year: 2019, hsCode: code, month: 3, valueUsd: 20m));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(first.Id, (int?)problem["existingId"]);
        Assert.Equal($"{Path}/{first.Id}", (string?)problem["existing"]);
        Assert.Equal([first.Id], await ListIdsAsync($"hsCode={code}"));
        Assert.Equal(10m, (await GetAsync(first.Id)).ValueUsd);
    }

    [Fact]
    public async Task Create_DuplicateKeyWithMonthAndHsCodeAbsentOnBoth_Returns409()
    {
        var first = await CreateAsync(Trade(year: 1995));

        var response = await _client.PostJsonAsync(Path, Trade(year: 1995, valueUsd: 99m));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(first.Id, (int?)problem["existingId"]);
        Assert.Equal([first.Id], await ListIdsAsync("year=1995&flow=export&reporterCountry=KR"));
    }

    [Fact]
    public async Task Create_SameKeyWithDifferentMonthOrHsCode_IsNotADuplicate()
    {
        var code = NewHsPrefix();
        var whole = await CreateAsync(Trade(year: 1996));

        var january = await _client.PostJsonAsync(Path, Trade(year: 1996, month: 1));
        var february = await _client.PostJsonAsync(Path, Trade(year: 1996, month: 2));
        var goods = await _client.PostJsonAsync(Path, Trade(year: 1996, hsCode: code));
        var goodsInJanuary = await _client.PostJsonAsync(Path, Trade(year: 1996, hsCode: code, month: 1));
        var otherFlow = await _client.PostJsonAsync(Path, Trade(year: 1996, flow: TradeFlow.Import));
        var otherReporter = await _client.PostJsonAsync(Path, Trade(year: 1996, reporter: "KZ", partner: "KR"));

        Assert.All([january, february, goods, goodsInJanuary, otherFlow, otherReporter], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(5, await CountAsync("year=1996&flow=export&reporterCountry=KR"));
        Assert.Equal(1996, (await GetAsync(whole.Id)).Year);
    }

    [Fact]
    public async Task Replace_WithCurrentIfMatch_ReplacesAndBumpsVersion()
    {
        var code = NewHsPrefix();
        var created = await CreateAsync(Trade(year: 2018, hsCode: code, valueUsd: 1m, commodity: "Wheat"));

        var response = await _client.PutJsonAsync($"{Path}/{created.Id}", Trade(year: 2018, hsCode: code, valueUsd: 2.5m, month: 4), ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var stored = await GetAsync(created.Id);
        Assert.Equal((2.5m, (int?)4, (string?)null, 2), (stored.ValueUsd, stored.Month, stored.Commodity, stored.Version));
        Assert.Equal(created.CreatedAt, stored.CreatedAt);
    }

    [Fact]
    public async Task Replace_KeepingItsOwnKey_IsNotADuplicate()
    {
        var code = NewHsPrefix();
        var created = await CreateAsync(Trade(hsCode: code, valueUsd: 1m));

        var response = await _client.PutJsonAsync($"{Path}/{created.Id}", Trade(hsCode: code, valueUsd: 3m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3m, (await GetAsync(created.Id)).ValueUsd);
    }

    [Fact]
    public async Task Replace_ThatDuplicatesAnotherRecord_Returns409AndChangesNothing()
    {
        var prefix = NewHsPrefix();
        var first = await CreateAsync(Trade(year: 2017, hsCode: $"{prefix}01"));
        var second = await CreateAsync(Trade(year: 2017, hsCode: $"{prefix}02", valueUsd: 5m));

        var response = await _client.PutJsonAsync($"{Path}/{second.Id}", Trade(year: 2017, hsCode: $"{prefix}01", valueUsd: 6m), ifMatch: "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(first.Id, (int?)problem["existingId"]);
        Assert.Equal($"{Path}/{first.Id}", (string?)problem["existing"]);
        var stored = await GetAsync(second.Id);
        Assert.Equal(($"{prefix}02", 5m, 1), (stored.HsCode, stored.ValueUsd, stored.Version));
        Assert.Equal([first.Id], await ListIdsAsync($"hsCode={prefix}01"));
    }

    [Fact]
    public async Task Patch_WithCurrentIfMatch_ChangesOnlyNamedFields()
    {
        var code = NewHsPrefix();
        var created = await CreateAsync(Trade(year: 2016, hsCode: code, valueUsd: 1m, month: 5, commodity: "Copper"));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"valueUsd":12345678901234.56,"month":null}""", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var stored = await GetAsync(created.Id);
        Assert.Equal(
            (12345678901234.56m, (int?)null, "Copper", code, 2016, 2),
            (stored.ValueUsd, stored.Month, stored.Commodity, stored.HsCode, stored.Year, stored.Version));
    }

    [Fact]
    public async Task Patch_ThatChangesTheKeyToADuplicate_Returns409AndChangesNothing()
    {
        var prefix = NewHsPrefix();
        var first = await CreateAsync(Trade(year: 2015, hsCode: $"{prefix}01", month: 6));
        var second = await CreateAsync(Trade(year: 2015, hsCode: $"{prefix}02"));

        var response = await _client.PatchAsync($"{Path}/{second.Id}", $$"""{"hsCode":"{{prefix}}01","month":6}""", ifMatch: "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(first.Id, (int?)problem["existingId"]);
        var stored = await GetAsync(second.Id);
        Assert.Equal(($"{prefix}02", (int?)null, 1), (stored.HsCode, stored.Month, stored.Version));
    }

    [Fact]
    public async Task Patch_RemovingTheMonthToMatchAWholeYearRecord_Returns409()
    {
        var code = NewHsPrefix();
        var wholeYear = await CreateAsync(Trade(year: 2014, hsCode: code));
        var march = await CreateAsync(Trade(year: 2014, hsCode: code, month: 3));

        var response = await _client.PatchAsync($"{Path}/{march.Id}", """{"month":null}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(wholeYear.Id, (int?)problem["existingId"]);
        var stored = await GetAsync(march.Id);
        Assert.Equal(((int?)3, 1), (stored.Month, stored.Version));
    }

    [Fact]
    public async Task Patch_ValueUsdWithThreeDecimals_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(Trade(hsCode: NewHsPrefix(), valueUsd: 1m));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"valueUsd":0.125}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["valueUsd"], problem.ErrorFields());
        var stored = await GetAsync(created.Id);
        Assert.Equal((1m, 1), (stored.ValueUsd, stored.Version));
    }

    [Fact]
    public async Task Delete_ThenCreateSameKey_IsAccepted()
    {
        var code = NewHsPrefix();
        var created = await CreateAsync(Trade(hsCode: code));
        await _client.DeleteAsync($"{Path}/{created.Id}", ifMatch: null);

        var again = await _client.PostJsonAsync(Path, Trade(hsCode: code));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task List_Year_MatchesOnlyThatYear()
    {
        var prefix = NewHsPrefix();
        var a = await CreateAsync(Trade(year: 2000, hsCode: $"{prefix}01"));
        var b = await CreateAsync(Trade(year: 2000, hsCode: $"{prefix}02"));
        await CreateAsync(Trade(year: 2001, hsCode: $"{prefix}03"));
        await CreateAsync(Trade(year: 1999, hsCode: $"{prefix}04"));

        var ids = await ListIdsAsync($"hsCode={prefix}&year=2000");

        Assert.Equal([b.Id, a.Id], ids);   // the default sort, -year, breaks ties by id descending
    }

    [Fact]
    public async Task List_YearFromAndYearTo_AreInclusive()
    {
        var prefix = NewHsPrefix();
        await CreateAsync(Trade(year: 1999, hsCode: $"{prefix}01"));
        var from = await CreateAsync(Trade(year: 2000, hsCode: $"{prefix}02"));
        var to = await CreateAsync(Trade(year: 2001, hsCode: $"{prefix}03"));
        var after = await CreateAsync(Trade(year: 2002, hsCode: $"{prefix}04"));

        var between = await ListIdsAsync($"hsCode={prefix}&yearFrom=2000&yearTo=2001&sort=year");
        var fromOnly = await ListIdsAsync($"hsCode={prefix}&yearFrom=2000&sort=year");
        var sameYear = await ListIdsAsync($"hsCode={prefix}&yearFrom=2001&yearTo=2001");

        Assert.Equal([from.Id, to.Id], between);
        Assert.Equal([from.Id, to.Id, after.Id], fromOnly);
        Assert.Equal([to.Id], sameYear);
    }

    [Fact]
    public async Task List_FlowList_MatchesAnyOfTheFlows()
    {
        var code = NewHsPrefix();
        var export = await CreateAsync(Trade(hsCode: code, flow: TradeFlow.Export));
        var import = await CreateAsync(Trade(hsCode: code, flow: TradeFlow.Import));
        var turnover = await CreateAsync(Trade(hsCode: code, flow: TradeFlow.Turnover));

        var both = await ListIdsAsync($"hsCode={code}&flow=export,import");
        var one = await ListIdsAsync($"hsCode={code}&flow=turnover");

        Assert.Equal([import.Id, export.Id], both);   // the default sort, -year, breaks ties by id descending
        Assert.Equal([turnover.Id], one);
    }

    [Fact]
    public async Task List_ReporterCountry_MatchesOnlyThatReporter()
    {
        var code = NewHsPrefix();
        await CreateAsync(Trade(hsCode: code, reporter: "KR", partner: "KZ"));
        var kazakh = await CreateAsync(Trade(hsCode: code, reporter: "KZ", partner: "KR"));

        var ids = await ListIdsAsync($"hsCode={code}&reporterCountry=KZ");

        Assert.Equal([kazakh.Id], ids);
    }

    [Fact]
    public async Task List_HsCode_MatchesByPrefixAndSkipsRecordsWithoutOne()
    {
        var chapter = await CreateAsync(Trade(year: 1993, hsCode: "27"));
        var heading = await CreateAsync(Trade(year: 1993, hsCode: "2709"));
        var subheading = await CreateAsync(Trade(year: 1993, hsCode: "270900"));
        await CreateAsync(Trade(year: 1993, hsCode: "2809"));
        await CreateAsync(Trade(year: 1993, hsCode: "72"));
        await CreateAsync(Trade(year: 1993));

        var byChapter = await ListIdsAsync("year=1993&hsCode=27&sort=hsCode");
        var byHeading = await ListIdsAsync("year=1993&hsCode=2709&sort=hsCode");
        var byOddPrefix = await ListIdsAsync("year=1993&hsCode=270&sort=hsCode");
        var exact = await ListIdsAsync("year=1993&hsCode=270900");

        Assert.Equal([chapter.Id, heading.Id, subheading.Id], byChapter);
        Assert.Equal([heading.Id, subheading.Id], byHeading);
        Assert.Equal([heading.Id, subheading.Id], byOddPrefix);
        Assert.Equal([subheading.Id], exact);
    }

    [Fact]
    public async Task List_TotalCount_FollowsEveryWriteToTheFilteredRecords()
    {
        var code = NewHsPrefix();
        var query = $"hsCode={code}&flow=export";
        await CreateAsync(Trade(hsCode: code + "01"));
        Assert.Equal(1, await CountAsync(query));

        var second = await CreateAsync(Trade(hsCode: code + "02"));
        var afterCreate = await CountAsync(query);
        await _client.PatchAsync($"{Path}/{second.Id}", """{"flow":"import"}""");
        var afterMovingOut = await CountAsync(query);
        await _client.DeleteAsync($"{Path}/{second.Id}", ifMatch: null);
        var afterDelete = await CountAsync($"hsCode={code}");

        Assert.Equal((2, 1, 1), (afterCreate, afterMovingOut, afterDelete));
    }

    [Fact]
    public async Task List_TotalCount_IsNotSharedBetweenFiltersThatOnlyLookAlike()
    {
        var code = NewHsPrefix();
        await CreateAsync(Trade(hsCode: code + "01"));
        await CreateAsync(Trade(hsCode: NewHsPrefix() + "01"));
        var real = await CountAsync($"a=b&hsCode={code}&year=2020");

        // An unknown parameter (ignored) whose value spells "&hsCode=…" must not be taken for the hsCode filter.
        var lookalike = await CountAsync($"a=b%26hsCode%3D{code}&year=2020");

        Assert.Equal(1, real);
        Assert.True(lookalike > real, $"The unfiltered list counted {lookalike}, like the hsCode-filtered one.");
    }

    [Fact]
    public async Task List_SortByValueUsd_IsNumericWithTiesBrokenById()
    {
        var prefix = NewHsPrefix();
        var hundred = await CreateAsync(Trade(hsCode: $"{prefix}01", valueUsd: 100m));
        var nine = await CreateAsync(Trade(hsCode: $"{prefix}02", valueUsd: 9m));
        var ten = await CreateAsync(Trade(hsCode: $"{prefix}03", valueUsd: 10m));
        var nineCents = await CreateAsync(Trade(hsCode: $"{prefix}04", valueUsd: 9.1m));
        var tenAgain = await CreateAsync(Trade(hsCode: $"{prefix}05", valueUsd: 10m));

        var ascending = await ListIdsAsync($"hsCode={prefix}&sort=valueUsd");
        var descending = await ListIdsAsync($"hsCode={prefix}&sort=-valueUsd");

        Assert.Equal([nine.Id, nineCents.Id, ten.Id, tenAgain.Id, hundred.Id], ascending);
        Assert.Equal([hundred.Id, tenAgain.Id, ten.Id, nineCents.Id, nine.Id], descending);
    }

    [Fact]
    public async Task List_SortByYear_AscendingDescendingAndDefaultLatestFirst()
    {
        var prefix = NewHsPrefix();
        var y2005 = await CreateAsync(Trade(year: 2005, hsCode: $"{prefix}01"));
        var y2003 = await CreateAsync(Trade(year: 2003, hsCode: $"{prefix}02"));
        var y2004 = await CreateAsync(Trade(year: 2004, hsCode: $"{prefix}03"));
        var y2003Again = await CreateAsync(Trade(year: 2003, hsCode: $"{prefix}04"));

        var ascending = await ListIdsAsync($"hsCode={prefix}&sort=year");
        var descending = await ListIdsAsync($"hsCode={prefix}&sort=-year");
        var byDefault = await ListIdsAsync($"hsCode={prefix}");

        Assert.Equal([y2003.Id, y2003Again.Id, y2004.Id, y2005.Id], ascending);
        Assert.Equal([y2005.Id, y2004.Id, y2003Again.Id, y2003.Id], descending);
        Assert.Equal(descending, byDefault);
    }

    [Fact]
    public async Task List_SortByHsCode_AscendingAndDescending()
    {
        var prefix = NewHsPrefix();
        var c = await CreateAsync(Trade(hsCode: $"{prefix}03"));
        var a = await CreateAsync(Trade(hsCode: $"{prefix}01"));
        var heading = await CreateAsync(Trade(hsCode: prefix));
        var b = await CreateAsync(Trade(hsCode: $"{prefix}02"));

        var ascending = await ListIdsAsync($"hsCode={prefix}&sort=hsCode");
        var descending = await ListIdsAsync($"hsCode={prefix}&sort=-hsCode");

        Assert.Equal([heading.Id, a.Id, b.Id, c.Id], ascending);
        Assert.Equal([c.Id, b.Id, a.Id, heading.Id], descending);
    }

    [Fact]
    public async Task List_SortByTwoFields_AppliesThemInOrder()
    {
        var prefix = NewHsPrefix();
        var small2010 = await CreateAsync(Trade(year: 2010, hsCode: $"{prefix}01", valueUsd: 5m));
        var big2011 = await CreateAsync(Trade(year: 2011, hsCode: $"{prefix}02", valueUsd: 50m));
        var big2010 = await CreateAsync(Trade(year: 2010, hsCode: $"{prefix}03", valueUsd: 50m));

        var ids = await ListIdsAsync($"hsCode={prefix}&sort=-valueUsd,year");

        Assert.Equal([big2010.Id, big2011.Id, small2010.Id], ids);
    }

    [Theory]
    [InlineData("year=abc", "year")]
    [InlineData("year=2020.5", "year")]
    [InlineData("year=99999999999", "year")]
    [InlineData("yearFrom=abc", "yearFrom")]
    [InlineData("yearTo=x", "yearTo")]
    [InlineData("yearFrom=2020&yearTo=2019", "yearTo")]
    [InlineData("flow=sideways", "flow")]
    [InlineData("flow=export,sideways", "flow")]
    [InlineData("hsCode=2a", "hsCode")]
    [InlineData("hsCode=1234567", "hsCode")]
    [InlineData("reporterCountry=US", "reporterCountry")]
    [InlineData("reporterCountry=kz", "reporterCountry")]
    [InlineData("sort=date", "sort")]
    [InlineData("sort=year,-year", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task List_BadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([parameter], problem.ErrorFields());
    }
}
