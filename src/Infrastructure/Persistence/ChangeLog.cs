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
    /// records' search documents with them. On a server (a connection that can batch commands: PostgreSQL) the entries
    /// and documents of up to <see cref="BatchSize"/> changes go in one batch, so a write of one record makes one round
    /// trip for them and a bulk load one per <see cref="BatchSize"/> changes; on SQLite each change is one command.
    /// </summary>
    public async Task AppendAsync(RelationsDbContext db, IReadOnlyCollection<(Entity Record, string Operation)> changes, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var now = clock.StoredNow();
        if (connection.CanCreateBatch)
        {
            // A batch's commands hold one statement each: the entry, then the document with parameters of its own.
            foreach (var chunk in changes.Chunk(BatchSize))
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var (record, op) in chunk)
                {
                    var entry = batch.CreateBatchCommand();
                    entry.CommandText = InsertEntry;
                    AddParameters(entry.Parameters, entry.CreateParameter, EntryParameters);
                    var stored = SetEntry(entry.Parameters, record, op, now, db.Actor);
                    batch.BatchCommands.Add(entry);

                    var document = batch.CreateBatchCommand();
                    document.CommandText = DocumentSql(op);
                    AddParameters(document.Parameters, document.CreateParameter, DocumentParameters(op));
                    document.Parameters[0].Value = stored.Name;
                    document.Parameters[1].Value = record.Id;
                    SetDocument(document.Parameters, 2, stored, record, op);
                    batch.BatchCommands.Add(document);
                }
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            return;
        }
        // An embedded database has no round trips to save: two commands, each prepared once and run for every change,
        // whose two statements (the entry, then the document, which uses the entry's @resource and @id) go together.
        await using var write = EntryCommand(connection, transaction, Created);
        await using var delete = EntryCommand(connection, transaction, Deleted);
        foreach (var (record, op) in changes)
        {
            var command = op == Deleted ? delete : write;
            var stored = SetEntry(command.Parameters, record, op, now, db.Actor);
            SetDocument(command.Parameters, EntryParameters.Length, stored, record, op);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>How many changes a batch writes at most: enough that a round trip is a small part of the batch's time.</summary>
    private const int BatchSize = 200;

    private const string InsertEntry = """
        INSERT INTO "Changes" ("Resource", "RecordId", "Operation", "Version", "ChangedAt", "Actor", "Data")
        VALUES (@resource, @id, @operation, @version, @changedAt, @actor, @data)
        """;

    /// <summary>
    /// The "created" entry of the record a statement inserts, read as "Id" from its "inserted" rows (see
    /// <see cref="Engine.InsertWith"/>), with its search document in <see cref="SearchDocuments.UpsertOfInserted"/>. The
    /// entry's JSON is put together around the id the database gave the record: <c>@dataHead</c>, the id,
    /// <c>@dataTail</c> (<see cref="SetCreated"/>).
    /// </summary>
    internal static readonly string[] OfInserted =
    [
        """
        INSERT INTO "Changes" ("Resource", "RecordId", "Operation", "Version", "ChangedAt", "Actor", "Data")
        SELECT @resource, "Id", @operation, @version, @changedAt, @actor, @dataHead || "Id" || @dataTail FROM inserted
        """,
        SearchDocuments.UpsertOfInserted,
    ];

    /// <summary>The parameters of <see cref="OfInserted"/>, in the order <see cref="SetCreated"/> sets them.</summary>
    internal static readonly (string Name, DbType? Type)[] OfInsertedParameters =
    [
        ("@resource", DbType.String),
        ("@operation", DbType.String),
        ("@version", DbType.Int32),
        ("@changedAt", null),
        ("@actor", DbType.String),
        ("@dataHead", DbType.String),
        ("@dataTail", DbType.String),
        .. SearchDocuments.DocumentParameters.Select(name => (name, (DbType?)DbType.String)),
    ];

    /// <summary>
    /// Sets the <see cref="OfInsertedParameters"/>, from the one at <paramref name="first"/> on, to the entry and
    /// document of <paramref name="record"/>, created by <paramref name="actor"/> and not yet given its id.
    /// </summary>
    internal void SetCreated(DbParameterCollection parameters, int first, Entity record, string? actor)
    {
        var stored = resources.Of(record);
        // The record as the API shows it begins with its id, still 0 here; the database puts the real one in.
        const string Head = "{\"id\":";
        var data = stored.Snapshot(record);
        if (record.Id != 0 || !data.StartsWith(Head + "0", StringComparison.Ordinal) || data.Length < Head.Length + 2 || data[Head.Length + 1] is not (',' or '}'))
        {
            throw new InvalidOperationException($"A new {stored.Name} record's JSON must begin with its id, 0 until it is inserted.");
        }
        parameters[first].Value = stored.Name;
        parameters[first + 1].Value = Created;
        parameters[first + 2].Value = record.Version;
        parameters[first + 3].Value = record.UpdatedAt;
        parameters[first + 4].Value = (object?)actor ?? DBNull.Value;
        parameters[first + 5].Value = Head;
        parameters[first + 6].Value = data[(Head.Length + 1)..];
        SearchDocuments.SetDocument(parameters, first + 7, SearchDocuments.Of(stored.Name, record));
    }

    /// <summary>Adds parameters named and typed as <paramref name="names"/> to <paramref name="command"/>.</summary>
    internal static void AddParameters(DbCommand command, IEnumerable<(string Name, DbType? Type)> names) =>
        AddParameters(command.Parameters, command.CreateParameter, names);

    /// <summary>The parameters of <see cref="InsertEntry"/>, in the order <see cref="SetEntry"/> sets them.</summary>
    private static readonly (string Name, DbType? Type)[] EntryParameters =
    [
        ("@resource", DbType.String),
        ("@id", DbType.Int32),
        ("@operation", DbType.String),
        ("@version", DbType.Int32),
        ("@changedAt", null),   // left to the provider, which binds a DateTime as EF stores it
        ("@data", DbType.String),
        ("@actor", DbType.String),
    ];

    /// <summary>What an <paramref name="operation"/> does to the record's search document (by @resource and @id): write it, or remove it.</summary>
    private static string DocumentSql(string operation) => operation == Deleted ? SearchDocuments.Remove : SearchDocuments.Upsert;

    /// <summary>The parameters of <see cref="DocumentSql"/>: @resource and @id, as the entry's, then a written document's texts.</summary>
    private static (string Name, DbType? Type)[] DocumentParameters(string operation) => operation == Deleted ? RemoveParameters : UpsertParameters;

    private static readonly (string Name, DbType? Type)[] RemoveParameters = EntryParameters[..2];

    private static readonly (string Name, DbType? Type)[] UpsertParameters =
        [.. RemoveParameters, .. SearchDocuments.DocumentParameters.Select(name => (name, (DbType?)DbType.String))];

    private static DbCommand EntryCommand(DbConnection connection, DbTransaction? transaction, string operation)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{InsertEntry};\n{DocumentSql(operation)}";
        AddParameters(command.Parameters, command.CreateParameter, [.. EntryParameters, .. DocumentParameters(operation)[2..]]);
        return command;
    }

    private static void AddParameters(DbParameterCollection parameters, Func<DbParameter> create, IEnumerable<(string Name, DbType? Type)> names)
    {
        foreach (var (name, type) in names)
        {
            var parameter = create();
            parameter.ParameterName = name;
            if (type is { } known)
            {
                parameter.DbType = known;
            }
            parameters.Add(parameter);
        }
    }

    /// <summary>Sets the <see cref="EntryParameters"/> to the entry of <paramref name="record"/>'s change; returns how the record's resource is stored.</summary>
    private StoredResource SetEntry(DbParameterCollection parameters, Entity record, string op, DateTime now, string? actor)
    {
        var stored = resources.Of(record);
        parameters[0].Value = stored.Name;
        parameters[1].Value = record.Id;
        parameters[2].Value = op;
        parameters[3].Value = record.Version;
        parameters[4].Value = op == Deleted ? now : record.UpdatedAt;
        parameters[5].Value = op == Deleted ? DBNull.Value : stored.Snapshot(record);
        parameters[6].Value = (object?)actor ?? DBNull.Value;
        return stored;
    }

    /// <summary>Sets the <see cref="DocumentParameters"/>, from the one at <paramref name="first"/> on, to the record's document (none for a deletion).</summary>
    private static void SetDocument(DbParameterCollection parameters, int first, StoredResource stored, Entity record, string op)
    {
        if (op != Deleted)
        {
            SearchDocuments.SetDocument(parameters, first, SearchDocuments.Of(stored.Name, record));
        }
    }
}
