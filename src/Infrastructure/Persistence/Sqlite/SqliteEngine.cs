using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.Logging;
using SQLitePCL;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>SQLite: an embedded file, one API process per file, one writer at a time (BEGIN IMMEDIATE), WAL for readers.</summary>
internal sealed class SqliteEngine : Engine
{
    public static readonly SqliteEngine Instance = new();

    /// <summary>SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: the extended codes of a unique-key violation.</summary>
    private const int UniqueConstraint = 2067;
    private const int PrimaryKeyConstraint = 1555;

    private SqliteEngine()
    {
    }

    public override DatabaseEngine Kind => DatabaseEngine.Sqlite;

    public override bool SharedByProcesses => false;

    public override void Configure(DbContextOptionsBuilder options, string connectionString, IEnumerable<IInterceptor> interceptors)
    {
#pragma warning disable EF1001 // EF's own SQLite connection service, replaced: see LeanSqliteConnection for why.
        options.UseSqlite(connectionString)
            .ReplaceService<ISqliteRelationalConnection, LeanSqliteConnection>()
            .AddInterceptors([ConnectionSetup.Instance, .. interceptors]);
#pragma warning restore EF1001
    }

    public override IReadConnections ReadConnections(string connectionString) => new SqliteReadConnections(connectionString);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, KeyCheck? key, CancellationToken cancellationToken)
    {
        var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);   // BEGIN IMMEDIATE
        if (key is not null)
        {
            await CheckKeyAsync(connection, transaction, key, cancellationToken);
        }
        return transaction;
    }

    /// <summary>
    /// On a file, yes: with WAL every commit appends each page the transaction changed to the log, and a create changes
    /// some fifty (the row, its indexes, the change log, the search index's new segment); creates committed together
    /// share most of those pages. Not for an in-memory database: a private one is unseen by a second connection.
    /// </summary>
    public override bool WritesInBatches(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) is var settings
        && settings.Mode != SqliteOpenMode.Memory && settings.DataSource is not ("" or ":memory:");

    public override async Task<DbConnection> OpenBatchConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            ConnectionSetup.Prepare(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    public override bool TransactionLost(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is { } handle && raw.sqlite3_get_autocommit(handle) != 0;

    /// <summary>
    /// The triggers that keep the search index and the trade totals current as rows are inserted. A bulk load sets them
    /// aside: they would leave its rows alone anyway (see below), but a statement on a table with a trigger keeps a copy
    /// of every page it changes until it ends, in case it has to be undone on its own.
    /// </summary>
    internal static readonly string[] InsertTriggers = ["SearchDocuments_Inserted", "TradeTotals_Added"];

    /// <summary>
    /// The page cache of a connection while it bulk loads, in KiB (SQLite's default is 2,000). A load changes more pages
    /// than the default holds many times over: every page the cache lets go is written to the log, and read back with a
    /// system call when the next row's index entry lands on it. With this, an import of 300,000 trade records made a
    /// third of the reads and two thirds of the writes; a larger cache saved little more.
    /// </summary>
    internal const int BulkLoadCacheKiB = 16 * 1024;

    /// <summary>
    /// Marks the transaction as a bulk load (the "BulkLoads" row: the last search document and trade record stored
    /// before it), which the search index's and the trade totals' triggers read: they leave the rows created after those
    /// to the finish. The insert triggers are dropped for the load (in its transaction, so nobody else ever misses them)
    /// and created again by the finish, from their definitions as stored. The connection's page cache is larger for the
    /// load (<see cref="BulkLoadCacheKiB"/>) and back to its size when the load ends.
    /// </summary>
    public override async Task<BulkLoad?> BeginBulkLoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            INSERT INTO "BulkLoads" ("LastDocument", "LastTradeRecord")
            VALUES (coalesce((SELECT max("Id") FROM "SearchDocuments"), 0), coalesce((SELECT max("Id") FROM "TradeRecords"), 0));
            """, cancellationToken);
        var setAside = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT "name", "sql" FROM sqlite_master
                WHERE "type" = 'trigger' AND "name" IN ({string.Join(", ", InsertTriggers.Select(name => $"'{name}'"))})
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                setAside.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in setAside)
        {
            await ExecuteAsync(connection, transaction, $"""DROP TRIGGER "{name}";""", cancellationToken);
        }
        // Last, so that nothing can fail between enlarging the cache and handing over what shrinks it again.
        var cacheSize = await ScalarAsync(connection, transaction, "PRAGMA cache_size;", cancellationToken);
        await ExecuteAsync(connection, transaction, $"PRAGMA cache_size = -{BulkLoadCacheKiB};", cancellationToken);
        return new BulkLoad(
            finishCancellation => FinishBulkLoadAsync(connection, transaction, setAside.Select(trigger => trigger.Sql), finishCancellation),
            open => ExecuteAsync(connection, open, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize};"), CancellationToken.None));
    }

    /// <summary>
    /// Indexes the search documents and adds up the trade records the bulk load created, each in one statement (their
    /// final state: a row created and then changed or removed by the same load is counted as it ends up), puts the insert
    /// triggers back and ends the bulk load, so that nothing of it is left for the next write to find.
    /// </summary>
    private static async Task FinishBulkLoadAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> setAside, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            INSERT INTO "SearchIndex" (rowid, "TitleKey", "FieldsKey", "TitleWords", "FieldsWords")
            SELECT "Id", "TitleKey", "FieldsKey", "TitleWords", "FieldsWords" FROM "SearchDocuments"
            WHERE "Id" > (SELECT "LastDocument" FROM "BulkLoads");
            INSERT INTO "TradeTotals"
            SELECT "ReporterCountry", "PartnerCountry", "Flow", "Year", coalesce("Month", 0), coalesce(length("HsCode"), 0),
                sum("ValueUsdCents" / 1000000000), sum("ValueUsdCents" % 1000000000), count(*)
            FROM "TradeRecords" WHERE "Id" > (SELECT "LastTradeRecord" FROM "BulkLoads")
            GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT ("ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "HsLength") DO UPDATE SET
                "Billions" = "Billions" + excluded."Billions", "Rest" = "Rest" + excluded."Rest", "Records" = "Records" + excluded."Records";
            DELETE FROM "BulkLoads";
            """, cancellationToken);
        foreach (var trigger in setAside)
        {
            await ExecuteAsync(connection, transaction, trigger, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// The insert, then its rowid when it inserted a row. SQLite runs a RETURNING clause as a trigger, and like any
    /// trigger it makes the statement keep a copy of every page it changes (see <see cref="InsertTriggers"/>).
    /// </summary>
    public override string InsertReturningKey(string insert, string keyColumn) =>
        $"{insert}; SELECT last_insert_rowid() WHERE changes() = 1";

    public override bool IsUniqueViolation(Exception? failure) =>
        failure is SqliteException { SqliteExtendedErrorCode: UniqueConstraint or PrimaryKeyConstraint };

    public override IDisposable? ClaimDatabase(string connectionString) => DatabaseFileLock.Take(connectionString);

    /// <summary>
    /// One connection to the file, open for as long as the server runs (the pool closes idle ones), so that a restore
    /// always finds the database in use (see <see cref="DatabaseBackup"/>). None for an in-memory database.
    /// </summary>
    public override async Task<IAsyncDisposable?> HoldOpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        if (settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:")
        {
            return null;
        }
        var connection = new SqliteConnection(settings.ToString());
        await connection.OpenAsync(cancellationToken);
        // Opening alone reads nothing; after one read SQLite holds the file's shared lock until the connection closes.
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        await command.ExecuteScalarAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// EF's SQLite migration lock is a row in <c>__EFMigrationsLock</c>, inserted before migrating and deleted after; a
    /// process killed in between leaves it, and every later start waits for it forever. Only the process that holds the
    /// file's lock migrates (see <see cref="DatabaseFileLock"/>), and this one does, so a row found now is stale.
    /// </summary>
    public override async Task ReleaseStaleMigrationLockAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
            command.CommandText = """DELETE FROM "__EFMigrationsLock" RETURNING "Timestamp" """;
            if (await command.ExecuteScalarAsync(cancellationToken) is { } takenAt)
            {
                logger.LogWarning(
                    "Removed the migration lock taken at {TakenAt} by a process that stopped while migrating the database; migrating now.", takenAt);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public override void BeforeMigrating(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    // WAL lets readers go on while one writer commits; the setting is stored in the file. In-memory databases ignore it.
    public override async Task AfterMigratingAsync(DbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    public override Sql SearchSql(SearchTerms terms, IReadOnlyList<string> resources, (long Skip, int Take)? page) =>
        SqliteSearch.For(terms, resources, page);

    public override (string Start, string End) PeriodSql(string startColumn, string endColumn) => (
        $"CASE length({startColumn}) WHEN 4 THEN {startColumn} || '-01-01' WHEN 7 THEN {startColumn} || '-01' ELSE {startColumn} END",
        $"CASE length({endColumn}) WHEN 4 THEN {endColumn} || '-12-31' WHEN 7 THEN date({endColumn} || '-01', '+1 month', '-1 day') ELSE {endColumn} END");
}
