using System.Globalization;

namespace RelationsApi.Domain.Common;

/// <summary>
/// A date known to the year ("1992"), the month ("1992-12") or the day ("1992-12-16").
/// It stands for a period, <see cref="Start"/>..<see cref="End"/>, and prints exactly as precise as it was given.
/// </summary>
public readonly record struct PartialDate
{
    public const int MinYear = 1;
    public const int MaxYear = 9999;

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be 1..9999.");
        }
        if (month is null && day is not null)
        {
            throw new ArgumentException("A day needs a month.", nameof(day));
        }
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be 1..12.");
        }
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "The day does not exist in that month.");
        }
        (Year, Month, Day) = (year, month, day);
    }

    public PartialDate(DateOnly date) : this(date.Year, date.Month, date.Day)
    {
    }

    public PartialDatePrecision Precision =>
        Day is not null ? PartialDatePrecision.Day : Month is not null ? PartialDatePrecision.Month : PartialDatePrecision.Year;

    /// <summary>The first day of the period.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Precision switch
    {
        PartialDatePrecision.Day => Start,
        PartialDatePrecision.Month => new DateOnly(Year, Month!.Value, DateTime.DaysInMonth(Year, Month.Value)),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>True when the period shares at least one day with <paramref name="from"/>..<paramref name="to"/> (either end open).</summary>
    public bool Overlaps(DateOnly? from, DateOnly? to) => (from is null || End >= from) && (to is null || Start <= to);

    /// <summary>Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nothing else (no times, no other separators, no signs).</summary>
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (text is null || text.Length is not (4 or 7 or 10))
        {
            return false;
        }
        if (!TryDigits(text, 0, 4, out var year) || year < MinYear)
        {
            return false;
        }
        if (text.Length == 4)
        {
            date = new PartialDate(year);
            return true;
        }
        if (text[4] != '-' || !TryDigits(text, 5, 2, out var month) || month is < 1 or > 12)
        {
            return false;
        }
        if (text.Length == 7)
        {
            date = new PartialDate(year, month);
            return true;
        }
        if (text[7] != '-' || !TryDigits(text, 8, 2, out var day) || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a partial date (YYYY, YYYY-MM or YYYY-MM-DD).");

    public override string ToString() => Precision switch
    {
        PartialDatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
        PartialDatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (text[i] - '0');
        }
        return true;
    }
}

public enum PartialDatePrecision
{
    Year,
    Month,
    Day,
}
