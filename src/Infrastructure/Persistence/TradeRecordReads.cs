using System.Buffers;
using System.Globalization;
using System.Text;
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

    /// <summary>Names exactly the records this filter selects, among trade records only: the key its count is remembered by.</summary>
    public string CountKey() =>
        $"trade-records|{Length(ExternalId)}:{ExternalId}|{Year}|{YearFrom}|{YearTo}|{string.Join(',', Flows)}|{Length(ReporterCountry)}:{ReporterCountry}|{Length(HsCodePrefix)}:{HsCodePrefix}";

    private static int Length(string? text) => text?.Length ?? -1;
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
/// each statement is compiled once per connection instead of once per request, and rows are read column by column from
/// SQLite (<see cref="TradeRecordCursor"/>) without EF's query pipeline. Writes still go through EF.
/// </summary>
/// <remarks>
/// SQLite runs every statement synchronously (Microsoft.Data.Sqlite's async methods do too), so these methods are
/// synchronous and check for cancellation before each statement, and the export before each row.
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

    private const string SelectById = SelectRow + " WHERE \"Id\" = $0";

    private static readonly HashSet<string> Sortable = [Columns.Id, Columns.Year, Columns.ValueUsd, Columns.HsCode];

    /// <summary>Trade record <paramref name="id"/>: a cursor with that one row, or none.</summary>
    public TradeRecordCursor Find(int id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql(SelectById);
        sql.Values.Add(id);
        return new TradeRecordCursor(connections.Rent(), sql, CancellationToken.None);
    }

    /// <summary>How many trade records <paramref name="filter"/> selects.</summary>
    public int Count(TradeRecordFilter filter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql("SELECT count(*) FROM \"TradeRecords\"");
        Where(filter, sql);
        using var cursor = new TradeRecordCursor(connections.Rent(), sql, CancellationToken.None);
        cursor.Read();
        return cursor.Int32(0);
    }

    /// <summary>The records <paramref name="filter"/> selects, in <paramref name="order"/>, after skipping <paramref name="skip"/>, at most <paramref name="take"/>.</summary>
    public TradeRecordCursor Page(TradeRecordFilter filter, IReadOnlyList<SortColumn> order, long skip, int take, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql(SelectRow);
        Where(filter, sql);
        OrderBy(order, sql);
        sql.Append(" LIMIT ").Parameter(take).Append(" OFFSET ").Parameter(skip);
        return new TradeRecordCursor(connections.Rent(), sql, CancellationToken.None);
    }

    /// <summary>Every record <paramref name="filter"/> selects, in <paramref name="order"/>; checks for cancellation before each row.</summary>
    public TradeRecordCursor All(TradeRecordFilter filter, IReadOnlyList<SortColumn> order, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new Sql(SelectRow);
        Where(filter, sql);
        OrderBy(order, sql);
        return new TradeRecordCursor(connections.Rent(), sql, cancellationToken);
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
            sql.Append(and).Append("(");
            for (var i = 0; i < filter.Flows.Count; i++)
            {
                sql.Append(i == 0 ? "\"Flow\" = " : " OR \"Flow\" = ").Parameter(TradeRecordCursor.FlowText(filter.Flows[i]));
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
}

/// <summary>SQL text and its parameter values, $0, $1, … in order of appearance.</summary>
internal sealed class Sql(string start)
{
    private readonly StringBuilder _text = new StringBuilder(512).Append(start);

    public List<object> Values { get; } = [];

    public string Text => _text.ToString();

    public Sql Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public Sql Parameter(object value)
    {
        _text.Append('$').Append(Values.Count.ToString(CultureInfo.InvariantCulture));
        Values.Add(value);
        return this;
    }
}

/// <summary>Instants as EF stores them in SQLite: UTC text "yyyy-MM-dd HH:mm:ss.FFFFFFF".</summary>
internal static class StoredInstant
{
    /// <summary>The instant stored as <paramref name="utf8"/>, marked UTC: the value EF's reader and <see cref="UtcDateTimeConverter"/> give.</summary>
    public static DateTime Parse(ReadOnlySpan<byte> utf8)
    {
        Span<char> text = stackalloc char[32];
        if (utf8.Length <= text.Length && Ascii.ToUtf16(utf8, text, out var length) == OperationStatus.Done && TryParse(text[..length], out var value))
        {
            return value;
        }
        return DateTime.SpecifyKind(DateTime.Parse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture), DateTimeKind.Utc);   // what EF does
    }

    /// <summary>
    /// Writes the instant stored as <paramref name="utf8"/> as System.Text.Json writes the UTC DateTime <see cref="Parse"/>
    /// gives ("2026-12-02T14:01:14.99Z": the fraction without trailing zeros, none when it is zero) into
    /// <paramref name="iso"/> (28 bytes) by copying the text, which <see cref="TryParse"/> checks, instead of formatting
    /// the parsed value; false, writing nothing, when it is not a valid instant in the format EF writes.
    /// </summary>
    public static bool TryWriteIso(ReadOnlySpan<byte> utf8, Span<byte> iso, out int length)
    {
        length = 0;
        Span<char> text = stackalloc char[32];
        if (iso.Length < 28 || utf8.Length > text.Length || Ascii.ToUtf16(utf8, text, out var chars) != OperationStatus.Done
            || !TryParse(text[..chars], out _))
        {
            return false;
        }
        var end = utf8.Length;
        while (end > 20 && utf8[end - 1] == '0')
        {
            end--;
        }
        if (end == 20)
        {
            end = 19;   // a fraction of zero: no fraction at all
        }
        utf8[..end].CopyTo(iso);
        iso[10] = (byte)'T';
        iso[end] = (byte)'Z';
        length = end + 1;
        return true;
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
