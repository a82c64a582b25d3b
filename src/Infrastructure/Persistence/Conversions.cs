using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RelationsApi.Infrastructure.Persistence;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.ToUniversalTime(),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc));

internal sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
    date => date.ToString(),
    text => PartialDate.Parse(text));

/// <summary>
/// A trade flow stored as its name ("Export"): what EF writes and what the hand-written reads bind in filters and parse
/// back, defined once here.
/// </summary>
internal sealed class FlowConverter() : ValueConverter<TradeFlow, string>(flow => Text(flow), text => Parse(text))
{
    public static string Text(TradeFlow flow) => flow switch
    {
        TradeFlow.Export => nameof(TradeFlow.Export),
        TradeFlow.Import => nameof(TradeFlow.Import),
        TradeFlow.Turnover => nameof(TradeFlow.Turnover),
        _ => throw new ArgumentOutOfRangeException(nameof(flow), flow, "Not a trade flow."),
    };

    public static TradeFlow Parse(string text) => text switch
    {
        nameof(TradeFlow.Export) => TradeFlow.Export,
        nameof(TradeFlow.Import) => TradeFlow.Import,
        nameof(TradeFlow.Turnover) => TradeFlow.Turnover,
        _ => throw new FormatException($"'{text}' is not a stored trade flow."),
    };
}

/// <summary>Whole cents in the database: exact, and still a number to filter, sort and sum.</summary>
internal sealed class CentsConverter() : ValueConverter<decimal, long>(
    usd => (long)(usd * 100m),
    cents => cents * 0.01m);   // scale 2: always two decimals, as the domain keeps them

/// <summary>A small list stored as one JSON text column.</summary>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => JsonSerializer.Serialize(list, JsonColumn.Options),
    json => JsonSerializer.Deserialize<List<T>>(json, JsonColumn.Options) ?? new List<T>());

internal sealed class JsonListComparer<T>() : ValueComparer<IReadOnlyList<T>>(
    (left, right) => left!.SequenceEqual(right!),
    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
    list => list.ToList());

internal static class JsonColumn
{
    /// <summary>Source-generated metadata: a list is read on every row a query returns, so no reflection on that path.</summary>
    public static readonly JsonSerializerOptions Options = JsonColumnContext.Default.Options;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<Source>))]
[JsonSerializable(typeof(IReadOnlyList<Source>))]
internal sealed partial class JsonColumnContext : JsonSerializerContext;
