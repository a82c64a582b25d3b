using System.Linq.Expressions;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Api.Common;

/// <summary>What a list validator and the documentation need of its sorting: whether a "sort" value is usable, and the default.</summary>
internal interface ISortCheck
{
    /// <summary>The order of the list when no sort is given ("-year").</summary>
    string DefaultSort { get; }

    /// <summary>The fields the list can be sorted by ("year", "valueUsd"), each also descending with a '-' prefix.</summary>
    IReadOnlyList<string> FieldNames { get; }

    /// <summary>Null when <paramref name="sort"/> is usable, else the message to show.</summary>
    string? Check(string? sort);
}

/// <summary>
/// The fields a list can be sorted by, each with what sorts by it (<typeparamref name="TField"/>). Parsing checks a
/// "sort" value ("-valueUsd,year") and turns it, or the default, into fields in order; whoever reads the list ends the
/// order with the id, in the direction of the last field, so that it is total and paging never repeats or skips a record.
/// </summary>
internal class Sorting<TField>(string defaultSort) : ISortCheck
{
    private readonly Dictionary<string, TField> _fields = new(StringComparer.Ordinal);

    public string DefaultSort => defaultSort;

    public IReadOnlyList<string> FieldNames => [.. _fields.Keys];

    public string AllowedList => string.Join(", ", _fields.Keys);

    public Sorting<TField> Add(string name, TField field)
    {
        _fields[name] = field;
        return this;
    }

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

    /// <summary>The fields of a checked <paramref name="sort"/>, or of the default when it is empty, in order.</summary>
    public IEnumerable<(TField Field, bool Descending)> Fields(string? sort) =>
        Parse(string.IsNullOrEmpty(sort) ? defaultSort : sort).Select(f => (_fields[f.Name], f.Descending));

    private static IEnumerable<(string Name, bool Descending)> Parse(string sort) =>
        sort.Split(',').Select(f => f.Trim()).Select(f => f.StartsWith('-') ? (f[1..], true) : (f, false));
}

/// <summary>One LINQ sort key of a list read through EF.</summary>
internal delegate IOrderedQueryable<T> OrderStep<T>(IQueryable<T> source, IOrderedQueryable<T>? ordered, bool descending);

/// <summary>The sort fields of a list read through EF, each a key expression.</summary>
internal sealed class LinqSorting<T>(string defaultSort) : Sorting<OrderStep<T>>(defaultSort) where T : Entity
{
    public LinqSorting<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        Add(name, (source, ordered, descending) => (ordered, descending) switch
        {
            (null, false) => source.OrderBy(key),
            (null, true) => source.OrderByDescending(key),
            (_, false) => ordered.ThenBy(key),
            (_, true) => ordered.ThenByDescending(key),
        });
        return this;
    }

    public IQueryable<T> Apply(IQueryable<T> source, string? sort)
    {
        IOrderedQueryable<T>? ordered = null;
        var lastDescending = false;
        foreach (var (step, descending) in Fields(sort))
        {
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
}

/// <summary>The sort fields of the trade record list, read with SQL through the read door.</summary>
internal sealed class TradeRecordSorting(string defaultSort) : Sorting<TradeRecordSortField>(defaultSort)
{
    /// <summary>The order of <paramref name="sort"/> (or the default), ending with the id like <see cref="LinqSorting{T}.Apply"/>.</summary>
    public IReadOnlyList<TradeRecordOrder> Orders(string? sort)
    {
        var orders = Fields(sort).Select(f => new TradeRecordOrder(f.Field, f.Descending)).ToList();
        orders.Add(new TradeRecordOrder(TradeRecordSortField.Id, orders.Count > 0 && orders[^1].Descending));
        return orders;
    }
}
