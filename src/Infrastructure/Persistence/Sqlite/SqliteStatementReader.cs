using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RelationsApi.Infrastructure.Persistence.Reading;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The rows of one run of a statement that a read connection keeps prepared, read straight from SQLite through SQLitePCL
/// (the library Microsoft.Data.Sqlite is built on): one native call per value read, text decoded once, and text lent as
/// UTF-8 (<see cref="IUtf8Text"/>) to the JSON writer without making a string. Disposing it resets the statement for
/// its next run, which also ends the read's snapshot.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite's data reader checks the statement's state and the column's type in separate native calls for
/// every value and copies every text into a new string; for a page of rows that cost more than SQLite's own work. The
/// first row is stepped to when the reader is made, as that reader does, so a statement that fails (a write on a
/// read-only connection) fails there. A busy database is waited for by SQLite itself, up to the connection's busy
/// timeout.
/// </remarks>
internal sealed class SqliteStatementReader : DbDataReader, IUtf8Text
{
    private readonly sqlite3 _db;
    private sqlite3_stmt? _statement;
    private bool _hasRow;
    private bool _firstRowPending;

    /// <summary>Binds <paramref name="values"/> to the statement's parameters in order (@p0 is the first) and steps to the first row.</summary>
    public SqliteStatementReader(sqlite3 db, sqlite3_stmt statement, IReadOnlyList<object> values)
    {
        _db = db;
        _statement = statement;
        try
        {
            for (var i = 0; i < values.Count; i++)
            {
                Check(Bind(statement, i + 1, values[i]));
            }
            _hasRow = _firstRowPending = Step();
        }
        catch
        {
            Close();
            throw;
        }
    }

    private sqlite3_stmt Statement => _statement ?? throw new InvalidOperationException("The reader is closed.");

    public override int FieldCount => raw.sqlite3_column_count(Statement);

    public override bool HasRows => _hasRow || _firstRowPending;

    public override bool IsClosed => _statement is null;

    public override int RecordsAffected => -1;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        if (_firstRowPending)
        {
            _firstRowPending = false;
            return true;
        }
        return _hasRow = _hasRow && Step();
    }

    public override bool NextResult() => false;

    public override bool IsDBNull(int ordinal) => Type(ordinal) == raw.SQLITE_NULL;

    public override long GetInt64(int ordinal) => raw.sqlite3_column_int64(Statement, ordinal);

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal) => raw.sqlite3_column_double(Statement, ordinal);

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override decimal GetDecimal(int ordinal) => Type(ordinal) switch
    {
        raw.SQLITE_INTEGER => GetInt64(ordinal),
        raw.SQLITE_FLOAT => (decimal)GetDouble(ordinal),
        _ => decimal.Parse(GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public override string GetString(int ordinal) => Encoding.UTF8.GetString(GetUtf8(ordinal));

    /// <summary>The column's text as UTF-8, valid until the reader moves on; empty for NULL.</summary>
    public ReadOnlySpan<byte> GetUtf8(int ordinal) => raw.sqlite3_column_blob(Statement, ordinal);

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override DateTime GetDateTime(int ordinal) => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => Type(ordinal) == raw.SQLITE_BLOB ? new Guid(GetUtf8(ordinal)) : Guid.Parse(GetString(ordinal));

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        CopyOut(GetUtf8(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        CopyOut(GetString(ordinal).AsSpan(), dataOffset, buffer, bufferOffset, length);

    /// <summary>
    /// GetBytes and GetChars: the value's length when there is no buffer, else up to <paramref name="length"/> items from
    /// <paramref name="dataOffset"/> on, copied into the buffer, and how many that was.
    /// </summary>
    private static long CopyOut<T>(ReadOnlySpan<T> value, long dataOffset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return value.Length;
        }
        var count = (int)Math.Clamp(value.Length - dataOffset, 0, length);
        value.Slice((int)Math.Min(dataOffset, value.Length), count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    /// <summary>The value as SQLite holds it: long, double, string, byte[] or <see cref="DBNull"/>.</summary>
    public override object GetValue(int ordinal) => Type(ordinal) switch
    {
        raw.SQLITE_INTEGER => GetInt64(ordinal),
        raw.SQLITE_FLOAT => GetDouble(ordinal),
        raw.SQLITE_TEXT => GetString(ordinal),
        raw.SQLITE_BLOB => GetUtf8(ordinal).ToArray(),
        _ => DBNull.Value,
    };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }
        return count;
    }

    /// <summary>The type of the value in the current row, as <see cref="GetValue"/> returns it.</summary>
    public override Type GetFieldType(int ordinal) => Type(ordinal) switch
    {
        raw.SQLITE_INTEGER => typeof(long),
        raw.SQLITE_FLOAT => typeof(double),
        raw.SQLITE_BLOB => typeof(byte[]),
        _ => typeof(string),
    };

    public override string GetDataTypeName(int ordinal) => raw.sqlite3_column_decltype(Statement, ordinal).utf8_to_string() ?? "";

    public override string GetName(int ordinal) => raw.sqlite3_column_name(Statement, ordinal).utf8_to_string();

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new IndexOutOfRangeException($"No column is named {name}.");
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    public override void Close()
    {
        if (_statement is { } statement)
        {
            _statement = null;
            raw.sqlite3_reset(statement);   // its result repeats the last step's error, already thrown
            raw.sqlite3_clear_bindings(statement);
        }
    }

    protected override void Dispose(bool disposing)
    {
        Close();
        base.Dispose(disposing);
    }

    private int Type(int ordinal) => raw.sqlite3_column_type(Statement, ordinal);

    private bool Step()
    {
        var rc = raw.sqlite3_step(Statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }
        Check(rc);
        return false;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object value) => value switch
    {
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        string text => raw.sqlite3_bind_text(statement, index, text),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        double number => raw.sqlite3_bind_double(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        _ => throw new ArgumentException($"A read cannot bind a {value.GetType().Name}.", nameof(value)),
    };
}
