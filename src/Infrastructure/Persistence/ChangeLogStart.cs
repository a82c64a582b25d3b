using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Gives a database that had records before it had a change log a "created" entry for each of them (at its current
/// version), once, so that replaying the feed from the start rebuilds every record, old ones included.
/// </summary>
internal static class ChangeLogStart
{
    private const string MarkerName = "change-log";

    public static async Task ApplyAsync(RelationsDbContext db, ChangeLog log, StoredResources resources, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, cancellationToken);   // with the write lock: API processes starting together on one database apply it once
        if (await db.SeedRuns.AnyAsync(r => r.Name == MarkerName, cancellationToken))
        {
            return;
        }
        foreach (var resource in resources.All)
        {
            await AppendAllAsync(db, resource.All(db, cancellationToken), log, cancellationToken);
        }
        db.SeedRuns.Add(new SeedRun { Name = MarkerName, AppliedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task AppendAllAsync(RelationsDbContext db, IAsyncEnumerable<Entity> records, ChangeLog log, CancellationToken cancellationToken)
    {
        var batch = new List<(Entity, string)>(1000);
        await foreach (var record in records)
        {
            batch.Add((record, ChangeLog.Created));
            if (batch.Count == batch.Capacity)
            {
                await log.AppendAsync(db, batch, cancellationToken);
                batch.Clear();
            }
        }
        await log.AppendAsync(db, batch, cancellationToken);
    }
}
