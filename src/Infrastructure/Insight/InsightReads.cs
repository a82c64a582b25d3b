using System.Globalization;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Insight;

/// <summary>
/// The reads of the dashboards' statistics that go past EF: the version of the data (the newest change's sequence) and
/// the trade totals, added up by the database so that only a few thousand groups leave it however many records there are.
/// </summary>
public sealed class InsightReads
{
    /// <summary>Values are added as two sums, of whole thousand-millions of cents and of the rest: exact, and never past 64 bits.</summary>
    private const long Split = 1_000_000_000;

    private const string Totals =
        "SELECT \"ReporterCountry\", \"PartnerCountry\", \"Flow\", \"Year\", \"Month\", length(\"HsCode\"), " +
        "sum(\"ValueUsdCents\" / 1000000000), sum(\"ValueUsdCents\" % 1000000000), count(*) FROM \"TradeRecords\"";

    private const string GroupBy =
        " GROUP BY \"ReporterCountry\", \"PartnerCountry\", \"Flow\", \"Year\", \"Month\", length(\"HsCode\")";

    /// <summary>The same groups of every record, as the triggers of the TradeTotals migration keep them (0 for no month, no code).</summary>
    private const string KeptTotals =
        "SELECT \"ReporterCountry\", \"PartnerCountry\", \"Flow\", \"Year\", nullif(\"Month\", 0), nullif(\"HsLength\", 0), " +
        "\"Billions\", \"Rest\", \"Records\" FROM \"TradeTotals\"";

    private readonly IReadConnections _connections;
    private readonly RecordReads _records;
    private readonly SemaphoreSlim _readingAll = new(1, 1);
    private volatile Kept? _allTotals;

    internal InsightReads(IReadConnections connections, RecordReads records) => (_connections, _records) = (connections, records);

    /// <summary>
    /// The data's version: the sequence of the newest committed change, 0 when there is none. Every write, seed and
    /// import (deletions too) appends to the change log in its own transaction, so any change of any record moves it on.
    /// </summary>
    public ValueTask<long> VersionAsync(CancellationToken cancellationToken) => _records.NewestChangeSequenceAsync(cancellationToken);

    /// <summary>
    /// The data's version (<see cref="VersionAsync"/>) and, for each resource named in <paramref name="resources"/>, the
    /// sequence of its newest committed change, 0 when there is none, read in one round trip. A resource's version moves
    /// on with every write of its records and with no other; compaction keeps each record's latest entry, so it never
    /// moves back.
    /// </summary>
    public async ValueTask<(long Newest, long[] OfEach)> VersionsAsync(IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        // Each newest entry is found at the end of the sequence index, or of its resource's stretch of the (resource,
        // sequence) index: one plan serves every resource.
        var sql = new Sql($"SELECT ({RecordReads.NewestChange})") { PlanOnce = true };
        foreach (var resource in resources)
        {
            sql.Append($", ({RecordReads.NewestChange}{RecordReads.OfResource}").Parameter(resource).Append(")");
        }
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(sql, cancellationToken);
        await row.ReadAsync(cancellationToken);
        var each = new long[resources.Count];
        for (var i = 0; i < each.Length; i++)
        {
            each[i] = Convert.ToInt64(row.GetValue(i + 1), CultureInfo.InvariantCulture);
        }
        return (Convert.ToInt64(row.GetValue(0), CultureInfo.InvariantCulture), each);
    }

    /// <summary>
    /// The trade records <paramref name="filter"/> selects (an HS code prefix, for one), added up per reporter, partner,
    /// flow, year, month and HS code length, from the records themselves.
    /// </summary>
    public ValueTask<IReadOnlyList<TradeTotal>> TradeTotalsAsync(TradeRecordFilter filter, CancellationToken cancellationToken) =>
        ReadTotalsAsync(filter, cancellationToken);

    /// <summary>
    /// Every trade record, added up the same way: from the totals the database keeps current with every write (a few
    /// thousand groups even for millions of records), read once per version of the data and kept, so that dashboards
    /// asking in turn cost the database nothing until the data changes.
    /// </summary>
    public async Task<IReadOnlyList<TradeTotal>> AllTradeTotalsAsync(CancellationToken cancellationToken)
    {
        // The version is read before the totals: totals newer than their label are read again next time, never the
        // other way round.
        var version = await VersionAsync(cancellationToken);
        if (_allTotals is { } kept && kept.Version == version)
        {
            return kept.Totals;
        }
        await _readingAll.WaitAsync(cancellationToken);   // one reader at a time: the others wait for its answer
        try
        {
            if (_allTotals is { } read && read.Version == version)
            {
                return read.Totals;
            }
            var totals = await ReadKeptTotalsAsync(cancellationToken);
            _allTotals = new Kept(version, totals);
            return totals;
        }
        finally
        {
            _readingAll.Release();
        }
    }

    /// <summary>The records <paramref name="filter"/> selects, added up from the records themselves.</summary>
    internal ValueTask<IReadOnlyList<TradeTotal>> ReadTotalsAsync(TradeRecordFilter filter, CancellationToken cancellationToken)
    {
        var sql = new Sql(Totals);
        TradeRecordSql.Where(filter, sql);   // the trade record list's filter: one definition, with its indexes
        return ReadTotalsAsync(sql.Append(GroupBy), cancellationToken);
    }

    /// <summary>The totals of every record as the database keeps them.</summary>
    internal ValueTask<IReadOnlyList<TradeTotal>> ReadKeptTotalsAsync(CancellationToken cancellationToken) =>
        ReadTotalsAsync(new Sql(KeptTotals), cancellationToken);

    private async ValueTask<IReadOnlyList<TradeTotal>> ReadTotalsAsync(Sql sql, CancellationToken cancellationToken)
    {
        var totals = new List<TradeTotal>();
        using var connection = await _connections.RentAsync(cancellationToken);
        await using var row = await connection.ExecuteAsync(sql, cancellationToken);
        while (await row.ReadAsync(cancellationToken))
        {
            var cents = (Convert.ToDecimal(row.GetValue(6), CultureInfo.InvariantCulture) * Split)
                + Convert.ToDecimal(row.GetValue(7), CultureInfo.InvariantCulture);
            totals.Add(new TradeTotal(
                row.GetString(0),
                row.GetString(1),
                FlowConverter.Parse(row.GetString(2)),
                Convert.ToInt32(row.GetValue(3), CultureInfo.InvariantCulture),
                row.IsDBNull(4) ? null : Convert.ToInt32(row.GetValue(4), CultureInfo.InvariantCulture),
                row.IsDBNull(5) ? null : Convert.ToInt32(row.GetValue(5), CultureInfo.InvariantCulture),
                cents,
                Convert.ToInt32(row.GetValue(8), CultureInfo.InvariantCulture)));
        }
        return totals;
    }

    /// <summary>Totals of every trade record, labelled with the version of the data they were read at.</summary>
    private sealed record Kept(long Version, IReadOnlyList<TradeTotal> Totals);
}
