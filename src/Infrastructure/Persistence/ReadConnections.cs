using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Open SQLite connections for hand-written reads, each keeping the statements it has prepared, by their SQL text.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite compiles a command's SQL on its first execution and keeps the compiled statement until the
/// command text changes or the command is disposed, and closing a connection (also returning it to the library's pool)
/// disposes every command made on it. EF makes a new command for every query, so it compiles the same SQL on every
/// request. These connections stay open for the life of the process instead, and a read reuses the command, and with
/// it the compiled statement, that the same SQL got on that connection before.
/// <para>
/// Each connection is its own native connection (not from the library's pool, so its settings never reach EF), is
/// read-only, and is used by one read at a time. It runs no transaction of its own, so every statement reads the latest
/// commit: in WAL mode a statement takes its snapshot when it starts, and the reader's disposal resets the statement
/// and ends that snapshot.
/// </para>
/// </remarks>
public sealed class ReadConnections : IDisposable
{
    /// <summary>Connections kept open while idle; a burst beyond this opens more and closes them afterwards.</summary>
    private const int MaxIdle = 8;

    /// <summary>Prepared statements kept per connection: far more than the shapes of query the API makes.</summary>
    private const int MaxStatements = 128;

    private readonly string _connectionString;
    private readonly ConcurrentStack<ReadConnection> _idle = new();
    private volatile bool _disposed;

    public ReadConnections(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _connectionString = builder.ToString();
    }

    /// <summary>An open connection for one read; disposing it gives it back.</summary>
    public ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryPop(out var connection) ? connection : ReadConnection.Open(this, _connectionString);
    }

    internal void Return(ReadConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Close();
            return;
        }
        _idle.Push(connection);
        if (_disposed)
        {
            CloseIdle();   // shut down while this one was being returned
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            connection.Close();
        }
    }

    /// <summary>One open connection and its prepared commands, lent to one read at a time.</summary>
    public sealed class ReadConnection : IDisposable
    {
        private readonly ReadConnections _owner;
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        private ReadConnection(ReadConnections owner, SqliteConnection connection) => (_owner, _connection) = (owner, connection);

        internal static ReadConnection Open(ReadConnections owner, string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var readOnly = connection.CreateCommand();
                readOnly.CommandText = "PRAGMA query_only = ON;";
                readOnly.ExecuteNonQuery();
                return new ReadConnection(owner, connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>The command for <paramref name="sql"/> on this connection, compiled on its first execution, with no parameters.</summary>
        public SqliteCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                command.Parameters.Clear();
                return command;
            }
            if (_commands.Count >= MaxStatements)
            {
                // Many shapes of query at once: start over rather than keep them all.
                foreach (var old in _commands.Values)
                {
                    old.Dispose();
                }
                _commands.Clear();
            }
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
            return command;
        }

        /// <summary>Gives the connection back for the next read.</summary>
        public void Dispose() => _owner.Return(this);

        internal void Close() => _connection.Dispose();
    }
}
