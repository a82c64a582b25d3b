using System.Data;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// One batch of entries compaction removed from one resource's change log: the highest sequence it removed, under a run
/// number that grows with every batch. A feed cursor carries the newest run number when it was handed out; a reader
/// has missed a change exactly when a later run removed an entry after its cursor's sequence.
/// </summary>
public sealed class ChangeCompaction
{
    public long Run { get; init; }

    /// <summary>The resource's path segment, as in <see cref="Change.Resource"/>.</summary>
    public required string Resource { get; init; }

    public long HighestRemovedSequence { get; init; }

    public DateTime CompactedAt { get; init; }
}

/// <summary>What one compaction did.</summary>
/// <param name="Removed">Entries removed.</param>
/// <param name="HighestRemovedSequence">The highest sequence removed, 0 when none was.</param>
public sealed record CompactionResult(int Removed, long HighestRemovedSequence);

/// <summary>
/// Shrinks the change log while keeping what replaying it from the start needs: an entry goes only when a later entry
/// of the same record follows it (so every record keeps its latest entry, and a deleted record its tombstone, which a
/// reader that starts again over a copy it already has needs to drop the record) and when it is older than a cutoff.
/// Replaying what is left still rebuilds exactly the current data. Each batch records what it removed in
/// <see cref="ChangeCompaction"/> rows, committed with the removal, so that the feed can tell a reader it missed some.
/// An entry removed before a reader's cursor was handed out is no loss to it: the later entry that superseded it is
/// still ahead of the cursor.
/// </summary>
public static class ChangeLogCompaction
{
    /// <summary>Entries removed per transaction: the write lock is held for one batch at a time, never for the whole run.</summary>
    public const int BatchSize = 5000;

    // Plain SQL that SQLite (3.35 and later) and PostgreSQL both run. The audit trail's key entries ("keys") are kept:
    // they are few, and a key's making is worth keeping after its revoking. The EXISTS probe and the resource filter of the
    // feed use the index on (Resource, RecordId, Sequence); the scan walks the primary key from where the last batch ended.
    private const string RemoveBatchSql = """
        DELETE FROM "Changes" WHERE "Sequence" IN (
            SELECT c."Sequence" FROM "Changes" AS c
            WHERE c."Sequence" > @after AND c."ChangedAt" < @before AND c."Resource" <> 'keys'
              AND EXISTS (SELECT 1 FROM "Changes" AS n
                          WHERE n."Resource" = c."Resource" AND n."RecordId" = c."RecordId" AND n."Sequence" > c."Sequence")
            ORDER BY c."Sequence"
            LIMIT @batch)
        RETURNING "Resource", "Sequence"
        """;

    /// <summary>Removes every entry older than <paramref name="before"/> that a later entry of its record supersedes.</summary>
    public static async Task<CompactionResult> CompactAsync(RelationsDbContext db, DateTime before, CancellationToken cancellationToken)
    {
        var removed = 0;
        var highest = 0L;
        var after = 0L;
        while (true)
        {
            var batch = new Dictionary<string, long>(StringComparer.Ordinal);
            var count = 0;
            await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
            {
                await using (var command = db.Database.GetDbConnection().CreateCommand())
                {
                    command.Transaction = transaction.Transaction.GetDbTransaction();
                    command.CommandText = RemoveBatchSql;
                    Parameter(command, "@after", DbType.Int64, after);
                    Parameter(command, "@before", null, before);   // bound as EF stores an instant, like the change log's own
                    Parameter(command, "@batch", DbType.Int32, BatchSize);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var (resource, sequence) = (reader.GetString(0), reader.GetInt64(1));
                        batch[resource] = Math.Max(sequence, batch.GetValueOrDefault(resource));
                        count++;
                    }
                }
                if (count > 0)
                {
                    await RecordAsync(db, batch, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            db.ChangeTracker.Clear();
            removed += count;
            if (count > 0)
            {
                after = batch.Values.Max();
                highest = Math.Max(highest, after);
            }
            if (count < BatchSize)
            {
                return new CompactionResult(removed, highest);
            }
        }
    }

    /// <summary>The newest compaction run, 0 before the first: read before a page of the feed, for its next cursor.</summary>
    public static async Task<long> NewestRunAsync(RelationsDbContext db, CancellationToken cancellationToken) =>
        await db.ChangeCompactions.MaxAsync(c => (long?)c.Run, cancellationToken) ?? 0;

    /// <summary>
    /// The highest sequence removed from <paramref name="resources"/> (all when null) by runs after <paramref name="run"/>;
    /// 0 when none removed anything. A cursor below it has missed a change.
    /// </summary>
    public static async Task<long> RemovedSinceAsync(
        RelationsDbContext db, long run, IReadOnlyCollection<string>? resources, CancellationToken cancellationToken)
    {
        var compactions = db.ChangeCompactions.AsNoTracking().Where(c => c.Run > run);
        if (resources is not null)
        {
            compactions = compactions.Where(c => resources.Contains(c.Resource));
        }
        return await compactions.MaxAsync(c => (long?)c.HighestRemovedSequence, cancellationToken) ?? 0;
    }

    private static async Task RecordAsync(RelationsDbContext db, Dictionary<string, long> batch, CancellationToken cancellationToken)
    {
        var run = await NewestRunAsync(db, cancellationToken) + 1;   // under the write lock: no other batch draws the same
        var now = DateTime.UtcNow;
        foreach (var (resource, sequence) in batch)
        {
            db.ChangeCompactions.Add(new ChangeCompaction { Run = run, Resource = resource, HighestRemovedSequence = sequence, CompactedAt = now });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Parameter(DbCommand command, string name, DbType? type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } known)
        {
            parameter.DbType = known;
        }
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
