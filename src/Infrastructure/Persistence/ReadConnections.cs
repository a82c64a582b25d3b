using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Open SQLite connections for hand-written reads, each keeping the statements it has prepared, by their SQL text.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles a command's SQL on its first execution and keeps the compiled statement until the
/// command text changes or the command is disposed, and closing a connection (also returning it to the library's pool)
/// disposes every command made on it. EF makes a new command for every query, so it compiles the same SQL on every
/// request. These connections stay open for the life of the process instead, and a read reuses the statement that the
/// same SQL got on that connection before. The statements are SQLite's own (through SQLitePCL, on which
/// Microsoft.Data.Sqlite is built): its data reader makes three or four native calls for every column of every row and
/// copies each text into a new string, which cost more than SQLite's own work for a page of rows; reading the columns
/// directly takes one or two calls each and lends text as UTF-8 without copying it.
/// <para>
/// Each connection is its own native connection (not from the library's pool, so its settings never reach EF), is
/// read-only, and is used by one read at a time. It runs no transaction of its own, so every statement reads the latest
/// commit: in WAL mode a statement takes its snapshot when it starts, and disposing the <see cref="TradeRecordCursor"/>
/// resets the statement and ends that snapshot.
/// </para>
/// </remarks>
public sealed class ReadConnections : IDisposable
{
    /// <summary>Connections kept open while idle; a burst beyond this opens more and closes them afterwards.</summary>
    private const int Slots = 8;

    /// <summary>Prepared statements kept per connection: far more than the shapes of query the API makes.</summary>
    private const int MaxStatements = 128;

    // Page caches, in KiB. A read takes the first idle slot, so on a server with few cores the first connection serves
    // nearly every read and the others only what overlaps it: the first gets a large cache and the rest small ones,
    // which keeps the memory of all of them together bounded. A page of a million-row list sorted by value reads its 20
    // rows from all over the table; with 16 MiB such pages kept evicting each other's rows and took about 40 µs more.
    private const int FirstCacheKiB = 48 * 1024;
    private const int OtherCacheKiB = 4 * 1024;

    private readonly string _connectionString;
    private readonly ReadConnection?[] _connections = new ReadConnection?[Slots];
    private readonly int[] _taken = new int[Slots];
    private volatile bool _disposed;

    public ReadConnections(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _connectionString = builder.ToString();
    }

    /// <summary>An open connection for one read, the first idle one; disposing it gives it back.</summary>
    public ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Interlocked.CompareExchange(ref _taken[slot], 1, 0) == 0)
            {
                try
                {
                    return _connections[slot] ??= ReadConnection.Open(this, _connectionString, slot, slot == 0 ? FirstCacheKiB : OtherCacheKiB);
                }
                catch
                {
                    Volatile.Write(ref _taken[slot], 0);
                    throw;
                }
            }
        }
        return ReadConnection.Open(this, _connectionString, slot: -1, OtherCacheKiB);   // a burst: closed when given back
    }

    internal void Return(ReadConnection connection)
    {
        if (connection.Slot < 0)
        {
            connection.Close();
            return;
        }
        if (_disposed)
        {
            Close(connection.Slot);   // still taken, so nothing else can use it
            return;
        }
        Volatile.Write(ref _taken[connection.Slot], 0);
        if (_disposed && Interlocked.CompareExchange(ref _taken[connection.Slot], 1, 0) == 0)
        {
            Close(connection.Slot);   // shut down while this one was being given back
        }
    }

    public void Dispose()
    {
        _disposed = true;
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Interlocked.CompareExchange(ref _taken[slot], 1, 0) == 0)
            {
                Close(slot);   // a taken one is closed when it is given back
            }
        }
    }

    private void Close(int slot)
    {
        _connections[slot]?.Close();
        _connections[slot] = null;
    }

    /// <summary>One open connection and its prepared statements, lent to one read at a time.</summary>
    public sealed class ReadConnection : IDisposable
    {
        private readonly ReadConnections _owner;
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

        private ReadConnection(ReadConnections owner, SqliteConnection connection, int slot) => (_owner, _connection, Slot) = (owner, connection, slot);

        /// <summary>Where the pool keeps this connection; -1 for one opened beyond the pool's slots.</summary>
        internal int Slot { get; }

        internal static ReadConnection Open(ReadConnections owner, string connectionString, int slot, int cacheKiB)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                // Read-only, and a busy database (a WAL being recovered) is waited for as long as a command would wait.
                setup.CommandText = $"PRAGMA query_only = ON; PRAGMA busy_timeout = {connection.DefaultTimeout * 1000}; PRAGMA cache_size = -{cacheKiB};";
                setup.ExecuteNonQuery();
                // Plans that never depend on bound values. Without this, SQLite marks a statement expired when a value
                // it may plan by is bound anew, and the next step compiles it again: nearly every page of a list paid a
                // full prepare, though the statement was kept.
                var rc = raw.sqlite3_db_config(connection.Handle!, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
                return new ReadConnection(owner, connection, slot);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>How long a statement waits for a table another connection has locked (an in-memory shared database).</summary>
        internal TimeSpan Timeout => TimeSpan.FromSeconds(_connection.DefaultTimeout);

        internal sqlite3 Handle => _connection.Handle!;

        /// <summary>The statement for <paramref name="sql"/> on this connection, compiled the first time, reset and unbound.</summary>
        public sqlite3_stmt Statement(string sql)
        {
            if (_statements.TryGetValue(sql, out var statement))
            {
                return statement;
            }
            if (_statements.Count >= MaxStatements)
            {
                // Many shapes of query at once: start over rather than keep them all.
                FinalizeAll();
            }
            var rc = raw.sqlite3_prepare_v3(Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out _);
            SqliteException.ThrowExceptionForRC(rc, Handle);
            _statements.Add(sql, statement);
            return statement;
        }

        /// <summary>Gives the connection back for the next read.</summary>
        public void Dispose() => _owner.Return(this);

        internal void Close()
        {
            FinalizeAll();
            _connection.Dispose();
        }

        private void FinalizeAll()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }
            _statements.Clear();
        }
    }
}
