using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>
/// The counting rules of GET /api/v1/stats/trade and /stats/trade/mirror, each case on years of its own (the seed has
/// 2022 only), so the tests of this class never see each other's records.
/// </summary>
public sealed class TradeStatisticsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Stats = "/api/v1/stats/trade";
    private readonly HttpClient _client = api.CreateClient();

    private static TradeRecordWrite Row(string reporter, TradeFlow flow, int year, decimal valueUsd, int? month = null, string? hsCode = null) => new()
    {
        ReporterCountry = reporter,
        PartnerCountry = reporter == "KZ" ? "KR" : "KZ",
        Flow = flow,
        Year = year,
        Month = month,
        HsCode = hsCode,
        ValueUsd = valueUsd,
        Sources = [Bodies.Source],
    };

    private async Task ImportAsync(IEnumerable<TradeRecordWrite> rows)
    {
        var response = await _client.PostJsonAsync("/api/v1/trade-records/import", rows.ToArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<TradeSeries> OnlySeriesAsync(string query) =>
        Assert.Single((await _client.GetJsonAsync<TradeStatistics>($"{Stats}?{query}")).Series);

    [Fact]
    public async Task Stats_YearWithTotalTwelveMonthsAndFortyGoods_CountsTheTotalOnce()
    {
        await ImportAsync([
            Row("KR", TradeFlow.Export, 1995, 1_000_000.00m),
            .. Enumerable.Range(1, 12).Select(m => Row("KR", TradeFlow.Export, 1995, 80_000m, month: m)),
            .. Enumerable.Range(10, 40).Select(c => Row("KR", TradeFlow.Export, 1995, 20_000m, hsCode: c.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))),
        ]);

        var series = await OnlySeriesAsync("reporterCountry=KR&flow=export&yearFrom=1995&yearTo=1995");

        var point = Assert.Single(series.Points);
        Assert.Equal(("KR", "KZ", TradeFlow.Export), (series.ReporterCountry, series.PartnerCountry, series.Flow));
        Assert.Equal(new TradePoint("1995", 1_000_000.00m, null, null, TradeValueBasis.Reported, true, 1), point);
        Assert.Equal(new TradePeak("1995", 1_000_000.00m), series.Peak);
    }

    [Fact]
    public async Task Stats_YearWithSevenMonths_IsTheirSumAndIncomplete()
    {
        await ImportAsync(Enumerable.Range(1, 7).Select(m => Row("KR", TradeFlow.Import, 1997, 0.10m, month: m)));

        var series = await OnlySeriesAsync("reporterCountry=KR&flow=import&yearFrom=1997&yearTo=1997");

        Assert.Equal(new TradePoint("1997", 0.70m, null, null, TradeValueBasis.SumOfMonths, false, 7), Assert.Single(series.Points));
    }

    [Fact]
    public async Task Stats_ChaptersAndHeadingsOfOneYear_AreNeverAddedTogether()
    {
        await ImportAsync([
            Row("KZ", TradeFlow.Import, 1999, 100m, hsCode: "27"),
            Row("KZ", TradeFlow.Import, 1999, 50m, hsCode: "84"),
            Row("KZ", TradeFlow.Import, 1999, 80m, hsCode: "2709"),
            Row("KZ", TradeFlow.Import, 1999, 30m, hsCode: "8703"),
            Row("KZ", TradeFlow.Import, 1999, 70m, hsCode: "270900"),
        ]);

        var all = await OnlySeriesAsync("reporterCountry=KZ&flow=import&yearFrom=1999&yearTo=1999");
        var chapter = await OnlySeriesAsync("reporterCountry=KZ&flow=import&yearFrom=1999&yearTo=1999&hsCode=27");
        var heading = await OnlySeriesAsync("reporterCountry=KZ&flow=import&yearFrom=1999&yearTo=1999&hsCode=2709");

        Assert.Equal(new TradePoint("1999", 150m, null, null, TradeValueBasis.SumOfCommodities, false, 2), Assert.Single(all.Points));
        Assert.Equal((100m, 1), (Assert.Single(chapter.Points).ValueUsd, chapter.Points[0].RecordCount));
        Assert.Equal((80m, 1), (Assert.Single(heading.Points).ValueUsd, heading.Points[0].RecordCount));
    }

    [Fact]
    public async Task Stats_WithHsCode_UsesOnlyGoodsRecords()
    {
        await ImportAsync([Row("KZ", TradeFlow.Export, 2001, 999m), Row("KZ", TradeFlow.Export, 2001, 12.34m, hsCode: "7202")]);

        var series = await OnlySeriesAsync("reporterCountry=KZ&flow=export&yearFrom=2001&yearTo=2001&hsCode=72");

        Assert.Equal(new TradePoint("2001", 12.34m, null, null, TradeValueBasis.SumOfCommodities, false, 1), Assert.Single(series.Points));
    }

    [Fact]
    public async Task Stats_Turnover_IsExportPlusImportOnlyWhenNoneIsRecorded()
    {
        await ImportAsync([
            Row("KR", TradeFlow.Export, 2003, 10.10m), Row("KR", TradeFlow.Import, 2003, 20.20m),
            Row("KR", TradeFlow.Export, 2004, 1m), Row("KR", TradeFlow.Import, 2004, 2m), Row("KR", TradeFlow.Turnover, 2004, 100m),
            Row("KR", TradeFlow.Export, 2005, 1m),
        ]);

        var series = await OnlySeriesAsync("reporterCountry=KR&flow=turnover&yearFrom=2003&yearTo=2005");

        Assert.Equal(
            [
                new TradePoint("2003", 30.30m, null, null, TradeValueBasis.ExportPlusImport, true, 2),
                new TradePoint("2004", 100m, 69.70m, 230.0m, TradeValueBasis.Reported, true, 1),
            ],
            series.Points);
    }

    [Fact]
    public async Task Stats_Change_ComesFromThePreviousPeriodEvenOutsideTheRange()
    {
        await ImportAsync([
            Row("KZ", TradeFlow.Turnover, 2006, 300m), Row("KZ", TradeFlow.Turnover, 2007, 400m),
            Row("KZ", TradeFlow.Turnover, 2009, 50m),
            Row("KZ", TradeFlow.Turnover, 2010, 0m), Row("KZ", TradeFlow.Turnover, 2011, 7m),
        ]);

        var series = await OnlySeriesAsync("reporterCountry=KZ&flow=turnover&yearFrom=2007&yearTo=2011");

        Assert.Equal(
            [("2007", 100m, 33.3m), ("2009", null, null), ("2010", -50m, -100.0m), ("2011", 7m, null)],
            series.Points.Select(p => (p.Period, p.Change, p.ChangePercent)));
        Assert.Equal(new TradePeak("2007", 400m), series.Peak);
    }

    [Fact]
    public async Task Stats_ByMonth_ChangesFromDecemberToJanuary()
    {
        await ImportAsync([Row("KZ", TradeFlow.Export, 2012, 8m, month: 12), Row("KZ", TradeFlow.Export, 2013, 9m, month: 1)]);

        var statistics = await _client.GetJsonAsync<TradeStatistics>($"{Stats}?reporterCountry=KZ&flow=export&yearFrom=2013&yearTo=2013&granularity=month");

        Assert.Equal(TradeGranularity.Month, statistics.Granularity);
        Assert.Equal(new TradePoint("2013-01", 9m, 1m, 12.5m, TradeValueBasis.Reported, true, 1), Assert.Single(Assert.Single(statistics.Series).Points));
    }

    [Fact]
    public async Task Stats_Series_AreOrderedByReporterThenFlow()
    {
        await ImportAsync([
            Row("KZ", TradeFlow.Import, 2014, 1m), Row("KZ", TradeFlow.Export, 2014, 1m),
            Row("KR", TradeFlow.Turnover, 2014, 1m), Row("KR", TradeFlow.Import, 2014, 1m),
        ]);

        var statistics = await _client.GetJsonAsync<TradeStatistics>($"{Stats}?yearFrom=2014&yearTo=2014");

        Assert.Equal(
            [("KR", TradeFlow.Import), ("KR", TradeFlow.Turnover), ("KZ", TradeFlow.Export), ("KZ", TradeFlow.Import), ("KZ", TradeFlow.Turnover)],
            statistics.Series.Select(s => (s.ReporterCountry, s.Flow)));
    }

    [Fact]
    public async Task Stats_WireFormat_HasExactMoneyAndCamelCaseEnums()
    {
        await ImportAsync([Row("KR", TradeFlow.Export, 2015, 0.10m), Row("KR", TradeFlow.Export, 2016, 0.30m)]);

        var text = await _client.GetStringAsync($"{Stats}?reporterCountry=KR&flow=export&yearFrom=2016&yearTo=2016", TestHelpers.Cancel);

        var point = JsonNode.Parse(text)!["series"]![0]!["points"]![0]!;
        Assert.Contains("\"granularity\":\"year\"", text, StringComparison.Ordinal);
        Assert.Equal("0.30", point["valueUsd"]!.ToJsonString());
        Assert.Equal("0.20", point["change"]!.ToJsonString());
        Assert.Equal("200.0", point["changePercent"]!.ToJsonString());
        Assert.Equal("reported", (string?)point["basis"]);
    }

    [Fact]
    public async Task Mirror_ListsOnlyYearsWhereBothSidesReported()
    {
        await ImportAsync([
            Row("KZ", TradeFlow.Export, 2017, 100m), Row("KR", TradeFlow.Import, 2017, 110m),
            Row("KR", TradeFlow.Export, 2017, 50m),
            Row("KZ", TradeFlow.Export, 2018, 0m), Row("KR", TradeFlow.Import, 2018, 5m),
        ]);

        var mirror = await _client.GetJsonAsync<MirrorTrade>("/api/v1/stats/trade/mirror?yearFrom=2017&yearTo=2018");

        Assert.Equal(
            [
                new MirrorTradeItem(2017, "KZ", "KR", 100m, 110m, 10m, 10.0m),
                new MirrorTradeItem(2018, "KZ", "KR", 0m, 5m, 5m, null),
            ],
            mirror.Items);
    }

    [Fact]
    public async Task Stats_AfterAnyChange_HasANewETag_AndAnswers304Before()
    {
        var first = await _client.GetAsync($"{Stats}?yearFrom=2019&yearTo=2019", TestHelpers.Cancel);
        var tag = first.Headers.ETag!.ToString();

        var again = await _client.GetAsync($"{Stats}?yearFrom=2019&yearTo=2019", ifNoneMatch: tag);
        var created = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: "Unrelated event"));
        var afterCreate = await _client.GetAsync($"{Stats}?yearFrom=2019&yearTo=2019", ifNoneMatch: tag);
        var createdTag = afterCreate.Headers.ETag!.ToString();
        await _client.DeleteAsync(created.Headers.Location!.ToString(), ifMatch: null);
        var afterDelete = await _client.GetAsync($"{Stats}?yearFrom=2019&yearTo=2019", ifNoneMatch: createdTag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(tag, again.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, afterCreate.StatusCode);
        Assert.NotEqual(tag, createdTag);
        Assert.Equal(HttpStatusCode.OK, afterDelete.StatusCode);
        Assert.NotEqual(createdTag, afterDelete.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Stats_FollowEveryWrite_ByYearAndByMonth_AndMirrorWithThem()
    {
        const string Year = "reporterCountry=KZ&flow=export&yearFrom=2020&yearTo=2020";
        const string Mirror = "/api/v1/stats/trade/mirror?yearFrom=2020&yearTo=2020";
        await ImportAsync([Row("KZ", TradeFlow.Export, 2020, 10m, month: 1), Row("KR", TradeFlow.Import, 2020, 12m)]);
        var before = await OnlySeriesAsync(Year);
        var beforeMonths = await OnlySeriesAsync(Year + "&granularity=month");
        var beforeMirror = await _client.GetJsonAsync<MirrorTrade>(Mirror);

        var created = await _client.PostJsonAsync("/api/v1/trade-records", Row("KZ", TradeFlow.Export, 2020, 5m, month: 2));
        var afterCreate = await OnlySeriesAsync(Year);
        var afterCreateMonths = await OnlySeriesAsync(Year + "&granularity=month");
        var afterCreateMirror = await _client.GetJsonAsync<MirrorTrade>(Mirror);
        await _client.DeleteAsync(created.Headers.Location!.ToString(), ifMatch: null);
        var afterDelete = await OnlySeriesAsync(Year);

        Assert.Equal(new TradePoint("2020", 10m, null, null, TradeValueBasis.SumOfMonths, false, 1), Assert.Single(before.Points));
        Assert.Equal(["2020-01"], beforeMonths.Points.Select(p => p.Period));
        Assert.Equal(10m, Assert.Single(beforeMirror.Items).ExportsReported);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new TradePoint("2020", 15m, null, null, TradeValueBasis.SumOfMonths, false, 2), Assert.Single(afterCreate.Points));
        Assert.Equal([("2020-01", 10m), ("2020-02", 5m)], afterCreateMonths.Points.Select(p => (p.Period, p.ValueUsd)));
        Assert.Equal((15m, 12m, -3m), afterCreateMirror.Items.Select(i => (i.ExportsReported, i.ImportsReported, i.GapUsd)).Single());
        Assert.Equal(before.Points, afterDelete.Points);
    }

    [Theory]
    [InlineData("yearFrom=abc", "yearFrom")]
    [InlineData("yearTo=2020.5", "yearTo")]
    [InlineData("yearFrom=2020&yearTo=2019", "yearTo")]
    [InlineData("flow=sideways", "flow")]
    [InlineData("flow=export,sideways", "flow")]
    [InlineData("granularity=week", "granularity")]
    [InlineData("granularity=1", "granularity")]
    [InlineData("reporterCountry=US", "reporterCountry")]
    [InlineData("reporterCountry=kz", "reporterCountry")]
    [InlineData("hsCode=270", "hsCode")]
    [InlineData("hsCode=2", "hsCode")]
    [InlineData("hsCode=27a9", "hsCode")]
    [InlineData("hsCode=2709000", "hsCode")]
    [InlineData("yearFrom=99999999999", "yearFrom")]
    public async Task Stats_BadParameter_Is400NamingIt(string query, string field)
    {
        var response = await _client.GetAsync($"{Stats}?{query}", TestHelpers.Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Theory]
    [InlineData("yearFrom=2020&yearTo=2019", "yearTo")]
    [InlineData("yearFrom=x", "yearFrom")]
    public async Task Mirror_BadParameter_Is400NamingIt(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/stats/trade/mirror?{query}", TestHelpers.Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(field, problem.ErrorFields());
    }
}
