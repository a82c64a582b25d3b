using System.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>One committed change of one record: the change feed's entry, in commit order.</summary>
public sealed class Change
{
    /// <summary>
    /// Strictly increasing in commit order: writers commit one at a time, holding the database's write lock from before
    /// their first change is numbered until they commit (<see cref="Engine.BeginWriteAsync"/>), and a committed number
    /// is never handed out again (SQLite's AUTOINCREMENT, PostgreSQL's identity).
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>The resource's path segment: events, flights, trade-records or agreements.</summary>
    public required string Resource { get; init; }

    public int RecordId { get; init; }

    /// <summary>created, updated or deleted.</summary>
    public required string Operation { get; init; }

    /// <summary>The record's version after the change; for a deletion, the version that was deleted.</summary>
    public int Version { get; init; }

    public DateTime ChangedAt { get; init; }

    /// <summary>Who made the change, when the write was made on someone's behalf; null for the system (seed, start-up).</summary>
    public string? Actor { get; init; }

    /// <summary>The record as the API represents it, as JSON, after the change; null for a deletion.</summary>
    public string? Data { get; init; }
}

/// <summary>
/// Writes a <see cref="Change"/> for every record a save adds, changes or removes, on the save's own connection and
/// inside its transaction, so a change is in the log exactly when it is committed. Record writes therefore have to run in
/// an explicit transaction (every write path does); a save without one is refused rather than logged half-way. The same
/// goes for the records' search documents (<see cref="SearchDocuments"/>), written with the entries.
/// </summary>
internal sealed class ChangeLog(StoredResources resources, TimeProvider clock) : SaveChangesInterceptor
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var db = (RelationsDbContext)eventData.Context!;
        db.PendingChanges.Clear();
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            var operation = entry.State switch
            {
                EntityState.Added => Created,
                EntityState.Modified => Updated,
                EntityState.Deleted => Deleted,
                _ => null,
            };
            if (operation is not null)
            {
                db.PendingChanges.Add((entry.Entity, operation));
            }
        }
        if (db.PendingChanges.Count > 0 && db.Database.CurrentTransaction is null)
        {
            db.PendingChanges.Clear();
            throw new InvalidOperationException("Record writes must run in an explicit transaction, so that their change log entries commit with them.");
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var db = (RelationsDbContext)eventData.Context!;
        if (db.PendingChanges.Count > 0)
        {
            await AppendAsync(db, db.PendingChanges, cancellationToken);
            db.PendingChanges.Clear();
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ((RelationsDbContext)eventData.Context!).PendingChanges.Clear();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Appends entries for changes already saved in the current transaction (ids assigned), and writes or removes the
    /// records' search documents with them: one command per change, whose two statements (the entry, then the document)
    /// go to the database together, one round trip where PostgreSQL would otherwise take two.
    /// </summary>
    public async Task AppendAsync(RelationsDbContext db, IReadOnlyCollection<(Entity Record, string Operation)> changes, CancellationToken cancellationToken)
    {
        await using var write = EntryCommand(db, SearchDocuments.Upsert, db.Actor, SearchDocuments.DocumentParameters);
        await using var delete = EntryCommand(db, SearchDocuments.Remove, db.Actor, []);
        var now = clock.StoredNow();
        foreach (var (record, op) in changes)
        {
            var stored = resources.Of(record);
            var command = op == Deleted ? delete : write;
            var parameters = command.Parameters;
            parameters[0].Value = stored.Name;
            parameters[1].Value = record.Id;
            parameters[2].Value = op;
            parameters[3].Value = record.Version;
            parameters[4].Value = op == Deleted ? now : record.UpdatedAt;
            parameters[5].Value = op == Deleted ? DBNull.Value : stored.Snapshot(record);
            if (op != Deleted)
            {
                SearchDocuments.SetDocument(parameters, EntryParameters, SearchDocuments.Of(stored.Name, record));
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The parameters every entry command starts with, before those of its search document statement.</summary>
    private const int EntryParameters = 7;

    /// <summary>
    /// A command that inserts a change log entry, then runs <paramref name="documentSql"/> (which uses the entry's
    /// @resource and @id, and <paramref name="documentParameters"/>) on the record's search document.
    /// </summary>
    private static DbCommand EntryCommand(RelationsDbContext db, string documentSql, string? actor, string[] documentParameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            INSERT INTO "Changes" ("Resource", "RecordId", "Operation", "Version", "ChangedAt", "Actor", "Data")
            VALUES (@resource, @id, @operation, @version, @changedAt, @actor, @data);
            {documentSql}
            """;
        Parameter(command, "@resource", DbType.String);
        Parameter(command, "@id", DbType.Int32);
        Parameter(command, "@operation", DbType.String);
        Parameter(command, "@version", DbType.Int32);
        Parameter(command, "@changedAt", null);   // left to the provider, which binds a DateTime as EF stores it
        Parameter(command, "@data", DbType.String);
        Parameter(command, "@actor", DbType.String).Value = (object?)actor ?? DBNull.Value;
        foreach (var name in documentParameters)
        {
            Parameter(command, name, DbType.String);
        }
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType? type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type is { } known)
        {
            parameter.DbType = known;
        }
        command.Parameters.Add(parameter);
        return parameter;
    }
}
