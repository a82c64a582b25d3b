using System.Globalization;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Tests.Common;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("1992", 1992, null, null, PartialDatePrecision.Year)]
    [InlineData("1992-12", 1992, 12, null, PartialDatePrecision.Month)]
    [InlineData("1992-12-16", 1992, 12, 16, PartialDatePrecision.Day)]
    [InlineData("2024-02-29", 2024, 2, 29, PartialDatePrecision.Day)]
    public void TryParse_WellFormedText_ReturnsTrueWithParts(
        string text, int year, int? month, int? day, PartialDatePrecision precision)
    {
        var parsed = PartialDate.TryParse(text, out var date);

        Assert.True(parsed);
        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(precision, date.Precision);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("92")]
    [InlineData("1992-13")]
    [InlineData("1992-00")]
    [InlineData("1992-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("1992-12-00")]
    [InlineData("1992-12-32")]
    [InlineData("1992/12")]
    [InlineData("1992-1")]
    [InlineData("1992-12-1")]
    [InlineData(" 1992")]
    [InlineData("1992 ")]
    [InlineData("1992-12-16T00:00")]
    [InlineData("+1992")]
    [InlineData("-992")]
    [InlineData("0000")]
    [InlineData("\uFF11\uFF19\uFF19\uFF12")]
    public void TryParse_MalformedText_ReturnsFalseAndDefault(string? text)
    {
        var parsed = PartialDate.TryParse(text, out var date);

        Assert.False(parsed);
        Assert.Equal(default, date);
    }

    [Fact]
    public void Parse_MalformedText_ThrowsFormatException()
    {
        Action act = () => PartialDate.Parse("1992-13");

        Assert.Throws<FormatException>(act);
    }

    [Theory]
    [InlineData("1992")]
    [InlineData("1992-12")]
    [InlineData("1992-12-16")]
    [InlineData("2024-02-29")]
    [InlineData("0001")]
    [InlineData("0987-01-05")]
    [InlineData("9999-12-31")]
    public void ToString_ParsedText_RoundTripsExactly(string text)
    {
        var date = PartialDate.Parse(text);

        var printed = date.ToString();

        Assert.Equal(text, printed);
    }

    [Fact]
    public void ToString_UnderAnotherCulture_StaysInvariant()
    {
        var date = new PartialDate(1992, 12, 16);
        var previous = CultureInfo.CurrentCulture;
        string printed;

        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            printed = date.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("1992-12-16", printed);
    }

    [Fact]
    public void ToString_YearOnly_NeverInventsMonthOrDay()
    {
        var date = new PartialDate(1992);

        var printed = date.ToString();

        Assert.Equal("1992", printed);
    }

    [Fact]
    public void ToString_MonthOnly_NeverInventsDay()
    {
        var date = new PartialDate(1992, 12);

        var printed = date.ToString();

        Assert.Equal("1992-12", printed);
    }

    [Theory]
    [InlineData("1992", "1992-01-01", "1992-12-31")]
    [InlineData("1992-01", "1992-01-01", "1992-01-31")]
    [InlineData("1992-04", "1992-04-01", "1992-04-30")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("9999-12", "9999-12-01", "9999-12-31")]
    [InlineData("2023-02", "2023-02-01", "2023-02-28")]
    [InlineData("1900-02", "1900-02-01", "1900-02-28")]
    [InlineData("2000-02", "2000-02-01", "2000-02-29")]
    [InlineData("1992-12", "1992-12-01", "1992-12-31")]
    [InlineData("1992-12-16", "1992-12-16", "1992-12-16")]
    [InlineData("2024-02-29", "2024-02-29", "2024-02-29")]
    public void StartAndEnd_ForPrecision_CoverTheWholePeriod(string text, string start, string end)
    {
        var date = PartialDate.Parse(text);

        var (actualStart, actualEnd) = (date.Start, date.End);

        Assert.Equal(DateOnly.Parse(start, CultureInfo.InvariantCulture), actualStart);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), actualEnd);
    }

    [Theory]
    [InlineData("1992", null, null, true)]
    [InlineData("1992", "1992-12-31", null, true)]
    [InlineData("1992", "1993-01-01", null, false)]
    [InlineData("1992", null, "1992-01-01", true)]
    [InlineData("1992", null, "1991-12-31", false)]
    [InlineData("1992", "1992-06-01", "1992-06-30", true)]
    [InlineData("1992", "1990-01-01", "2000-01-01", true)]
    [InlineData("1992", "1993-01-01", "1994-01-01", false)]
    [InlineData("1992", "1990-01-01", "1991-12-31", false)]
    [InlineData("1992-12", "1992-12-31", "1993-01-31", true)]
    [InlineData("1992-12", "1992-11-01", "1992-12-01", true)]
    [InlineData("1992-12", "1993-01-01", null, false)]
    [InlineData("1992-12", null, "1992-11-30", false)]
    [InlineData("1992-12-16", "1992-12-16", "1992-12-16", true)]
    [InlineData("1992-12-16", "1992-12-17", null, false)]
    [InlineData("1992-12-16", null, "1992-12-15", false)]
    public void Overlaps_WithRange_IsInclusiveAtBothEnds(string text, string? from, string? to, bool expected)
    {
        var date = PartialDate.Parse(text);

        var overlaps = date.Overlaps(ToDate(from), ToDate(to));

        Assert.Equal(expected, overlaps);
    }

    [Fact]
    public void Constructor_DayWithoutMonth_ThrowsArgumentException()
    {
        Action act = () => _ = new PartialDate(1992, null, 16);

        var exception = Assert.Throws<ArgumentException>(act);

        Assert.Equal("day", exception.ParamName);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(10000, null, null)]
    [InlineData(1992, 0, null)]
    [InlineData(1992, 13, null)]
    [InlineData(1992, 12, 0)]
    [InlineData(1992, 12, 32)]
    [InlineData(2023, 2, 29)]
    public void Constructor_OutOfRangePart_ThrowsArgumentOutOfRangeException(int year, int? month, int? day)
    {
        Action act = () => _ = new PartialDate(year, month, day);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Fact]
    public void Constructor_FromDateOnly_HasDayPrecision()
    {
        var date = new PartialDate(new DateOnly(1992, 12, 16));

        var printed = date.ToString();

        Assert.Equal(PartialDatePrecision.Day, date.Precision);
        Assert.Equal("1992-12-16", printed);
    }

    private static DateOnly? ToDate(string? text) =>
        text is null ? null : DateOnly.Parse(text, CultureInfo.InvariantCulture);
}
