using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Infrastructure.Persistence.Reading;

/// <summary>
/// The reads that run on every request of the busiest paths, with prepared SQL instead of EF: trade record lists, their
/// counts, lookups by id and exports, the API key of a request, and the newest change (what remembered counts are
/// checked against when several processes write). The same on both engines; each engine only lends the connections
/// (<see cref="IReadConnections"/>).
/// </summary>
/// <remarks>
/// Every method is asynchronous for PostgreSQL's sake; on SQLite each completes before it returns (see
/// <see cref="IReadConnections"/>). Cancellation is checked before each statement and each row.
/// </remarks>
public sealed class RecordReads
{
    private const string KeyByHash =
        "SELECT \"Id\", \"Name\", \"Scope\", \"Hash\", \"Prefix\", \"CreatedAt\", \"RevokedAt\" FROM \"ApiKeys\" WHERE \"Hash\" = @p0";

    internal const string NewestChange = "SELECT coalesce(max(\"Sequence\"), 0) FROM \"Changes\"";

    /// <summary>What narrows <see cref="NewestChange"/> to one resource, named by the parameter that follows.</summary>
    internal const string OfResource = " WHERE \"Resource\" = ";

    private readonly IReadConnections _connections;

    internal RecordReads(IReadConnections connections) => _connections = connections;

    /// <summary>How many trade records <paramref name="filter"/> selects.</summary>
    public async ValueTask<int> CountTradeRecordsAsync(TradeRecordFilter filter, CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(TradeRecordSql.Count(filter), cancellationToken);
        await row.ReadAsync(cancellationToken);
        return Convert.ToInt32(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes the records <paramref name="filter"/> selects, in <paramref name="order"/>, after skipping
    /// <paramref name="skip"/>, at most <paramref name="take"/>, each as the JSON object of the API's trade record.
    /// With <paramref name="newestChangeOf"/>, the name of the trade records' resource in the change log, the same
    /// statement first reads the sequence of its newest change (what a remembered count is checked against when several
    /// processes write), saving a round trip of its own, and returns it; otherwise returns 0.
    /// </summary>
    public async ValueTask<long> WriteTradeRecordPageAsync(
        Utf8JsonWriter json, TradeRecordFilter filter, IReadOnlyList<TradeRecordOrder> order, long skip, int take, string? newestChangeOf,
        CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        // The name is the API's own constant, not input; it is quoted as a literal so that the page keeps its parameters.
        var sql = TradeRecordSql.Page(filter, order, skip, take,
            newestChangeOf is null ? "" : $"{NewestChange}{OfResource}'{newestChangeOf.Replace("'", "''", StringComparison.Ordinal)}'; ");
        await using var row = await connection.ExecuteAsync(sql, cancellationToken);
        var newest = 0L;
        if (newestChangeOf is not null)
        {
            await row.ReadAsync(cancellationToken);
            newest = Convert.ToInt64(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            await row.NextResultAsync(cancellationToken);
        }
        while (await row.ReadAsync(cancellationToken))
        {
            WriteTradeRecord(json, row);
        }
        return newest;
    }

    /// <summary>
    /// Writes trade record <paramref name="id"/> as the JSON object of the API's trade record and returns its version;
    /// null, with nothing written, when there is none.
    /// </summary>
    public async ValueTask<int?> WriteTradeRecordAsync(Utf8JsonWriter json, int id, CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(TradeRecordSql.ById(id), cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }
        WriteTradeRecord(json, row);
        return row.GetInt32(TradeRecordSql.VersionColumn);
    }

    /// <summary>Every record <paramref name="filter"/> selects, in <paramref name="order"/>, read as they are enumerated.</summary>
    public async IAsyncEnumerable<TradeRecord> ExportTradeRecordsAsync(
        TradeRecordFilter filter, IReadOnlyList<TradeRecordOrder> order, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(TradeRecordSql.Select(filter, order), cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            yield return TradeRecordSql.ToRecord(row);
        }
    }

    /// <summary>The key whose secret hashes to <paramref name="hash"/>, revoked or not; null when there is none. Reads the latest commit.</summary>
    internal async ValueTask<ApiKey?> FindKeyAsync(byte[] hash, CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(new Sql(KeyByHash) { Values = { hash } }, cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new ApiKey
        {
            Id = row.GetInt32(0),
            Name = row.GetString(1),
            Scope = row.GetString(2),
            Hash = (byte[])row.GetValue(3),
            Prefix = row.GetString(4),
            CreatedAt = StoredValues.Instant(row, 5),
            RevokedAt = row.IsDBNull(6) ? null : StoredValues.Instant(row, 6),
        };
    }

    /// <summary>The sequence of the newest committed change, 0 when there is none.</summary>
    internal ValueTask<long> NewestChangeSequenceAsync(CancellationToken cancellationToken) => NewestChangeSequenceAsync(null, cancellationToken);

    /// <summary>
    /// The sequence of the newest committed change of the resource named <paramref name="resource"/> (of any, when
    /// null), 0 when there is none.
    /// </summary>
    internal async ValueTask<long> NewestChangeSequenceAsync(string? resource, CancellationToken cancellationToken)
    {
        using var connection = await _connections.RentAsync(cancellationToken);
        var sql = resource is null ? new Sql(NewestChange) : new Sql(NewestChange + OfResource).Parameter(resource);
        sql.PlanOnce = true;
        await using var row = await connection.ExecuteAsync(sql, cancellationToken);
        await row.ReadAsync(cancellationToken);
        return Convert.ToInt64(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The row as the JSON of the API's trade record, field by field in its order, with the values its serializer writes.</summary>
    private static void WriteTradeRecord(Utf8JsonWriter json, DbDataReader row)
    {
        json.WriteStartObject();
        json.WriteNumber("id"u8, row.GetInt32(TradeRecordSql.IdColumn));
        StoredValues.WriteText(json, "externalId"u8, row, TradeRecordSql.ExternalIdColumn);
        StoredValues.WriteText(json, "reporterCountry"u8, row, TradeRecordSql.ReporterColumn);
        StoredValues.WriteText(json, "partnerCountry"u8, row, TradeRecordSql.PartnerColumn);
        json.WriteString("flow"u8, FlowConverter.Parse(row.GetString(TradeRecordSql.FlowColumn)) switch
        {
            TradeFlow.Export => "export"u8,
            TradeFlow.Import => "import"u8,
            _ => "turnover"u8,
        });
        json.WriteNumber("year"u8, row.GetInt32(TradeRecordSql.YearColumn));
        if (row.IsDBNull(TradeRecordSql.MonthColumn))
        {
            json.WriteNull("month"u8);
        }
        else
        {
            json.WriteNumber("month"u8, row.GetInt32(TradeRecordSql.MonthColumn));
        }
        StoredValues.WriteText(json, "hsCode"u8, row, TradeRecordSql.HsCodeColumn);
        StoredValues.WriteText(json, "commodity"u8, row, TradeRecordSql.CommodityColumn);
        StoredValues.WriteCents(json, "valueUsd"u8, row.GetInt64(TradeRecordSql.CentsColumn));
        StoredValues.WriteSources(json, "sources"u8, row, TradeRecordSql.SourcesColumn);
        json.WriteString("createdAt"u8, StoredValues.Instant(row, TradeRecordSql.CreatedColumn));
        json.WriteString("updatedAt"u8, StoredValues.Instant(row, TradeRecordSql.UpdatedColumn));
        json.WriteNumber("version"u8, row.GetInt32(TradeRecordSql.VersionColumn));
        json.WriteEndObject();
    }
}
