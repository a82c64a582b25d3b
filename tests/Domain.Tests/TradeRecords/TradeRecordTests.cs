using System.Globalization;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Domain.Tests.TradeRecords;

public sealed class TradeRecordTests
{
    [Fact]
    public void Constructor_ValidArguments_SetsFields()
    {
        var record = new TradeRecord("KZ", "KR", TradeFlow.Export, 2023, 12, "2709", 6_530_000_000.00m);

        Assert.Equal("KZ", record.ReporterCountry);
        Assert.Equal("KR", record.PartnerCountry);
        Assert.Equal(TradeFlow.Export, record.Flow);
        Assert.Equal(2023, record.Year);
        Assert.Equal(12, record.Month);
        Assert.Equal("2709", record.HsCode);
        Assert.Equal(6_530_000_000.00m, record.ValueUsd);
        Assert.Null(record.Commodity);
    }

    [Theory]
    [InlineData("KZ")]
    [InlineData("KR")]
    public void Constructor_ReporterEqualsPartner_ThrowsForPartnerCountry(string country)
    {
        var act = () => new TradeRecord(country, country, TradeFlow.Export, 2023, null, null, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("partnerCountry", exception.Field);
    }

    [Theory]
    [InlineData("US", "KR", "reporterCountry")]
    [InlineData("kz", "KR", "reporterCountry")]
    [InlineData("", "KR", "reporterCountry")]
    [InlineData("KZ", "CN", "partnerCountry")]
    [InlineData("KZ", "kr", "partnerCountry")]
    public void Constructor_NonPartyCountry_ThrowsForThatCountry(string reporter, string partner, string field)
    {
        var act = () => new TradeRecord(reporter, partner, TradeFlow.Import, 2023, null, null, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal(field, exception.Field);
    }

    [Theory]
    [InlineData(1990)]
    [InlineData(0)]
    [InlineData(-2023)]
    public void Constructor_YearBefore1991_ThrowsForYear(int year)
    {
        var act = () => new TradeRecord("KZ", "KR", TradeFlow.Turnover, year, null, null, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("year", exception.Field);
    }

    [Fact]
    public void Constructor_Year1991_IsAccepted()
    {
        var record = new TradeRecord("KR", "KZ", TradeFlow.Turnover, 1991, null, null, 0m);

        Assert.Equal(1991, record.Year);
        Assert.Null(record.Month);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Constructor_MonthOutOfRange_ThrowsForMonth(int month)
    {
        var act = () => new TradeRecord("KZ", "KR", TradeFlow.Export, 2023, month, null, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("month", exception.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Constructor_MonthInRange_IsAccepted(int month)
    {
        var record = new TradeRecord("KZ", "KR", TradeFlow.Export, 2023, month, null, 100m);

        Assert.Equal(month, record.Month);
    }

    [Fact]
    public void Constructor_UndefinedFlow_ThrowsForFlow()
    {
        var act = () => new TradeRecord("KZ", "KR", (TradeFlow)99, 2023, null, null, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("flow", exception.Field);
    }

    [Theory]
    [InlineData("27")]
    [InlineData("2709")]
    [InlineData("270900")]
    [InlineData(null)]
    public void Constructor_HsCodeOfTwoFourOrSixDigitsOrNone_IsAccepted(string? hsCode)
    {
        var record = new TradeRecord("KZ", "KR", TradeFlow.Export, 2023, null, hsCode, 100m);

        Assert.Equal(hsCode, record.HsCode);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("270")]
    [InlineData("27a9")]
    [InlineData("2709000")]
    [InlineData("")]
    [InlineData("27 9")]
    [InlineData("\uFF12\uFF17")]
    public void Constructor_MalformedHsCode_ThrowsForHsCode(string hsCode)
    {
        var act = () => new TradeRecord("KZ", "KR", TradeFlow.Export, 2023, null, hsCode, 100m);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("hsCode", exception.Field);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-1")]
    [InlineData("0.001")]
    [InlineData("100.005")]
    public void SetValue_NegativeOrFractionalCents_ThrowsForValueUsd(string value)
    {
        var record = NewRecord();

        var act = () => record.SetValue(decimal.Parse(value, CultureInfo.InvariantCulture), null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("valueUsd", exception.Field);
        Assert.Equal(100m, record.ValueUsd);
    }

    [Fact]
    public void SetValue_AboveMaxValueUsd_ThrowsForValueUsd()
    {
        var record = NewRecord();

        var act = () => record.SetValue(TradeRecord.MaxValueUsd + 0.01m, null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("valueUsd", exception.Field);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("6530000000.00")]
    [InlineData("999999999999999.99")]
    public void SetValue_WholeCentsInRange_IsAccepted(string value)
    {
        var record = NewRecord();
        var amount = decimal.Parse(value, CultureInfo.InvariantCulture);

        record.SetValue(amount, "Crude oil");

        Assert.Equal(amount, record.ValueUsd);
        Assert.Equal("Crude oil", record.Commodity);
    }

    [Fact]
    public void SetValue_CommodityTooLong_ThrowsForCommodity()
    {
        var record = NewRecord();
        var commodity = new string('a', TradeRecord.MaxCommodityLength + 1);

        var act = () => record.SetValue(100m, commodity);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("commodity", exception.Field);
    }

    private static TradeRecord NewRecord() => new("KZ", "KR", TradeFlow.Export, 2023, null, null, 100m);
}
