using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Prepares each native SQLite connection once, when it first opens: the <see cref="TextFolding"/> function, the
/// durability setting and temporary storage. The pool hands the same native connection out again with all of it in
/// place, so an open costs no statement and no registration. (Microsoft.Data.Sqlite's own CreateFunction would register
/// the function on every open and remove it on every close, which costs more than the query it serves.)
/// </summary>
internal sealed class ConnectionSetup : DbConnectionInterceptor
{
    public static readonly ConnectionSetup Instance = new();

    // Native connections already set up; weak, so a connection the pool drops is forgotten with it.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    // Held here for as long as the process runs: SQLite calls it through a pointer the garbage collector cannot see.
    private static readonly delegate_function_scalar Fold = (context, _, arguments) =>
    {
        if (raw.sqlite3_value_type(arguments[0]) == raw.SQLITE_NULL)
        {
            raw.sqlite3_result_null(context);
            return;
        }
        raw.sqlite3_result_text(context, TextFolding.Fold(raw.sqlite3_value_text(arguments[0]).utf8_to_string()));
    };

    private ConnectionSetup()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    /// <summary>Sets up <paramref name="connection"/>, just opened, unless its native connection already is.</summary>
    internal static void Prepare(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || Prepared.TryGetValue(handle, out _))
        {
            return;
        }
        var flags = raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC;
        if (raw.sqlite3_create_function(handle, TextFolding.FunctionName, 1, flags, null, Fold) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite refused the {TextFolding.FunctionName} function: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }
        // In WAL mode, NORMAL syncs the log at checkpoints rather than at every commit: a committed write survives the
        // process being killed (the log is in the operating system's hands), and only a power cut can lose the last
        // commits. FULL would add an fsync to every write.
        // Temporary storage in memory: an INSERT that fires triggers (the trade totals, the search index) may have to be
        // undone alone, so SQLite copies every page it changes to a statement journal first, which in WAL mode means
        // every page of it. In a temporary file that cost a write system call per page: a bulk import of a million
        // trade records took 180 s instead of 99 s. The journal lasts one statement and holds a few pages.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;";
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, Prepared);
    }
}
