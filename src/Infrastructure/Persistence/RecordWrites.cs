using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>What a write came to.</summary>
public enum WriteOutcome
{
    /// <summary>The change is staged (and, once <see cref="RecordWrites{TEntity}.CommitAsync"/> ran, saved).</summary>
    Done,
    NotFound,

    /// <summary>The caller named a version that is no longer current.</summary>
    StaleVersion,

    /// <summary>Another record already has the unique key.</summary>
    Duplicate,

    /// <summary>The change broke a rule; <see cref="WriteResult{TEntity}.Errors"/> says which.</summary>
    Invalid,
}

/// <summary>The outcome of one write, with the record it concerns where there is one.</summary>
public sealed record WriteResult<TEntity>(
    WriteOutcome Outcome,
    TEntity? Record = null,
    int? ExistingId = null,
    IDictionary<string, string[]>? Errors = null,
    string? DuplicateField = null)
    where TEntity : Entity
{
    public static WriteResult<TEntity> Done(TEntity record) => new(WriteOutcome.Done, record);

    public static readonly WriteResult<TEntity> NotFound = new(WriteOutcome.NotFound);

    public static WriteResult<TEntity> Stale(TEntity current) => new(WriteOutcome.StaleVersion, current);

    /// <summary>Another record has the same value of <paramref name="field"/> ("externalId"), or the same unique key (null).</summary>
    public static WriteResult<TEntity> Duplicate(int? existingId, string? field = null) =>
        new(WriteOutcome.Duplicate, ExistingId: existingId, DuplicateField: field);

    public static WriteResult<TEntity> Invalid(IDictionary<string, string[]> errors) => new(WriteOutcome.Invalid, Errors: errors);
}

/// <summary>
/// The write rules every resource shares, apart from HTTP: load, version check, change, unique-key check and stage,
/// then save and commit. A single write and a bulk import run the same steps; the caller decides how many rows go into
/// one transaction (<see cref="WriteTransaction.BeginAsync"/> … <see cref="CommitAsync"/>).
/// </summary>
public sealed class RecordWrites<TEntity> where TEntity : Entity
{
    private static readonly CompiledPerEngine<Func<RelationsDbContext, int, CancellationToken, Task<TEntity?>>> Tracked =
        new(() => EF.CompileAsyncQuery((RelationsDbContext db, int id, CancellationToken _) => db.Set<TEntity>().FirstOrDefault(e => e.Id == id)));

    /// <summary>The id of another record with the same unique key as the given one, for resources that have one.</summary>
    public Func<RelationsDbContext, TEntity, CancellationToken, Task<int?>>? FindDuplicate { get; init; }

    /// <summary>
    /// The unique key <see cref="FindDuplicate"/> looks for, as text, for resources that have one: lets a bulk import
    /// find two rows of one request with the same key before either is saved.
    /// </summary>
    public Func<TEntity, string>? UniqueKey { get; init; }

    /// <summary>Stages a new record unless another record has its unique key.</summary>
    public async Task<WriteResult<TEntity>> AddAsync(RelationsDbContext db, TEntity record, CancellationToken cancellationToken)
    {
        if (await CheckNewAsync(db, record, cancellationToken) is { Outcome: not WriteOutcome.Done } duplicate)
        {
            return duplicate;
        }
        db.Set<TEntity>().Add(record);
        return WriteResult<TEntity>.Done(record);
    }

    /// <summary>
    /// Writes a new record for <paramref name="actor"/> in a write transaction of its own, and commits. Where the model
    /// allows it the record is inserted as an import inserts it (<see cref="RecordInserter{TEntity}"/>: one
    /// statement, no change tracker), run as the write lock is taken (and on PostgreSQL with its change log entry), otherwise
    /// saved by EF. No duplicate is looked for first: the insert (or the unique indexes, on the save) refuses one, and
    /// only then is the record that has the key looked up, so a create that is not a duplicate saves a query. Nothing is
    /// written for a duplicate.
    /// </summary>
    public async Task<WriteResult<TEntity>> CreateAsync(
        RelationsDbContext db, string? actor, TEntity record, CancellationToken cancellationToken)
    {
        using var inserter = RecordInserter<TEntity>.ForOne(db);
        if (inserter is null)
        {
            await using var saved = await WriteTransaction.BeginAsync(db, actor, cancellationToken);
            db.Set<TEntity>().Add(record);
            return await CommitAsync(db, saved, WriteResult<TEntity>.Done(record), cancellationToken);
        }
        await using var transaction = await WriteTransaction.BeginAsync(
            db, actor, () => inserter.Command(record, inserter.Now(), actor), cancellationToken);
        if (!inserter.Inserted(record, transaction.Then))
        {
            return await DuplicateOf(db, record, cancellationToken) ?? WriteResult<TEntity>.Duplicate(null);
        }
        if (!inserter.Logging)
        {
            await inserter.LogCreatedAsync([record], cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return WriteResult<TEntity>.Done(record);
    }

    /// <summary>
    /// The checks of <see cref="AddAsync"/> without the staging: done when no other record has the new record's unique
    /// key, for a caller that writes it another way (<see cref="RecordInserter{TEntity}"/>).
    /// </summary>
    public async Task<WriteResult<TEntity>> CheckNewAsync(RelationsDbContext db, TEntity record, CancellationToken cancellationToken) =>
        await DuplicateOf(db, record, cancellationToken) ?? WriteResult<TEntity>.Done(record);

    /// <summary>
    /// Loads record <paramref name="id"/>, checks that <paramref name="versionAllowed"/> accepts its version, lets
    /// <paramref name="change"/> apply the new state (or report why it cannot), checks the unique key and stages the
    /// change as a new version.
    /// </summary>
    public async Task<WriteResult<TEntity>> ChangeAsync(
        RelationsDbContext db,
        int id,
        Func<int, bool> versionAllowed,
        Func<TEntity, ValueTask<IDictionary<string, string[]>?>> change,
        CancellationToken cancellationToken)
    {
        var record = await Tracked.For(db)(db, id, cancellationToken);
        if (record is null)
        {
            return WriteResult<TEntity>.NotFound;
        }
        if (!versionAllowed(record.Version))
        {
            return WriteResult<TEntity>.Stale(record);
        }
        if (await change(record) is { } errors)
        {
            return WriteResult<TEntity>.Invalid(errors);
        }
        if (await DuplicateOf(db, record, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }
        db.MarkUpdated(record);
        return WriteResult<TEntity>.Done(record);
    }

    /// <summary>Stages the removal of record <paramref name="id"/> if <paramref name="versionAllowed"/> accepts its version.</summary>
    public static async Task<WriteResult<TEntity>> RemoveAsync(
        RelationsDbContext db, int id, Func<int, bool> versionAllowed, CancellationToken cancellationToken)
    {
        var record = await Tracked.For(db)(db, id, cancellationToken);
        if (record is null)
        {
            return WriteResult<TEntity>.NotFound;
        }
        if (!versionAllowed(record.Version))
        {
            return WriteResult<TEntity>.Stale(record);
        }
        db.Set<TEntity>().Remove(record);
        return WriteResult<TEntity>.Done(record);
    }

    /// <summary>
    /// Saves what <paramref name="staged"/> staged and commits, when it is done; otherwise leaves the transaction to roll
    /// back. A unique index the checks did not foresee still turns into <see cref="WriteOutcome.Duplicate"/>, not an error.
    /// </summary>
    public async Task<WriteResult<TEntity>> CommitAsync(
        RelationsDbContext db, WriteTransaction transaction, WriteResult<TEntity> staged, CancellationToken cancellationToken)
    {
        if (staged.Outcome != WriteOutcome.Done)
        {
            return staged;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return staged.Record is not null && await DuplicateOf(db, staged.Record, cancellationToken) is { } duplicate
                ? duplicate
                : WriteResult<TEntity>.Duplicate(null);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Not expected under the write lock, but a version that moved means the caller's If-Match no longer holds.
            return new WriteResult<TEntity>(WriteOutcome.StaleVersion, staged.Record);
        }
        await transaction.CommitAsync(cancellationToken);
        return staged;
    }

    /// <summary>A duplicate result naming the other record with the same external id or unique key; null when there is none.</summary>
    private async Task<WriteResult<TEntity>?> DuplicateOf(RelationsDbContext db, TEntity record, CancellationToken cancellationToken)
    {
        // External ids are unique, so the one record that has it is either this one or the duplicate.
        if (record.ExternalId is { } externalId
            && await RecordQueries<TEntity>.IdOfExternalIdAsync(db, externalId, cancellationToken) is { } sameExternalId
            && sameExternalId != record.Id)
        {
            return WriteResult<TEntity>.Duplicate(sameExternalId, "externalId");
        }
        return FindDuplicate is not null && await FindDuplicate(db, record, cancellationToken) is { } sameKey
            ? WriteResult<TEntity>.Duplicate(sameKey)
            : null;
    }
}

/// <summary>
/// One write transaction. Writers in this process first queue for their turn at the database (an async wait, in
/// order), then take the database's write lock before anything is read (<see cref="Engine.BeginWriteAsync"/>), so
/// version checks, duplicate checks and the save see one state and no other writer can slip in between. On SQLite one
/// writer has the turn: queuing here rather than at the database matters, since a SQLite connection that finds the
/// database locked is retried after a sleep, which leaves the processor idle and the writers waiting far longer than
/// the writes take. PostgreSQL queues the waiters of its lock itself, so there a few writers have a turn at once
/// (<see cref="Engine.WriteTurns"/>). Disposing without a commit rolls everything back. When the context carries an
/// unsettled <see cref="KeyCheck"/>, the write lock comes with the check, and a key that no longer works ends the write
/// there with <see cref="KeyRefusedException"/>.
/// </summary>
/// <remarks>
/// Where the engine writes in batches (<see cref="Engine.WritesInBatches"/>: SQLite on a file), the writers that queue
/// while one writes share one transaction. The first opens it on a connection of its own (the batch's) and every
/// writer, the context switched to that connection for its turn, writes in a savepoint of it: a write that fails or is
/// abandoned rolls back to its savepoint and leaves the others' alone. A write that commits releases its savepoint,
/// hands the turn to the writers queued behind it, and queues once more: when its turn comes back, either one of those
/// has committed the batch, or it commits it itself. Either way <see cref="CommitAsync"/> returns only once the write
/// is committed. A commit writes every page the transaction changed to the log, and consecutive creates change mostly
/// the same pages (the last leaf of each index, the search index's newest segment), so a batch of creates writes far
/// fewer pages than as many transactions would.
/// </remarks>
public sealed class WriteTransaction : IAsyncDisposable
{
    private const string Savepoint = "write";

    // One queue per database, shared by every context that writes to it.
    private static readonly ConcurrentDictionary<string, Writers> Queues = new(StringComparer.Ordinal);

    private readonly RelationsDbContext _db;
    private readonly Writers _writers;
    private readonly DbTransaction _database;
    private readonly Batch? _batch;
    private BulkLoad? _bulkLoad;
    private bool _inSavepoint;
    private bool _switched;
    private bool _leftBatch;

    private WriteTransaction(RelationsDbContext db, Writers writers, DbTransaction database, Batch? batch) =>
        (_db, _writers, _database, _batch) = (db, writers, database, batch);

    internal IDbContextTransaction Transaction { get; private set; } = null!;

    /// <summary>What the first statement given to <see cref="BeginAsync(RelationsDbContext, string?, Func{DbCommand}?, CancellationToken)"/> returned.</summary>
    public object? Then { get; private set; }

    /// <summary>Begins a write made by the system itself (the seed, start-up, compaction): its changes name no actor.</summary>
    public static Task<WriteTransaction> BeginAsync(RelationsDbContext db, CancellationToken cancellationToken) =>
        BeginAsync(db, actor: null, cancellationToken);

    /// <summary>Begins a write made for <paramref name="actor"/> (an API key's name), whom its change log entries name.</summary>
    public static Task<WriteTransaction> BeginAsync(RelationsDbContext db, string? actor, CancellationToken cancellationToken) =>
        BeginAsync(db, actor, then: null, cancellationToken);

    /// <summary>
    /// Begins a write made for <paramref name="actor"/> whose first statement is the command <paramref name="then"/> makes
    /// on the context's connection, run as the write lock is taken (<see cref="Engine.BeginWriteAsync(DbConnection, KeyCheck?, DbCommand, CancellationToken)"/>);
    /// its scalar result is <see cref="Then"/>. The command is made once this writer has its turn in the process, so
    /// that what it stamps follows the order in which the writers of the process commit (on SQLite, exactly).
    /// </summary>
    public static Task<WriteTransaction> BeginAsync(RelationsDbContext db, string? actor, Func<DbCommand>? then, CancellationToken cancellationToken) =>
        BeginAsync(db, actor, then, bulk: false, cancellationToken);

    private static async Task<WriteTransaction> BeginAsync(
        RelationsDbContext db, string? actor, Func<DbCommand>? then, bool bulk, CancellationToken cancellationToken)
    {
        var engine = Engine.Of(db);
        var connectionString = db.Database.GetConnectionString() ?? "";
        var writers = Queues.GetOrAdd(connectionString, static (database, engine) => new Writers(engine, database), engine);
        await writers.Turn.WaitAsync(cancellationToken);
        var key = db.KeyCheck is { Works: null } unsettled ? unsettled : null;
        if (writers.InBatches)
        {
            return await JoinBatchAsync(db, engine, writers, key, actor, then, bulk, cancellationToken);
        }
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var (database, result) = then is null
                ? (await engine.BeginWriteAsync(connection, key, cancellationToken), null)
                : await engine.BeginWriteAsync(connection, key, then(), cancellationToken);
            if (key is { Works: false })
            {
                await database.DisposeAsync();   // rolled back before anything was read or written
                throw new KeyRefusedException();
            }
            var write = new WriteTransaction(db, writers, database, batch: null) { Then = result };
            await write.EnlistAsync(actor, cancellationToken);
            return write;
        }
        catch
        {
            writers.Turn.Release();
            throw;
        }
    }

    /// <summary>
    /// The write of one writer with the turn, in a savepoint of the batch's transaction (see the remarks). A bulk load
    /// that opens the batch has it to itself, since it commits before anyone else's turn, and writes without one: while
    /// a savepoint is open SQLite keeps a copy of every page the load changes, and at the end of each statement it walks
    /// that whole copy, so that each row of a large load costs more than the one before.
    /// </summary>
    private static async Task<WriteTransaction> JoinBatchAsync(
        RelationsDbContext db, Engine engine, Writers writers, KeyCheck? key, string? actor, Func<DbCommand>? then, bool bulk,
        CancellationToken cancellationToken)
    {
        Batch batch;
        try
        {
            batch = writers.Open ??= await Batch.BeginAsync(engine, writers.ConnectionString, cancellationToken);
        }
        catch
        {
            writers.Turn.Release();
            throw;
        }
        var write = new WriteTransaction(db, writers, batch.Transaction, batch);
        try
        {
            if (!bulk || batch.Members > 0)
            {
                await batch.Transaction.SaveAsync(Savepoint, cancellationToken);
                write._inSavepoint = true;
            }
            db.Database.SetDbConnection(batch.Connection, contextOwnsConnection: false);
            write._switched = true;
            if (key is not null)
            {
                await Engine.CheckKeyAsync(batch.Connection, batch.Transaction, key, cancellationToken);
                if (key is { Works: false })
                {
                    throw new KeyRefusedException();
                }
            }
            if (then?.Invoke() is { } command)
            {
                command.Connection = batch.Connection;
                command.Transaction = batch.Transaction;
                write.Then = await command.ExecuteScalarAsync(cancellationToken);
            }
            await write.EnlistAsync(actor, cancellationToken);
            return write;
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
    }

    private async Task EnlistAsync(string? actor, CancellationToken cancellationToken)
    {
        Transaction = await _db.Database.UseTransactionAsync(_database, cancellationToken)
            ?? throw new InvalidOperationException("The transaction could not be enlisted.");
        // A failed save ends the whole write (it is rolled back, never carried on), so the savepoint EF would set
        // around each save in a transaction it was given is two round trips for nothing.
        _db.Database.AutoSavepointsEnabled = false;
        _db.Actor = actor;
    }

    /// <summary>
    /// Begins a bulk load (an import) made for <paramref name="actor"/>: the engine may put off work it would do row by
    /// row until <see cref="CommitAsync"/>, which does it at once before committing.
    /// </summary>
    public static async Task<WriteTransaction> BeginBulkLoadAsync(RelationsDbContext db, string? actor, CancellationToken cancellationToken)
    {
        var write = await BeginAsync(db, actor, then: null, bulk: true, cancellationToken);
        try
        {
            write._bulkLoad = await Engine.Of(db).BeginBulkLoadAsync(db.Database.GetDbConnection(), write._database, cancellationToken);
        }
        catch
        {
            await write.DisposeAsync();
            throw;
        }
        return write;
    }

    /// <summary>
    /// Undoes everything this write did, and lets it go on reading (as to say why it was refused) until it is
    /// disposed; it can no longer commit.
    /// </summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_batch is null)
        {
            await Transaction.RollbackAsync(cancellationToken);
            return;
        }
        if (!_inSavepoint)
        {
            // A bulk load alone in its batch: the whole transaction is its own, and it ends here.
            _batch.Ended = true;
            _writers.Open = null;
            await Transaction.RollbackAsync(cancellationToken);
            return;
        }
        await _batch.Transaction.RollbackAsync(Savepoint, cancellationToken);
    }

    /// <summary>Commits the write (a bulk load first finishes what it put off), and returns once it is committed.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_bulkLoad is { } load)
        {
            await load.FinishAsync(cancellationToken);
        }
        if (_batch is null)
        {
            await Transaction.CommitAsync(cancellationToken);
            return;
        }
        if (_inSavepoint)
        {
            await _batch.Transaction.ReleaseAsync(Savepoint, cancellationToken);
            _inSavepoint = false;
        }
        _batch.Members++;
        if (_bulkLoad is null)
        {
            // The writers queued now write in this transaction; then this one's turn comes back, without giving up
            // halfway (the batch counts on every member to come back), and the batch is committed unless one of them
            // did it. A bulk load commits at once: it is large already, and its connection settings end with it.
            _writers.Turn.Release();
            await _writers.Turn.WaitAsync(CancellationToken.None);
        }
        if (!_batch.Ended)
        {
            _batch.Ended = true;
            _writers.Open = null;
            try
            {
                // Through EF, so that what watches commits (the counts' generation) sees this one.
                await Transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception failure)
            {
                _batch.Failure = failure;
                throw;
            }
        }
        await LeaveBatchAsync();
        if (_batch.Failure is { } failed)
        {
            throw new InvalidOperationException("The write could not be committed: the transaction it shared with others failed.", failed);
        }
    }

    /// <summary>Gives the context its own connection back, the batch's transaction no longer its own.</summary>
    private async Task LeaveBatchAsync()
    {
        if (_leftBatch)
        {
            return;
        }
        _leftBatch = true;
        try
        {
            if (Transaction is not null)
            {
                await Transaction.DisposeAsync();   // not EF's to end: nothing is rolled back
            }
        }
        finally
        {
            if (_switched)
            {
                _db.Database.SetDbConnection(null, contextOwnsConnection: true);
                _db.Database.SetConnectionString(_writers.ConnectionString);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_batch is not null)
            {
                await EndTurnInBatchAsync();
                return;
            }
            try
            {
                // EF does not own a transaction it was given, so the database's is ended here: rolled back unless
                // committed, before the next writer's turn, so that it never finds the database still locked.
                await Transaction.DisposeAsync();
                await _database.DisposeAsync();
            }
            finally
            {
                if (_bulkLoad is { } load)
                {
                    await load.EndAsync(null);
                }
            }
        }
        finally
        {
            _db.Actor = null;   // the context goes back to its pool
            _writers.Turn.Release();
        }
    }

    private async Task EndTurnInBatchAsync()
    {
        var batch = _batch!;
        try
        {
            if (_inSavepoint && !batch.Ended)
            {
                if (_writers.Engine.TransactionLost(batch.Connection))
                {
                    // The engine ended the whole transaction on an error: the writes already in it are lost too.
                    batch.Failure = new InvalidOperationException("The database rolled the shared write transaction back after an error.");
                    batch.Ended = true;
                    _writers.Open = null;
                }
                else
                {
                    await batch.Transaction.RollbackAsync(Savepoint);
                    await batch.Transaction.ReleaseAsync(Savepoint);
                }
            }
            if (_bulkLoad is { } load)
            {
                await load.EndAsync(batch.Ended ? null : batch.Transaction);
            }
        }
        finally
        {
            try
            {
                await LeaveBatchAsync();
            }
            finally
            {
                if (!batch.Ended && batch.Members == 0)
                {
                    // Nobody wrote anything to keep: the transaction ends now rather than hold the write lock idle.
                    batch.Ended = true;
                    _writers.Open = null;
                }
                if (batch.Ended)
                {
                    await batch.CloseAsync();
                }
            }
        }
    }

    /// <summary>The writers of one database in this process: their turns and, where they write in batches, the open one.</summary>
    private sealed class Writers(Engine engine, string connectionString)
    {
        public Engine Engine { get; } = engine;

        public string ConnectionString { get; } = connectionString;

        public SemaphoreSlim Turn { get; } = new(engine.WriteTurns, engine.WriteTurns);

        public bool InBatches { get; } = engine.WritesInBatches(connectionString);

        /// <summary>The batch that the writer with the turn writes in; null when none is open. Read and set with the turn.</summary>
        public Batch? Open { get; set; }
    }

    /// <summary>One transaction that several writes share, on a connection of its own (see the remarks above).</summary>
    private sealed class Batch(DbConnection connection, DbTransaction transaction)
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction Transaction { get; } = transaction;

        /// <summary>Writes that released their savepoint and wait for the commit.</summary>
        public int Members { get; set; }

        /// <summary>Committed, rolled back or lost: nobody writes in it any more.</summary>
        public bool Ended { get; set; }

        public Exception? Failure { get; set; }

        private bool _closed;

        public static async Task<Batch> BeginAsync(Engine engine, string connectionString, CancellationToken cancellationToken)
        {
            var connection = await engine.OpenBatchConnectionAsync(connectionString, cancellationToken);
            try
            {
                return new Batch(connection, await engine.BeginWriteAsync(connection, key: null, cancellationToken));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        /// <summary>Rolls back what is not committed (nothing, once committed) and lets the connection go, once.</summary>
        public async Task CloseAsync()
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            try
            {
                await Transaction.DisposeAsync();
            }
            catch (DbException)
            {
                // Already ended by the engine (see TransactionLost): there is nothing left to roll back.
            }
            await Connection.DisposeAsync();
        }
    }
}

public static class UniqueViolations
{
    /// <summary>True when the save failed because a row would duplicate a unique key (not for NOT NULL, CHECK and the like).</summary>
    public static bool IsUniqueViolation(this DbUpdateException failure) => Engine.IsAnyUniqueViolation(failure);
}
