using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Domain.Tests.TradeRecords;

public sealed class TradeCountingTests
{
    private static readonly TradeSeriesKey KrExport = new("KR", "KZ", TradeFlow.Export);

    private static TradeTotal Total(TradeFlow flow, int year, int? month, int? hsLength, decimal cents, int count = 1) =>
        new("KR", "KZ", flow, year, month, hsLength, cents, count);

    private static TradeValue Yearly(IEnumerable<TradeTotal> totals, TradeSeriesKey key, int year, bool goodsOnly = false) =>
        TradeCounting.Values(totals, monthly: false, goodsOnly)[key][new TradePeriod(year, null)];

    [Fact]
    public void Values_YearWithTotalMonthsAndGoods_CountsTheReportedTotalOnce()
    {
        TradeTotal[] totals =
        [
            Total(TradeFlow.Export, 2020, null, null, 100_000),
            .. Enumerable.Range(1, 12).Select(m => Total(TradeFlow.Export, 2020, m, null, 9_000)),
            Total(TradeFlow.Export, 2020, null, 2, 40_000, count: 40),
        ];

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(1000.00m, TradeValueBasis.Reported, true, 1), value);
    }

    [Fact]
    public void Values_YearWithSevenMonths_SumsThemAsIncomplete()
    {
        var totals = Enumerable.Range(1, 7).Select(m => Total(TradeFlow.Export, 2020, m, null, 1_010)).ToList();

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(70.70m, TradeValueBasis.SumOfMonths, false, 7), value);
    }

    [Fact]
    public void Values_YearWithTwelveMonths_IsComplete()
    {
        var totals = Enumerable.Range(1, 12).Select(m => Total(TradeFlow.Export, 2020, m, null, 1)).ToList();

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(0.12m, TradeValueBasis.SumOfMonths, true, 12), value);
    }

    [Fact]
    public void Values_ChaptersAndHeadings_AddOnlyTheChapters()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, 2, 500, count: 2), Total(TradeFlow.Export, 2020, null, 4, 9_000, count: 3)];

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(5.00m, TradeValueBasis.SumOfCommodities, false, 2), value);
    }

    [Fact]
    public void Values_YearlyGoodsRecords_WinOverMonthlyOnes()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, 4, 300), Total(TradeFlow.Export, 2020, 3, 2, 9_000)];

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(3.00m, TradeValueBasis.SumOfCommodities, false, 1), value);
    }

    [Fact]
    public void Values_OnlyMonthlyGoods_AddTheMonthsAtTheCoarsestLevel()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, 1, 6, 100), Total(TradeFlow.Export, 2020, 2, 6, 200), Total(TradeFlow.Export, 2020, 2, 6, 50)];

        var value = Yearly(totals, KrExport, 2020);

        Assert.Equal(new TradeValue(3.50m, TradeValueBasis.SumOfCommodities, false, 3), value);
    }

    [Fact]
    public void Values_GoodsOnly_IgnoresTotalsForAllGoods()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, null, 100_000), Total(TradeFlow.Export, 2020, null, 4, 700)];

        var value = Yearly(totals, KrExport, 2020, goodsOnly: true);

        Assert.Equal(new TradeValue(7.00m, TradeValueBasis.SumOfCommodities, false, 1), value);
    }

    [Fact]
    public void Values_TurnoverWithoutRecord_IsExportPlusImport()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, null, 1_000), Total(TradeFlow.Import, 2020, null, null, 2_000)];

        var value = Yearly(totals, KrExport with { Flow = TradeFlow.Turnover }, 2020);

        Assert.Equal(new TradeValue(30.00m, TradeValueBasis.ExportPlusImport, true, 2), value);
    }

    [Fact]
    public void Values_RecordedTurnover_WinsOverExportPlusImport()
    {
        TradeTotal[] totals =
        [
            Total(TradeFlow.Export, 2020, null, null, 1_000), Total(TradeFlow.Import, 2020, null, null, 2_000),
            Total(TradeFlow.Turnover, 2020, null, null, 5_000),
        ];

        var value = Yearly(totals, KrExport with { Flow = TradeFlow.Turnover }, 2020);

        Assert.Equal(new TradeValue(50.00m, TradeValueBasis.Reported, true, 1), value);
    }

    [Fact]
    public void Values_ExportWithoutImport_GivesNoTurnover()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, null, 1_000)];

        var values = TradeCounting.Values(totals, monthly: false, goodsOnly: false);

        Assert.False(values.ContainsKey(KrExport with { Flow = TradeFlow.Turnover }));
    }

    [Fact]
    public void Values_Monthly_IgnoresYearlyRecords()
    {
        TradeTotal[] totals = [Total(TradeFlow.Export, 2020, null, null, 1_000), Total(TradeFlow.Export, 2020, 5, null, 200)];

        var values = TradeCounting.Values(totals, monthly: true, goodsOnly: false)[KrExport];

        Assert.Equal([new TradePeriod(2020, 5)], values.Keys);
    }

    [Theory]
    [InlineData("9", "8", "1", "12.5")]
    [InlineData("7", "8", "-1", "-12.5")]
    [InlineData("17", "16", "1", "6.3")]
    [InlineData("15", "16", "-1", "-6.3")]
    [InlineData("4", "3", "1", "33.3")]
    public void Change_RoundsThePercentageHalfAwayFromZero(string value, string previous, string change, string percent)
    {
        var result = TradeCounting.Change(decimal.Parse(value), decimal.Parse(previous));

        Assert.Equal((decimal.Parse(change), decimal.Parse(percent)), (result.Change!.Value, result.ChangePercent!.Value));
    }

    [Fact]
    public void Change_FromZero_HasNoPercentage()
    {
        Assert.Equal((5m, (decimal?)null), TradeCounting.Change(5m, 0m));
        Assert.Equal(((decimal?)null, (decimal?)null), TradeCounting.Change(5m, null));
    }

    [Fact]
    public void Period_PreviousOfJanuary_IsDecemberOfTheYearBefore()
    {
        Assert.Equal(new TradePeriod(2019, 12), new TradePeriod(2020, 1).Previous);
        Assert.Equal("2020-01", new TradePeriod(2020, 1).ToString());
        Assert.Equal("2020", new TradePeriod(2020, null).ToString());
    }
}
