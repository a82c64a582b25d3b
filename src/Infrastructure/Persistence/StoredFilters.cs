using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Infrastructure.Insight;

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
    /// Records of the resource named <paramref name="resource"/> whose folded search text holds the folded
    /// <paramref name="query"/>. A query of <see cref="SearchTerms.SubstringLength"/> characters or more is first looked
    /// up in the search's index, which holds every record's searchable text (a superset of what <c>q</c> searches); when
    /// it finds at most <see cref="IndexedMatchesAtMost"/> records, only they are compared. A query found more often, and
    /// a shorter one, which a trigram index cannot find, are compared with the records in the list's order.
    /// </summary>
    public static IQueryable<T> Searching<T>(this IQueryable<T> records, RelationsDbContext db, string resource, string query) where T : Entity
    {
        var needle = SearchText.Needle(query);
        var matching = records.Where(r => EF.Property<string>(r, SearchText.Column).Contains(needle));
        if (needle.EnumerateRunes().Count() < SearchTerms.SubstringLength)
        {
            return matching;
        }
        // The index finds the records of a rare word at once, where a scan reads the whole table; a common word's page is
        // found by the scan within its first rows, while the index would hand over every match for each page (measured at
        // 1M trade records and 100k events: a page of "energy", in a fifth of the events, 10 ms by the scan and 190 ms
        // through the index; "zeppelin", in none, 360 ms against 1 ms). So the index is asked for a bounded number of
        // matches, and they are used only when that is all of them.
        var (sql, values) = Engine.Of(db).SearchCandidatesSql(resource, needle);
        var candidates = db.Database.SqlQueryRaw<int>(sql, values).Take(IndexedMatchesAtMost + 1).ToList();
        return candidates.Count <= IndexedMatchesAtMost ? matching.Where(r => candidates.Contains(r.Id)) : matching;
    }

    /// <summary>The most matches of a list's q that are looked up in the search index; a query with more is a scan.</summary>
    internal const int IndexedMatchesAtMost = 1000;
}
