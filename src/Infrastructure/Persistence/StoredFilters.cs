using System.Linq.Expressions;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// List filters and sort keys over what the database stores beside the domain's own fields: the first and last day of
/// a partial date's period (see <c>HasPeriodColumns</c>) and the folded search text (see <see cref="SearchText"/>).
/// The column names stay here, with the configuration that makes them.
/// </summary>
public static class StoredFilters
{
    /// <summary>The first day of an event's period: its sort key by date.</summary>
    public static readonly Expression<Func<Event, DateOnly?>> EventStart = e => EF.Property<DateOnly?>(e, "PeriodStart");

    /// <summary>The first day of an agreement's signing period: its sort key by signing date.</summary>
    public static readonly Expression<Func<Agreement, DateOnly?>> AgreementSignedStart = a => EF.Property<DateOnly?>(a, "SignedPeriodStart");

    /// <summary>Events whose period overlaps from..to (either end open).</summary>
    public static IQueryable<Event> InPeriod(this IQueryable<Event> events, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            events = events.Where(e => EF.Property<DateOnly?>(e, "PeriodEnd") >= f);
        }
        return to is { } t ? events.Where(e => EF.Property<DateOnly?>(e, "PeriodStart") <= t) : events;
    }

    /// <summary>Agreements whose signing period overlaps from..to (either end open).</summary>
    public static IQueryable<Agreement> SignedInPeriod(this IQueryable<Agreement> agreements, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            agreements = agreements.Where(a => EF.Property<DateOnly?>(a, "SignedPeriodEnd") >= f);
        }
        return to is { } t ? agreements.Where(a => EF.Property<DateOnly?>(a, "SignedPeriodStart") <= t) : agreements;
    }

    /// <summary>
    /// Records whose folded search text holds the folded <paramref name="query"/> (all of them when there is none),
    /// compared in the list's order. The ranked search's trigram index is not used here: measured at 100k events, handing
    /// a common word's matches over from it cost more than finding a page of them in list order, and the lists' counts
    /// are remembered anyway.
    /// </summary>
    public static IQueryable<T> Searching<T>(this IQueryable<T> records, string? query) where T : Entity
    {
        if (string.IsNullOrEmpty(query))
        {
            return records;
        }
        var needle = SearchText.Needle(query);
        return records.Where(r => EF.Property<string>(r, SearchText.Column).Contains(needle));
    }
}
