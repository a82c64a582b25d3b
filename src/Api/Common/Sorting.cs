using System.Linq.Expressions;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Common;

/// <summary>
/// The fields a list can be sorted by, each with its key expression, or its sort field for a trade record list (read with SQL). Parsing
/// checks a "sort" value ("-valueUsd,year"); applying it always ends with the id, in the direction of the last field,
/// so the order is total and paging never repeats or skips a record.
/// </summary>
internal sealed class Sorting<T>(string defaultSort) where T : Entity
{
    private delegate IOrderedQueryable<T> Step(IQueryable<T> source, IOrderedQueryable<T>? ordered, bool descending);

    /// <summary>A field's LINQ key, or its trade record sort field (one of the two).</summary>
    private sealed record Field(Step? Step, TradeRecordSortField? SortField);

    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);

    public string Default => defaultSort;

    public string AllowedList => string.Join(", ", _fields.Keys);

    public Sorting<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields[name] = new Field((source, ordered, descending) => (ordered, descending) switch
        {
            (null, false) => source.OrderBy(key),
            (null, true) => source.OrderByDescending(key),
            (_, false) => ordered.ThenBy(key),
            (_, true) => ordered.ThenByDescending(key),
        }, null);
        return this;
    }

    /// <summary>A field of a trade record list, read with SQL: it sorts by <paramref name="field"/>.</summary>
    public Sorting<T> Add(string name, TradeRecordSortField field)
    {
        _fields[name] = new Field(null, field);
        return this;
    }

    /// <summary>Null when <paramref name="sort"/> is usable, else the message to show.</summary>
    public string? Check(string? sort)
    {
        if (string.IsNullOrEmpty(sort))
        {
            return null;
        }
        var names = Parse(sort).Select(f => f.Name).ToList();
        if (names.Any(n => !_fields.ContainsKey(n)))
        {
            return $"Sort by one or more of: {AllowedList} (prefix '-' for descending, comma-separated).";
        }
        return names.Distinct().Count() == names.Count ? null : "A field may appear only once in 'sort'.";
    }

    public IQueryable<T> Apply(IQueryable<T> source, string? sort)
    {
        IOrderedQueryable<T>? ordered = null;
        var lastDescending = false;
        foreach (var (name, descending) in Parse(string.IsNullOrEmpty(sort) ? defaultSort : sort))
        {
            var step = _fields[name].Step ?? throw new InvalidOperationException($"'{name}' sorts a list read with SQL: use Columns.");
            ordered = step(source, ordered, descending);
            lastDescending = descending;
        }
        // Ties go the way of the last field: a descending sort is then exactly the reverse of the ascending one, and an
        // index on the sort field (which ends with the id, the rowid) delivers the order without a sort step.
        return (ordered, lastDescending) switch
        {
            (null, _) => source.OrderBy(e => e.Id),
            (_, false) => ordered.ThenBy(e => e.Id),
            (_, true) => ordered.ThenByDescending(e => e.Id),
        };
    }

    /// <summary>The order of <paramref name="sort"/> (or the default) for a trade record list, ending with the id like <see cref="Apply"/>.</summary>
    public IReadOnlyList<TradeRecordOrder> Orders(string? sort)
    {
        var orders = new List<TradeRecordOrder>();
        foreach (var (name, descending) in Parse(string.IsNullOrEmpty(sort) ? defaultSort : sort))
        {
            var field = _fields[name].SortField ?? throw new InvalidOperationException($"'{name}' sorts a list read with LINQ: use Apply.");
            orders.Add(new TradeRecordOrder(field, descending));
        }
        orders.Add(new TradeRecordOrder(TradeRecordSortField.Id, orders.Count > 0 && orders[^1].Descending));
        return orders;
    }

    private static IEnumerable<(string Name, bool Descending)> Parse(string sort) =>
        sort.Split(',').Select(f => f.Trim()).Select(f => f.StartsWith('-') ? (f[1..], true) : (f, false));
}
