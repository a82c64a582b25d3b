namespace RelationsApi.Domain.Common;

/// <summary>
/// Anniversaries of partial dates: as precise as the date they count from ("1992" gives "2027"), on 28 February for
/// 29 February in years without one.
/// </summary>
public static class Anniversaries
{
    /// <summary>
    /// The anniversaries of <paramref name="date"/> that are a positive multiple of <paramref name="every"/> years and
    /// whose period overlaps <paramref name="from"/>..<paramref name="to"/>, earliest first, each with its number of years.
    /// </summary>
    public static IEnumerable<(PartialDate Date, int Years)> Between(PartialDate date, int every, DateOnly from, DateOnly to)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        for (var year = Math.Max(from.Year, date.Year + 1); year <= to.Year; year++)
        {
            var years = year - date.Year;
            if (years % every != 0)
            {
                continue;
            }
            var anniversary = In(date, year);
            if (anniversary.Overlaps(from, to))
            {
                yield return (anniversary, years);
            }
        }
    }

    /// <summary>The date's anniversary in <paramref name="year"/>, exactly as precise; 29 February falls on 28 February in other years.</summary>
    public static PartialDate In(PartialDate date, int year) =>
        date is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new PartialDate(year, 2, 28)
            : new PartialDate(year, date.Month, date.Day);
}
