using Microsoft.Data.Sqlite;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>
/// One API process per SQLite file: what a process remembers between requests (the counts of lists, the queue its
/// writers wait in) is right only while no other process writes to the file. The process that serves a file holds an
/// exclusive operating-system lock on a companion file, <c>&lt;database&gt;.lock</c>, for as long as it runs; the lock
/// goes with the process however it ends, so a killed process never leaves it behind. The companion file itself stays
/// (deleting it could let two processes lock two different files of one name).
/// </summary>
internal static class DatabaseFileLock
{
    /// <summary>Locks the database's companion file, or returns null for an in-memory database (no other process can open it).</summary>
    public static IDisposable? Take(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return null;
        }
        var database = Path.GetFullPath(builder.DataSource);
        var lockFile = database + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        try
        {
            // FileShare.None is an exclusive lock the operating system keeps for the open handle (flock on Linux and macOS).
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException failure)
        {
            throw new DatabaseInUseException(
                $"The database {database} is in use by another API process, which holds {lockFile}. Only one API process may serve "
                + "a SQLite database: stop the other one first, or give this one another database (ConnectionStrings:Relations). "
                + "The keys and backup commands work beside a running API.",
                failure);
        }
    }
}
