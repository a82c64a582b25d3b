using System.Data.Common;
using System.Text.Json;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Infrastructure.Persistence.Reading;

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

/// <summary>What a trade record list can be ordered by.</summary>
public enum TradeRecordSortField
{
    Id,
    Year,
    ValueUsd,
    HsCode,
}

/// <summary>One key of a trade record list's order.</summary>
public readonly record struct TradeRecordOrder(TradeRecordSortField Field, bool Descending);

/// <summary>
/// The SQL of the trade record reads: the table that grows to millions of rows is read with hand-written SQL, each
/// statement prepared once per connection, and its rows written straight to JSON without EF's query pipeline.
/// </summary>
internal static class TradeRecordSql
{
    public const int IdColumn = 0, ExternalIdColumn = 1, ReporterColumn = 2, PartnerColumn = 3, FlowColumn = 4, YearColumn = 5, MonthColumn = 6;
    public const int HsCodeColumn = 7, CommodityColumn = 8, CentsColumn = 9, SourcesColumn = 10, CreatedColumn = 11, UpdatedColumn = 12, VersionColumn = 13;

    private const string SelectRow =
        "SELECT \"Id\", \"ExternalId\", \"ReporterCountry\", \"PartnerCountry\", \"Flow\", \"Year\", \"Month\", \"HsCode\", \"Commodity\", " +
        "\"ValueUsdCents\", \"Sources\", \"CreatedAt\", \"UpdatedAt\", \"Version\" FROM \"TradeRecords\"";

    public static Sql ById(int id) => new Sql(SelectRow + " WHERE \"Id\" = ").Parameter(id);

    public static Sql Count(TradeRecordFilter filter)
    {
        var sql = new Sql("SELECT count(*) FROM \"TradeRecords\"");
        Where(filter, sql);
        return sql;
    }

    /// <summary>The rows <paramref name="filter"/> selects in <paramref name="order"/>, after <paramref name="before"/>: statements without parameters to run first.</summary>
    public static Sql Select(TradeRecordFilter filter, IReadOnlyList<TradeRecordOrder> order, string before = "")
    {
        var sql = new Sql(before + SelectRow);
        Where(filter, sql);
        OrderBy(order, sql);
        return sql;
    }

    public static Sql Page(TradeRecordFilter filter, IReadOnlyList<TradeRecordOrder> order, long skip, int take, string before = "")
    {
        var sql = Select(filter, order, before).Append(" LIMIT ").Parameter((long)take).Append(" OFFSET ").Parameter(skip);
        // An external id, a year and flows are equalities that lead an index (the external id's; year, flow and the
        // sort column; flow and id). Year ranges, reporters and HS code prefixes select a share of the table that
        // depends on the values, and with it whether an index on the filter or one on the order is the faster path.
        sql.PlanOnce = filter is { YearFrom: null, YearTo: null, ReporterCountry: null or "", HsCodePrefix: null or "" };
        return sql;
    }

    /// <summary>The current row as a record, read as EF reads it (sources, cents, instants).</summary>
    public static TradeRecord ToRecord(DbDataReader row)
    {
        var record = new TradeRecord(
            row.GetString(ReporterColumn),
            row.GetString(PartnerColumn),
            FlowConverter.Parse(row.GetString(FlowColumn)),
            row.GetInt32(YearColumn),
            row.IsDBNull(MonthColumn) ? null : row.GetInt32(MonthColumn),
            row.IsDBNull(HsCodeColumn) ? null : row.GetString(HsCodeColumn),
            row.GetInt64(CentsColumn) * 0.01m);   // as CentsConverter reads it: always two decimals
        record.SetValue(record.ValueUsd, row.IsDBNull(CommodityColumn) ? null : row.GetString(CommodityColumn));
        record.SetExternalId(row.IsDBNull(ExternalIdColumn) ? null : row.GetString(ExternalIdColumn));
        record.SetSources(JsonSerializer.Deserialize<List<Source>>(row.GetString(SourcesColumn), JsonColumn.Options) ?? []);
        record.Restore(row.GetInt32(IdColumn), StoredValues.Instant(row, CreatedColumn), StoredValues.Instant(row, UpdatedColumn), row.GetInt32(VersionColumn));
        return record;
    }

    /// <summary>
    /// The trade record filter, the one definition the list, its count and the CSV export share. Every condition has
    /// an index: a year (with a flow) leads the year indexes, and the HS code prefix is a range on the code's index
    /// (codes are digits, and ':' sorts right after '9'), which also leaves out records without a code.
    /// </summary>
    public static void Where(TradeRecordFilter filter, Sql sql)
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
                sql.Append(i == 0 ? "\"Flow\" = " : " OR \"Flow\" = ").Parameter(FlowConverter.Text(filter.Flows[i]));
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

    private static void OrderBy(IReadOnlyList<TradeRecordOrder> order, Sql sql)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var (field, descending) = order[i];
            var column = field switch
            {
                TradeRecordSortField.Id => "\"Id\"",
                TradeRecordSortField.Year => "\"Year\"",
                TradeRecordSortField.ValueUsd => "\"ValueUsdCents\"",
                TradeRecordSortField.HsCode => "\"HsCode\"",
                _ => throw new ArgumentOutOfRangeException(nameof(order), field, "Not a trade record sort field."),
            };
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(column).Append(descending ? " DESC" : "");
            if (field == TradeRecordSortField.HsCode)
            {
                // Records without a code come first going up and last going down, on both engines (SQLite's own order).
                sql.Append(descending ? " NULLS LAST" : " NULLS FIRST");
            }
        }
    }
}
