using System.Linq.Expressions;

namespace RelationsApi.Api.Common;

internal static class Filters
{
    /// <summary>Keeps only the record with this external id, when one is asked for.</summary>
    public static IQueryable<T> WithExternalId<T>(this IQueryable<T> source, string? externalId) where T : Entity =>
        string.IsNullOrEmpty(externalId) ? source : source.Where(e => e.ExternalId == externalId);

    /// <summary>Keeps the records that match <paramref name="predicate"/> when the query parameter <paramref name="value"/> is given.</summary>
    public static IQueryable<T> WhereGiven<T>(this IQueryable<T> source, string? value, Expression<Func<T, bool>> predicate) =>
        string.IsNullOrEmpty(value) ? source : source.Where(predicate);

    /// <summary>
    /// Keeps the records whose <paramref name="key"/> is any of the values of the comma-separated <paramref name="list"/>
    /// ("flow=export,import"), when one is given; a list that does not parse filters nothing (its validator rejects it first).
    /// </summary>
    public static IQueryable<T> WhereAnyOf<T, TValue>(this IQueryable<T> source, Expression<Func<T, TValue>> key, string? list)
        where TValue : struct, Enum =>
        !string.IsNullOrEmpty(list) && EnumText<TValue>.TryParseList(list, out var values) ? source.WhereAnyOf(key, values) : source;

    /// <summary>
    /// Keeps the records whose <paramref name="key"/> is any of <paramref name="values"/> (an enum list filter such as
    /// "flow=export,import"), written as <c>key = @p0 OR key = @p1</c>: each value is an ordinary parameter, so the SQL
    /// depends only on how many values there are and EF translates each shape once.
    /// </summary>
    public static IQueryable<T> WhereAnyOf<T, TValue>(this IQueryable<T> source, Expression<Func<T, TValue>> key, IReadOnlyList<TValue> values)
        where TValue : struct, Enum
    {
        Expression? anyOf = null;
        foreach (var value in values)
        {
            // Compared as the C# compiler compares enums (through their underlying type), which EF knows how to translate.
            Expression<Func<TValue>> parameter = () => value;
            var underlying = Enum.GetUnderlyingType(typeof(TValue));
            var equals = Expression.Equal(Expression.Convert(key.Body, underlying), Expression.Convert(parameter.Body, underlying));
            anyOf = anyOf is null ? equals : Expression.OrElse(anyOf, equals);
        }
        return anyOf is null ? source : source.Where(Expression.Lambda<Func<T, bool>>(anyOf, key.Parameters));
    }
}
