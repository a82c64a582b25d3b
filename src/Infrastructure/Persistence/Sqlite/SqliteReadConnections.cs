using System.Data.Common;
using Microsoft.Data.Sqlite;
using RelationsApi.Infrastructure.Persistence.Reading;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite connections for the hand-written reads, kept open for the life of the process, each keeping one prepared
/// statement per SQL text, read by <see cref="SqliteStatementReader"/>.
/// </summary>
/// <remarks>
/// Closing a connection (also giving it back to Microsoft.Data.Sqlite's pool) finalizes every statement made on it, and
/// EF makes a new command for every query, so it compiles the same SQL on every request; these connections stay open
/// instead, so a read reuses what the same SQL compiled to before.
/// <para>
/// Each connection is its own (not from the library's pool, so its settings never reach EF), read-only, and used by one
/// read at a time. It runs no transaction of its own, so every statement reads the latest commit: in WAL mode a
/// statement takes its snapshot when it starts, and disposing its reader resets it and ends that snapshot.
/// </para>
/// </remarks>
internal sealed class SqliteReadConnections : IReadConnections
{
    /// <summary>Connections kept open while idle; a burst beyond this opens more and closes them afterwards.</summary>
    internal const int Slots = 8;

    /// <summary>Prepared statements kept per connection: far more than the shapes of query the API makes.</summary>
    internal const int MaxCommands = 128;

    // Page caches, in KiB. A read takes the first idle slot, so on a server with few cores the first connection serves
    // nearly every read and the others only what overlaps it: the first gets a large cache and the rest small ones,
    // which keeps the memory of all of them together bounded.
    private const int FirstCacheKiB = 16 * 1024;
    private const int OtherCacheKiB = 2 * 1024;

    private readonly string _connectionString;
    private readonly Connection?[] _connections = new Connection?[Slots];
    private readonly int[] _taken = new int[Slots];
    private volatile bool _disposed;

    public SqliteReadConnections(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _connectionString = builder.ToString();
    }

    /// <summary>How many connections are open in the slots: for tests of the pool.</summary>
    internal int OpenSlots => _connections.Count(c => c is not null);

    public ValueTask<ReadConnection> RentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Rent());
    }

    private ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (Interlocked.CompareExchange(ref _taken[slot], 1, 0) == 0)
            {
                try
                {
                    return _connections[slot] ??= Connection.Open(this, _connectionString, slot, slot == 0 ? FirstCacheKiB : OtherCacheKiB);
                }
                catch
                {
                    Volatile.Write(ref _taken[slot], 0);
                    throw;
                }
            }
        }
        return Connection.Open(this, _connectionString, slot: -1, OtherCacheKiB);   // a burst: closed when given back
    }

    private void Return(Connection connection)
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

    private sealed class Connection : ReadConnection
    {
        private readonly SqliteReadConnections _owner;
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

        private Connection(SqliteReadConnections owner, SqliteConnection connection, int slot) => (_owner, _connection, Slot) = (owner, connection, slot);

        public int Slot { get; }

        private sqlite3 Handle => _connection.Handle!;

        public static Connection Open(SqliteReadConnections owner, string connectionString, int slot, int cacheKiB)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                // Read-only, and a busy database (a WAL being recovered, a writer holding it exclusively) is waited for
                // by SQLite itself, as long as a command would wait.
                setup.CommandText = $"PRAGMA query_only = ON; PRAGMA busy_timeout = {connection.DefaultTimeout * 1000}; PRAGMA cache_size = -{cacheKiB};";
                setup.ExecuteNonQuery();
                // Plans that never depend on bound values. Without this, SQLite marks a statement expired when a value
                // it may plan by is bound anew, and the next step compiles it again: nearly every page of a list paid a
                // full prepare, though the statement was kept.
                var rc = raw.sqlite3_db_config(connection.Handle!, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
                return new Connection(owner, connection, slot);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public override ValueTask<DbDataReader> ExecuteAsync(Sql sql, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<DbDataReader>(new SqliteStatementReader(Handle, Statement(sql), sql.Values));
        }

        /// <summary>The statement kept for <paramref name="sql"/>'s text, compiled the first time.</summary>
        private sqlite3_stmt Statement(Sql sql)
        {
            var text = sql.Text;
            if (_statements.TryGetValue(text, out var statement))
            {
                return statement;
            }
            if (_statements.Count >= MaxCommands)
            {
                FinalizeStatements();   // many shapes of query at once: start over rather than keep them all
            }
            var rc = raw.sqlite3_prepare_v3(Handle, text, raw.SQLITE_PREPARE_PERSISTENT, out statement, out _);
            SqliteException.ThrowExceptionForRC(rc, Handle);
            for (var i = 0; i < sql.Values.Count; i++)
            {
                // Values are bound by position: @p0 must be the first parameter, @p1 the second, and so on.
                if (raw.sqlite3_bind_parameter_index(statement, Sql.ParameterName(i)) != i + 1)
                {
                    statement.Dispose();
                    throw new InvalidOperationException($"The parameters of \"{text}\" are not @p0, @p1, ... in order.");
                }
            }
            _statements.Add(text, statement);
            return statement;
        }

        public override void Dispose() => _owner.Return(this);

        public void Close()
        {
            FinalizeStatements();
            _connection.Dispose();
        }

        private void FinalizeStatements()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }
            _statements.Clear();
        }
    }
}
