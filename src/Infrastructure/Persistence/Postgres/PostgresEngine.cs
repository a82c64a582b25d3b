using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL: a server that any number of API processes share. Writers still go one at a time, across every process,
/// by a transaction-scoped advisory lock (see <see cref="BeginWriteAsync"/>), which is what keeps the change feed's
/// sequences in commit order.
/// </summary>
internal sealed class PostgresEngine : Engine
{
    public static readonly PostgresEngine Instance = new();

    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Connections each of the process's pools opens at most (EF's, and the two of the reads), unless configured.</summary>
    internal const int MaxPoolSize = 10;

    /// <summary>The advisory lock every write transaction holds: a fixed number no other use of the database shares ("kkra" in ASCII).</summary>
    private const long WriteLock = 0x6B6B7261;

    private PostgresEngine()
    {
    }

    public override DatabaseEngine Kind => DatabaseEngine.Postgres;

    public override bool SharedByProcesses => true;

    public override void Configure(DbContextOptionsBuilder options, string connectionString, IEnumerable<IInterceptor> interceptors) =>
        options.UseNpgsql(WithPoolSettings(connectionString), npgsql => npgsql.MigrationsAssembly(DatabaseSettings.PostgresMigrationsAssembly))
            .AddInterceptors(interceptors);

    public override IReadConnections ReadConnections(string connectionString) => new PostgresReadConnections(WithPoolSettings(connectionString));

    /// <summary>
    /// Three settings of Npgsql's pools, unless the connection string sets them itself. "Max Auto Prepare": the
    /// statements EF sends most (the write path's inserts and lookups) are prepared once per physical connection, as the
    /// hand-written reads are, so the server skips parsing and planning them. "No Reset On Close": a connection going
    /// back to the pool is not reset with a round trip of its own, since nothing here changes a session's state (the
    /// write lock and the commit setting last only as long as their transaction). "Maximum Pool Size" of
    /// <see cref="MaxPoolSize"/> rather than 100: a pool hands out its idle connections in turn, so once a burst of
    /// reads has opened many, every write went to another of them, each a server process of its own on a core that
    /// runs them all; a few writers at a time (<see cref="WriteTurns"/>) and multiplexed reads need no more.
    /// </summary>
    internal static string WithPoolSettings(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, set or not, so ask a plain one.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(string keyword) => given.Keys.Cast<string>().Any(key =>
            string.Equals(key.Replace(" ", "", StringComparison.Ordinal), keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Sets("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        if (!Sets("Maximum Pool Size") && !Sets("MaxPoolSize"))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// Begins a transaction and takes the write lock in it. PostgreSQL hands out identity values when rows are inserted,
    /// not when they commit, so two writers running side by side could commit change 11 before change 10, and a reader
    /// polling the feed after 11 would never see 10. One writer at a time, holding the lock until its commit, makes the
    /// order of sequences the order of commits. Reads never wait for it.
    /// The transaction commits without waiting for its log to reach the disk (synchronous_commit off), which is the
    /// promise SQLite's WAL with synchronous=NORMAL makes: an acknowledged write survives the API crashing, and a crash
    /// of the machine may lose the last fraction of a second of writes, never corrupting what is stored. Waiting would
    /// hold the lock, and so every other writer, through a disk flush per write.
    /// A key to check is read after the lock is granted, in the same round trip.
    /// </summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, KeyCheck? key, CancellationToken cancellationToken) =>
        (await BeginAsync(connection, key, then: null, cancellationToken)).Transaction;

    /// <summary>
    /// As <see cref="BeginWriteAsync(DbConnection, KeyCheck?, CancellationToken)"/>, with <paramref name="then"/> in the
    /// same batch: the server runs it the moment the lock is granted, rather than after a round trip to this process,
    /// which shortens the time every other writer waits for the lock by as much.
    /// </summary>
    public override Task<(DbTransaction Transaction, object? Then)> BeginWriteAsync(
        DbConnection connection, KeyCheck? key, DbCommand then, CancellationToken cancellationToken) =>
        BeginAsync(connection, key, then, cancellationToken);

    /// <summary>One batch: the lock, the key's check, the first statement and the commit setting, in that order.</summary>
    private static async Task<(DbTransaction Transaction, object? Then)> BeginAsync(
        DbConnection connection, KeyCheck? key, DbCommand? then, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({WriteLock})"));
            if (key is not null)
            {
                var check = new NpgsqlBatchCommand(ApiKeys.WorksSql);
                check.Parameters.AddWithValue("key", key.KeyId);
                batch.BatchCommands.Add(check);
            }
            if (then is not null)
            {
                var first = new NpgsqlBatchCommand(then.CommandText);
                foreach (NpgsqlParameter parameter in then.Parameters)
                {
                    first.Parameters.Add(parameter.Clone());
                }
                batch.BatchCommands.Add(first);
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));

            object? result = null;
            await using (var results = await batch.ExecuteReaderAsync(cancellationToken))
            {
                if (key is not null)
                {
                    await results.NextResultAsync(cancellationToken);   // past the lock's row
                    await results.ReadAsync(cancellationToken);
                    key.Works = results.GetInt64(0) == 1;
                }
                if (then is not null)
                {
                    await results.NextResultAsync(cancellationToken);
                    if (await results.ReadAsync(cancellationToken))
                    {
                        result = results.GetValue(0);
                    }
                }
            }
            return (transaction, result);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>A data-modifying WITH query: the insert, then each of the others as a query of the WITH list, all in one statement.</summary>
    public override string? InsertWith(string insert, string keyColumn, IEnumerable<string> withInserted) =>
        $"WITH inserted AS ({insert} RETURNING {keyColumn} AS \"Id\"), "
        + string.Join(", ", withInserted.Select((statement, i) => $"with_inserted_{i} AS ({statement})"))
        + " SELECT \"Id\" FROM inserted";

    /// <summary>
    /// The server queues the waiters of its advisory lock and wakes the next at each commit, so while one writer
    /// commits the next has its connection open and its lock asked for; four at a time keeps a burst of writes to a few
    /// connections.
    /// </summary>
    public override int WriteTurns => 4;

    // No ClaimDatabase: any number of API processes share a PostgreSQL database. No ReleaseStaleMigrationLockAsync either:
    // EF's Npgsql provider takes its migration lock as LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE inside
    // the migration's transaction, and the server ends that transaction, lock and all, when the session ends. A killed
    // process's socket is closed by its operating system, so the next start waits at most for the server to notice.

    public override bool IsUniqueViolation(Exception? failure) =>
        failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override Sql SearchSql(SearchTerms terms, IReadOnlyList<string> resources, (long Skip, int Take)? page) =>
        PostgresSearch.For(terms, resources, page);

    // Generated columns must be immutable: make_date and integer arithmetic are, where casting text to a date is not
    // (it depends on the DateStyle setting).
    public override (string Start, string End) PeriodSql(string startColumn, string endColumn)
    {
        static string Year(string column) => $"substr({column}, 1, 4)::integer";
        static string Month(string column) => $"substr({column}, 6, 2)::integer";
        static string Day(string column) => $"substr({column}, 9, 2)::integer";
        return (
            $"CASE length({startColumn}) WHEN 4 THEN make_date({Year(startColumn)}, 1, 1) "
                + $"WHEN 7 THEN make_date({Year(startColumn)}, {Month(startColumn)}, 1) "
                + $"ELSE make_date({Year(startColumn)}, {Month(startColumn)}, {Day(startColumn)}) END",
            $"CASE length({endColumn}) WHEN 4 THEN make_date({Year(endColumn)}, 12, 31) "
                + $"WHEN 7 THEN make_date({Year(endColumn)} + {Month(endColumn)} / 12, {Month(endColumn)} % 12 + 1, 1) - 1 "
                + $"ELSE make_date({Year(endColumn)}, {Month(endColumn)}, {Day(endColumn)}) END");
    }
}
