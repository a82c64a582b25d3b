using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Postgres;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// What differs between the database engines, in one place: how EF connects, how the hand-written reads get their
/// connections, how a write takes the database's write lock, and what the schema spells differently. Everything else
/// (the model, the SQL of the reads and writes, the write rules) is the same on both.
/// </summary>
internal abstract class Engine
{
    public abstract DatabaseEngine Kind { get; }

    public static Engine For(DatabaseEngine kind) => kind == DatabaseEngine.Postgres ? PostgresEngine.Instance : SqliteEngine.Instance;

    /// <summary>The engine <paramref name="db"/> runs on.</summary>
    public static Engine Of(DbContext db) => db.Database.ProviderName == PostgresEngine.ProviderName ? PostgresEngine.Instance : SqliteEngine.Instance;

    /// <summary>Points EF at the database, with the interceptors every engine uses and whatever this one needs besides.</summary>
    public abstract void Configure(DbContextOptionsBuilder options, string connectionString, IEnumerable<IInterceptor> interceptors);

    public abstract IReadConnections ReadConnections(string connectionString);

    /// <summary>
    /// Whether several API processes may serve one database. When they may, what one process remembers between requests
    /// (the counts of lists) is checked against the database's newest change rather than against this process's commits.
    /// </summary>
    public abstract bool SharedByProcesses { get; }

    /// <summary>
    /// Begins a write transaction on <paramref name="connection"/> that holds the database's write lock until it ends,
    /// so that reads for version and duplicate checks, the save and the change log entries see one state, and change
    /// sequences commit in the order they are handed out. With a <paramref name="key"/>, it then settles whether that
    /// key still works (<see cref="ApiKeys.WorksSql"/>), before anything else is read.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, KeyCheck? key, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="BeginWriteAsync(DbConnection, KeyCheck?, CancellationToken)"/>, then runs <paramref name="then"/> in the
    /// transaction once the lock is held and the key settled, and gives its scalar result (null when it returned no row).
    /// An engine with round trips sends it with the lock, so a write of one statement waits for the server once before
    /// its commit; a key found not to work then leaves whatever it did to the rollback.
    /// </summary>
    public virtual async Task<(DbTransaction Transaction, object? Then)> BeginWriteAsync(
        DbConnection connection, KeyCheck? key, DbCommand then, CancellationToken cancellationToken)
    {
        var transaction = await BeginWriteAsync(connection, key, cancellationToken);
        if (key is { Works: false })
        {
            return (transaction, null);
        }
        try
        {
            then.Transaction = transaction;
            return (transaction, await then.ExecuteScalarAsync(cancellationToken));
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Settles whether <paramref name="key"/> still works (<see cref="ApiKeys.WorksSql"/>), in <paramref name="transaction"/>,
    /// which holds the write lock.
    /// </summary>
    public static async Task CheckKeyAsync(DbConnection connection, DbTransaction transaction, KeyCheck key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ApiKeys.WorksSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key.KeyId;
        command.Parameters.Add(parameter);
        key.Works = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// Whether the writers of one process on the database <paramref name="connectionString"/> names write in batches: one
    /// transaction at a time, on a connection of its own (<see cref="OpenBatchConnectionAsync"/>), in which each writer
    /// writes in a savepoint, committed once the writers queued meanwhile have written too (see
    /// <see cref="WriteTransaction"/>). Worth it where a commit costs more than a small write; false by default.
    /// </summary>
    public virtual bool WritesInBatches(string connectionString) => false;

    /// <summary>Opens a connection for a batch of writes, set up as the contexts' own connections are.</summary>
    public virtual Task<DbConnection> OpenBatchConnectionAsync(string connectionString, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This engine does not write in batches.");

    /// <summary>
    /// True when the transaction open on <paramref name="connection"/> is gone: the engine rolled all of it back after a
    /// failed statement (as SQLite does on some errors), not only the statement.
    /// </summary>
    public virtual bool TransactionLost(DbConnection connection) => false;

    /// <summary>
    /// How many writers of one process may be in <see cref="BeginWriteAsync"/> or past it at once; the others queue in
    /// the process for their turn. One, unless the engine queues the waiters of its write lock itself.
    /// </summary>
    public virtual int WriteTurns => 1;

    /// <summary>
    /// Starts a bulk load in the write transaction just begun on <paramref name="connection"/>: the engine may put off
    /// work it would otherwise do row by row (keeping an index or a summary current) and set the connection up for a
    /// large write. Null when it does neither (the default).
    /// </summary>
    public virtual Task<BulkLoad?> BeginBulkLoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<BulkLoad?>(null);

    /// <summary>
    /// SQL that runs <paramref name="insert"/> (one row, ending in ON CONFLICT DO NOTHING) and returns the new row's
    /// <paramref name="keyColumn"/>, or no row when nothing was inserted. By default the insert's RETURNING clause.
    /// </summary>
    public virtual string InsertReturningKey(string insert, string keyColumn) => $"{insert} RETURNING {keyColumn}";

    /// <summary>
    /// One statement that runs <paramref name="insert"/> (as <see cref="InsertReturningKey"/> takes it) and, with the
    /// row it inserted, each of <paramref name="withInserted"/> (statements that read the new key as "Id" from a row set
    /// named "inserted", such as the record's change log entry), and returns the key, or no row when nothing was
    /// inserted. Null when the engine cannot (the default): an embedded database runs them one after another at no
    /// cost in round trips.
    /// </summary>
    public virtual string? InsertWith(string insert, string keyColumn, IEnumerable<string> withInserted) => null;

    /// <summary>True when <paramref name="failure"/> is the engine's unique-key violation (not NOT NULL, CHECK and the like).</summary>
    public abstract bool IsUniqueViolation(Exception? failure);

    /// <summary>
    /// Makes this process the one that serves the database, until the returned lock is disposed or the process ends;
    /// throws <see cref="DatabaseInUseException"/> when another process is. Null when the engine lets processes share a
    /// database (the default) or nothing else can open it.
    /// </summary>
    public virtual IDisposable? ClaimDatabase(string connectionString) => null;

    /// <summary>
    /// Keeps what a running server must keep open for as long as it serves, such that a restore can tell it is in use;
    /// null when the engine needs nothing of the kind (the default).
    /// </summary>
    public virtual Task<IAsyncDisposable?> HoldOpenAsync(string connectionString, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>
    /// Removes EF's migration lock when a process that died while migrating left it behind, so that migrating does not
    /// wait for it forever. Called only by a process that holds the database's claim (<see cref="ClaimDatabase"/>).
    /// Nothing by default: a lock that ends with its session or transaction cannot outlive its process.
    /// </summary>
    public virtual Task ReleaseStaleMigrationLockAsync(DbContext db, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Work before migrating (such as making the file's directory).</summary>
    public virtual void BeforeMigrating(string connectionString)
    {
    }

    /// <summary>Settings the database keeps once migrated.</summary>
    public virtual Task AfterMigratingAsync(DbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQL for the computed columns of a partial date's period: its first day and its last day, as dates.</summary>
    public abstract (string Start, string End) PeriodSql(string startColumn, string endColumn);

    /// <summary>
    /// The search's SQL over "SearchDocuments": the number of matches when <paramref name="page"/> is null, else the page's
    /// rows (resource, record id, title, fields, title key, fields key, score), best first, then by resource and id.
    /// </summary>
    public abstract Sql SearchSql(SearchTerms terms, IReadOnlyList<string> resources, (long Skip, int Take)? page);

    /// <summary>True for a unique-key violation on any engine: the write path's one test for a duplicate.</summary>
    public static bool IsAnyUniqueViolation(DbUpdateException failure) =>
        SqliteEngine.Instance.IsUniqueViolation(failure.InnerException) || PostgresEngine.Instance.IsUniqueViolation(failure.InnerException);
}

/// <summary>
/// What an engine does for a bulk load besides the rows themselves: <see cref="FinishAsync"/> does the work it put off,
/// in the load's transaction, just before the commit; <see cref="EndAsync"/> puts the connection back as it was, when
/// the write ends, committed or not (in the transaction still open on the connection, if there is one).
/// </summary>
internal sealed record BulkLoad(Func<CancellationToken, Task> FinishAsync, Func<DbTransaction?, Task> EndAsync);
