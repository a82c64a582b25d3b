using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Prepares SQLite connections: the <see cref="TextFolding"/> function is registered once per connection object
/// (Microsoft.Data.Sqlite registers it again by itself on every open), and each new native connection gets the
/// durability setting once. A connection taken from the pool keeps both, so an open costs no extra statement.
/// </summary>
internal sealed class ConnectionSetup : DbConnectionInterceptor
{
    public static readonly ConnectionSetup Instance = new();

    // Native connections already set up; weak, so a connection the pool drops is forgotten with it.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = [];

    private ConnectionSetup()
    {
    }

    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        ((SqliteConnection)result).CreateFunction<string?, string?>(TextFolding.FunctionName, TextFolding.Fold, isDeterministic: true);
        return result;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare((SqliteConnection)connection);
        return Task.CompletedTask;
    }

    private static void Prepare(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || Prepared.TryGetValue(handle, out _))
        {
            return;
        }
        // In WAL mode, NORMAL syncs the log at checkpoints rather than at every commit: a committed write survives the
        // process being killed (the log is in the operating system's hands), and only a power cut can lose the last
        // commits. FULL would add an fsync to every write.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, Prepared);
    }
}
