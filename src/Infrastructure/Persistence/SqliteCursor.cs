using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// The rows of one query on a <see cref="ReadConnections"/> connection, read one at a time straight from SQLite's
/// prepared statement; disposing it resets the statement (ending its read of the database) and gives the connection
/// back. Subclasses name the columns of their query.
/// </summary>
public class SqliteCursor : IDisposable
{
    private readonly ReadConnections.ReadConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly nint _row;
    private readonly CancellationToken _cancellationToken;
    private bool _started;
    private bool _disposed;

    internal SqliteCursor(ReadConnections.ReadConnection connection, Sql sql, CancellationToken cancellationToken)
    {
        _connection = connection;
        _cancellationToken = cancellationToken;
        try
        {
            _statement = connection.Statement(sql.Text);
            for (var i = 0; i < sql.Values.Count; i++)
            {
                var rc = sql.Values[i] switch
                {
                    int value => raw.sqlite3_bind_int64(_statement, i + 1, value),
                    long value => raw.sqlite3_bind_int64(_statement, i + 1, value),
                    string value => raw.sqlite3_bind_text(_statement, i + 1, value),
                    byte[] value => raw.sqlite3_bind_blob(_statement, i + 1, value),
                    var other => throw new ArgumentException($"No binding for {other.GetType().Name}.", nameof(sql)),
                };
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
            _row = SqliteColumns.Handle(_statement);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _cancellationToken.ThrowIfCancellationRequested();
        var rc = raw.sqlite3_step(_statement);
        if (!_started)
        {
            _started = true;
            // A table another connection is writing is locked in a shared in-memory database (the tests'); wait for it
            // as Microsoft.Data.Sqlite does. Only before the first row, so no row is read twice.
            var waited = Stopwatch.StartNew();
            while ((rc & 0xFF) is raw.SQLITE_LOCKED or raw.SQLITE_BUSY && waited.Elapsed < _connection.Timeout)
            {
                raw.sqlite3_reset(_statement);
                Thread.Sleep(10);
                rc = raw.sqlite3_step(_statement);
            }
        }
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
        return false;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
        _connection.Dispose();
        GC.SuppressFinalize(this);
    }

    internal int Int32(int column) => SqliteColumns.Int32(_row, column);

    internal long Int64(int column) => SqliteColumns.Int64(_row, column);

    internal bool IsNull(int column) => SqliteColumns.IsNull(_row, column);

    /// <summary>A column that is never NULL, as UTF-8 (a blob's bytes as they are); valid until the cursor moves on.</summary>
    internal ReadOnlySpan<byte> Utf8(int column) => SqliteColumns.Text(_row, column);

    /// <summary>A column that may be NULL.</summary>
    internal Utf8Value Text(int column) =>
        IsNull(column) ? new Utf8Value(default, isNull: true) : new Utf8Value(Utf8(column), isNull: false);

    internal static string? String(Utf8Value value) => value.IsNull ? null : Encoding.UTF8.GetString(value.Bytes);
}
