using System.Runtime.InteropServices;
using SQLitePCL;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// SQLite's accessors for the current row's columns, called on the statement's native handle. SQLitePCL's versions
/// take the statement as a SafeHandle, which adds a reference count round trip to every call, and these run for every
/// column of every row a list returns; they are short, never block and never call back, so they also skip the GC
/// transition. The library is the one SQLitePCLRaw's e_sqlite3 bundle (which EF's SQLite provider uses) has loaded.
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>The native handle of <paramref name="statement"/>, valid while the statement is not finalized.</summary>
    public static nint Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    public static bool IsNull(nint statement, int column) => sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public static int Int32(nint statement, int column) => sqlite3_column_int(statement, column);

    public static long Int64(nint statement, int column) => sqlite3_column_int64(statement, column);

    /// <summary>A text column's UTF-8 bytes (empty for NULL), valid until the statement moves on.</summary>
    public static ReadOnlySpan<byte> Text(nint statement, int column)
    {
        var text = sqlite3_column_blob(statement, column);   // the text itself, not converted: the database is UTF-8
        return text == null ? default : new ReadOnlySpan<byte>(text, sqlite3_column_bytes(statement, column));
    }

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_type(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_int(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial byte* sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_bytes(nint statement, int column);
}
