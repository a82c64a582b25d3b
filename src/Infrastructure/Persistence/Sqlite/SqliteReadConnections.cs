using System.Data.Common;
using Microsoft.Data.Sqlite;
using RelationsApi.Infrastructure.Persistence.Reading;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite connections for the hand-written reads, kept open for the life of the process, each keeping one prepared
/// <see cref="SqliteCommand"/> per SQL text.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles a command's SQL when it is prepared and keeps the compiled statement until the text
/// changes or the command is disposed, and closing a connection (also giving it back to the library's pool) disposes
/// every command made on it. EF makes a new command for every query, so it compiles the same SQL on every request; these
/// connections stay open instead, so a read reuses what the same SQL compiled to before.
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

    /// <summary>Prepared commands kept per connection: far more than the shapes of query the API makes.</summary>
    internal const int MaxCommands = 128;

    // Page caches, in KiB. A read takes the first idle slot, so on a server with few cores the first connection serves
    // nearly every read and the others only what overlaps it: the first gets a large cache and the rest small ones,
    // which keeps the memory of all of them together bounded.
    private const int FirstCacheKiB = 48 * 1024;
    private const int OtherCacheKiB = 4 * 1024;

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
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        private Connection(SqliteReadConnections owner, SqliteConnection connection, int slot) => (_owner, _connection, Slot) = (owner, connection, slot);

        public int Slot { get; }

        public static Connection Open(SqliteReadConnections owner, string connectionString, int slot, int cacheKiB)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var setup = connection.CreateCommand();
                setup.CommandText = $"PRAGMA query_only = ON; PRAGMA cache_size = -{cacheKiB};";
                setup.ExecuteNonQuery();
                // Plans that never depend on bound values. Without this, SQLite marks a statement expired when a value
                // it may plan by is bound anew, and the next step compiles it again: nearly every page of a list paid a
                // full prepare, though the command was kept.
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
            return ValueTask.FromResult<DbDataReader>(Execute(sql));
        }

        private SqliteDataReader Execute(Sql sql)
        {
            var text = sql.Text;
            if (!_commands.TryGetValue(text, out var command))
            {
                if (_commands.Count >= MaxCommands)
                {
                    DisposeCommands();   // many shapes of query at once: start over rather than keep them all
                }
                command = _connection.CreateCommand();
                command.CommandText = text;
                for (var i = 0; i < sql.Values.Count; i++)
                {
                    command.Parameters.Add(new SqliteParameter(Sql.ParameterName(i), sql.Values[i]));
                }
                command.Prepare();
                _commands.Add(text, command);
            }
            else
            {
                for (var i = 0; i < sql.Values.Count; i++)
                {
                    command.Parameters[i].Value = sql.Values[i];
                }
            }
            // Microsoft.Data.Sqlite waits for a busy or locked database up to the command timeout on its own.
            return command.ExecuteReader();
        }

        public override void Dispose() => _owner.Return(this);

        public void Close()
        {
            DisposeCommands();
            _connection.Dispose();
        }

        private void DisposeCommands()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
            _commands.Clear();
        }
    }
}
