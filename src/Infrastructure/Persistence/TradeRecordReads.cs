using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>The trade records a list selects; empty or null parts select everything.</summary>
public sealed record TradeRecordFilter
{
    public string? ExternalId { get; init; }
    public int? Year { get; init; }
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }

    /// <summary>Any of these flows; none means every flow.</summary>
    public IReadOnlyList<TradeFlow> Flows { get; init; } = [];

    public string? ReporterCountry { get; init; }

    /// <summary>HS codes that start with these digits; records without a code never match.</summary>
    public string? HsCodePrefix { get; init; }
}

/// <summary>One key of an ORDER BY: a column of <see cref="TradeRecordReads.Columns"/>, ascending or descending.</summary>
public readonly record struct SortColumn(string Column, bool Descending);

/// <summary>A trade record as stored, read without EF for the list, the lookup by id and the CSV export.</summary>
public sealed record TradeRecordRow(
    int Id,
    string? ExternalId,
    string ReporterCountry,
    string PartnerCountry,
    TradeFlow Flow,
    int Year,
    int? Month,
    string? HsCode,
    string? Commodity,
    decimal ValueUsd,
    IReadOnlyList<Source> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>
/// Reads trade records, the table that grows to millions of rows, with hand-written SQL on <see cref="ReadConnections"/>:
/// each statement is compiled once per connection instead of once per request, and rows are read straight into
/// <see cref="TradeRecordRow"/> without EF's query pipeline. Writes still go through EF.
/// </summary>
/// <remarks>
/// The values read are those EF reads for the same row: money from whole cents with two decimals, instants as UTC,
/// sources with the JSON options of the column's converter. Microsoft.Data.Sqlite runs every statement synchronously
/// (its async methods do too), so these methods are synchronous and check for cancellation before each statement.
/// </remarks>
public sealed class TradeRecordReads(ReadConnections connections)
{
    /// <summary>The columns a sort may name.</summary>
    public static class Columns
    {
        public const string Id = "Id";
        public const string Year = "Year";
        public const string ValueUsd = "ValueUsdCents";
        public const string HsCode = "HsCode";
    }

    private const string SelectRow =
        "SELECT \"Id\", \"ExternalId\", \"ReporterCountry\", \"PartnerCountry\", \"Flow\", \"Year\", \"Month\", \"HsCode\", \"Commodity\", " +
        "\"ValueUsdCents\", \"Sources\", \"CreatedAt\", \"UpdatedAt\", \"Version\" FROM \"TradeRecords\"";

    private const string SelectById = SelectRow + " WHERE \"Id\" = $id";

    private static readonly HashSet<string> Sortable = [Columns.Id, Columns.Year, Columns.ValueUsd, Columns.HsCode];

    /// <summary>Trade record <paramref name="id"/>, or null when there is none.</summary>
    public TradeRecordRow? Find(int id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = connections.Rent();
        var command = connection.Command(SelectById);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    /// <summary>How many trade records <paramref name="filter"/> selects.</summary>
    public int Count(TradeRecordFilter filter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql("SELECT count(*) FROM \"TradeRecords\"");
        Where(filter, sql);
        using var connection = connections.Rent();
        using var reader = sql.Execute(connection);
        reader.Read();
        return reader.GetInt32(0);
    }

    /// <summary>The records <paramref name="filter"/> selects, in <paramref name="order"/>, after skipping <paramref name="skip"/>, at most <paramref name="take"/>.</summary>
    public List<TradeRecordRow> Page(TradeRecordFilter filter, IReadOnlyList<SortColumn> order, long skip, int take, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql(SelectRow);
        Where(filter, sql);
        OrderBy(order, sql);
        sql.Append(" LIMIT ").Parameter(take).Append(" OFFSET ").Parameter(skip);
        using var connection = connections.Rent();
        using var reader = sql.Execute(connection);
        var rows = new List<TradeRecordRow>(take);
        while (reader.Read())
        {
            rows.Add(ReadRow(reader));
        }
        return rows;
    }

    /// <summary>Every record <paramref name="filter"/> selects, in <paramref name="order"/>, read one at a time as they are enumerated.</summary>
    public IEnumerable<TradeRecordRow> All(TradeRecordFilter filter, IReadOnlyList<SortColumn> order, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql(SelectRow);
        Where(filter, sql);
        OrderBy(order, sql);
        using var connection = connections.Rent();
        using var reader = sql.Execute(connection);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadRow(reader);
        }
    }

    /// <summary>
    /// The trade record filter, the one definition the list, its count and the CSV export share. Every condition has
    /// an index: a year (with a flow) leads the year indexes, and the HS code prefix is a range on the code's index
    /// (codes are digits, and ':' sorts right after '9'), which also leaves out records without a code.
    /// </summary>
    private static void Where(TradeRecordFilter filter, Sql sql)
    {
        var and = " WHERE ";
        if (!string.IsNullOrEmpty(filter.ExternalId))
        {
            sql.Append(and).Append("\"ExternalId\" = ").Parameter(filter.ExternalId);
            and = " AND ";
        }
        if (filter.Year is { } year)
        {
            sql.Append(and).Append("\"Year\" = ").Parameter(year);
            and = " AND ";
        }
        if (filter.YearFrom is { } yearFrom)
        {
            sql.Append(and).Append("\"Year\" >= ").Parameter(yearFrom);
            and = " AND ";
        }
        if (filter.YearTo is { } yearTo)
        {
            sql.Append(and).Append("\"Year\" <= ").Parameter(yearTo);
            and = " AND ";
        }
        if (filter.Flows.Count > 0)
        {
            sql.Append(and).Append('(');
            for (var i = 0; i < filter.Flows.Count; i++)
            {
                sql.Append(i == 0 ? "\"Flow\" = " : " OR \"Flow\" = ").Parameter(FlowText(filter.Flows[i]));
            }
            sql.Append(")");
            and = " AND ";
        }
        if (!string.IsNullOrEmpty(filter.ReporterCountry))
        {
            sql.Append(and).Append("\"ReporterCountry\" = ").Parameter(filter.ReporterCountry);
            and = " AND ";
        }
        if (!string.IsNullOrEmpty(filter.HsCodePrefix))
        {
            sql.Append(and).Append("\"HsCode\" >= ").Parameter(filter.HsCodePrefix)
                .Append(" AND \"HsCode\" < ").Parameter(filter.HsCodePrefix + ":");
        }
    }

    private static void OrderBy(IReadOnlyList<SortColumn> order, Sql sql)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var (column, descending) = order[i];
            if (!Sortable.Contains(column))
            {
                throw new ArgumentException($"Trade records cannot be sorted by '{column}'.", nameof(order));
            }
            sql.Append(i == 0 ? " ORDER BY \"" : ", \"").Append(column).Append(descending ? "\" DESC" : "\"");
        }
    }

    private static string FlowText(TradeFlow flow) => flow switch
    {
        TradeFlow.Export => nameof(TradeFlow.Export),
        TradeFlow.Import => nameof(TradeFlow.Import),
        TradeFlow.Turnover => nameof(TradeFlow.Turnover),
        _ => flow.ToString(),
    };

    private static TradeFlow ParseFlow(string text) => text switch
    {
        nameof(TradeFlow.Export) => TradeFlow.Export,
        nameof(TradeFlow.Import) => TradeFlow.Import,
        nameof(TradeFlow.Turnover) => TradeFlow.Turnover,
        _ => Enum.Parse<TradeFlow>(text),
    };

    private static TradeRecordRow ReadRow(SqliteDataReader reader) => new(
        reader.GetInt32(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        ParseFlow(reader.GetString(4)),
        reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetInt32(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetInt64(9) * 0.01m,   // as CentsConverter reads it: always two decimals
        JsonSerializer.Deserialize<List<Source>>(reader.GetString(10), JsonColumn.Options) ?? [],
        StoredInstant.Read(reader, 11),
        StoredInstant.Read(reader, 12),
        reader.GetInt32(13));

    /// <summary>SQL text and its parameter values, $0, $1, … in order of appearance.</summary>
    private sealed class Sql(string start)
    {
        private readonly StringBuilder _text = new StringBuilder(512).Append(start);
        private readonly List<object> _values = [];

        public Sql Append(string text)
        {
            _text.Append(text);
            return this;
        }

        public Sql Append(char text)
        {
            _text.Append(text);
            return this;
        }

        public Sql Parameter(object value)
        {
            _text.Append('$').Append(_values.Count.ToString(CultureInfo.InvariantCulture));
            _values.Add(value);
            return this;
        }

        public SqliteDataReader Execute(ReadConnections.ReadConnection connection)
        {
            var command = connection.Command(_text.ToString());
            for (var i = 0; i < _values.Count; i++)
            {
                command.Parameters.AddWithValue("$" + i.ToString(CultureInfo.InvariantCulture), _values[i]);
            }
            return command.ExecuteReader();
        }
    }
}

/// <summary>Instants as EF stores them in SQLite: UTC text "yyyy-MM-dd HH:mm:ss.FFFFFFF".</summary>
internal static class StoredInstant
{
    /// <summary>The instant in column <paramref name="ordinal"/>, marked UTC: the value EF's reader and <see cref="UtcDateTimeConverter"/> give.</summary>
    public static DateTime Read(SqliteDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return TryParse(text, out var value)
            ? value
            : DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);   // what EF does
    }

    /// <summary>Parses exactly the format EF writes (fraction optional, 1 to 7 digits); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text.Length == 20 || text.Length > 27
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || (text.Length > 19 && text[19] != '.'))
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }
        var ticks = 0;
        if (text.Length > 19)
        {
            var fraction = text[20..];
            if (!Digits(fraction, out ticks))
            {
                return false;
            }
            for (var i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
