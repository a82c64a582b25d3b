using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Tests.Common;

public sealed class AnniversariesTests
{
    [Fact]
    public void Between_YearOnlyDate_GivesAYearAsPreciseAsIt()
    {
        var found = Anniversaries.Between(new PartialDate(1992), 5, new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 30)).ToList();

        Assert.Equal([(new PartialDate(2027), 35)], found);
        Assert.Equal("2027", found[0].Date.ToString());
    }

    [Fact]
    public void Between_MonthDate_IsListedWhenItsMonthOverlaps()
    {
        var date = new PartialDate(1992, 1);

        var overlapping = Anniversaries.Between(date, 5, new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 1)).ToList();
        var outside = Anniversaries.Between(date, 5, new DateOnly(2027, 2, 1), new DateOnly(2027, 3, 1)).ToList();

        Assert.Equal([(new PartialDate(2027, 1), 35)], overlapping);
        Assert.Empty(outside);
    }

    [Fact]
    public void Between_TwentyNinthOfFebruary_FallsOnTheTwentyEighthInOtherYears()
    {
        var found = Anniversaries.Between(new PartialDate(2000, 2, 29), 1, new DateOnly(2021, 1, 1), new DateOnly(2024, 12, 31)).ToList();

        Assert.Equal(
            [(new PartialDate(2021, 2, 28), 21), (new PartialDate(2022, 2, 28), 22), (new PartialDate(2023, 2, 28), 23), (new PartialDate(2024, 2, 29), 24)],
            found);
    }

    [Fact]
    public void Between_OnlyMultiplesOfEvery_AndNeverTheDateItself()
    {
        var found = Anniversaries.Between(new PartialDate(2020, 5, 1), 2, new DateOnly(2020, 1, 1), new DateOnly(2026, 12, 31)).Select(a => a.Years);

        Assert.Equal([2, 4, 6], found);
    }
}
