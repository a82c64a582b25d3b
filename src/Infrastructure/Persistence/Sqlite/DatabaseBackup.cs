using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RelationsApi.Infrastructure.Persistence.Sqlite;

/// <summary>Why a backup or a restore was not done, in words meant for the person running it.</summary>
public sealed class DatabaseBackupException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>What a restore put in place.</summary>
/// <param name="Database">The database file that now holds the backup's data.</param>
/// <param name="PendingMigrations">Migrations the backup predates; the API applies them when it next starts.</param>
public sealed record RestoreResult(string Database, IReadOnlyList<string> PendingMigrations);

/// <summary>
/// Backups of the API's SQLite database, taken while the API serves, and restores from them. A backup is one
/// <c>VACUUM INTO</c>: SQLite writes the database as one read transaction saw it, so the copy holds every write
/// committed before it began and nothing of any write after, and in WAL mode the API's writers never wait for it.
/// A restore copies a checked backup into the database through SQLite's backup API while holding the database
/// exclusively, so no other process can have it open meanwhile and no stale log can be replayed over the result.
/// </summary>
public static class DatabaseBackup
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>Writes a consistent copy of the database to <paramref name="outputPath"/>, which must not exist yet; returns its size.</summary>
    public static async Task<long> BackupAsync(RelationsDbContext db, string outputPath, CancellationToken cancellationToken)
    {
        var source = DatabaseFile(db);
        if (!File.Exists(source))
        {
            throw new DatabaseBackupException($"There is no database at {source}.");
        }
        var output = Path.GetFullPath(outputPath);
        ClaimNewFile(output);
        try
        {
            await using (var connection = Open(source, SqliteOpenMode.ReadWrite))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $output;";
                command.Parameters.AddWithValue("$output", output);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            // SQLite does not sync the copy to the disk; a backup should survive a power cut once it is reported done.
            await using (var file = new FileStream(output, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
                return file.Length;
            }
        }
        catch
        {
            File.Delete(output);
            throw;
        }
    }

    /// <summary>
    /// Replaces the database's contents with the backup at <paramref name="backupPath"/> after checking that it is whole,
    /// is one of this API's, and was made by this version or an earlier one. The API must be stopped; while any
    /// process still has the database open, nothing is changed.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(RelationsDbContext db, string backupPath, CancellationToken cancellationToken)
    {
        var target = DatabaseFile(db);
        var backupFile = Path.GetFullPath(backupPath);
        if (!File.Exists(backupFile))
        {
            throw new DatabaseBackupException($"There is no file at {backupFile}.");
        }
        if (File.Exists(target) && string.Equals(Path.GetFullPath(target), backupFile, StringComparison.Ordinal))
        {
            throw new DatabaseBackupException($"{backupFile} is the database itself; restore from a backup of it.");
        }
        var known = db.Database.GetMigrations().ToList();

        await using var backup = Open(backupFile, SqliteOpenMode.ReadOnly);
        var applied = await CheckBackupAsync(backup, backupFile, cancellationToken);
        if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
        {
            throw new DatabaseBackupException($"{backupFile} was written by a newer version of the API (its migration {unknown} is unknown here); restore it with that version.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var database = Open(target, SqliteOpenMode.ReadWriteCreate);
        await database.OpenAsync(cancellationToken);
        await TakeExclusivelyAsync(database, target, cancellationToken);
        backup.BackupDatabase(database);
        if (await ScalarAsync(database, "PRAGMA quick_check;", cancellationToken) is not "ok")
        {
            throw new DatabaseBackupException($"{target} did not check out after the restore; restore again before starting the API.");
        }
        RemoveStaleLog(target);
        return new RestoreResult(target, known.Except(applied).ToList());
    }

    /// <summary>The database file named by the connection string, as a full path.</summary>
    public static string DatabaseFile(RelationsDbContext db)
    {
        if (Engine.Of(db).Kind != DatabaseEngine.Sqlite)
        {
            throw new DatabaseBackupException(
                "The database is PostgreSQL; backup and restore are for SQLite files. Use PostgreSQL's own tools instead: " +
                "pg_dump --format=custom --file=relations.dump <database> to back up, and " +
                "pg_restore --clean --if-exists --single-transaction --dbname=<database> relations.dump to restore (with the API stopped).");
        }
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (connection.Mode == SqliteOpenMode.Memory || connection.DataSource is "" or ":memory:")
        {
            throw new DatabaseBackupException("The database is in memory, so there is no file to back up or restore.");
        }
        return Path.GetFullPath(connection.DataSource);
    }

    /// <summary>Creates the empty output file, so that an existing file is refused rather than overwritten, even in a race.</summary>
    private static void ClaimNewFile(string output)
    {
        try
        {
            new FileStream(output, FileMode.CreateNew, FileAccess.Write).Dispose();
        }
        catch (IOException) when (File.Exists(output) || Directory.Exists(output))
        {
            throw new DatabaseBackupException($"{output} already exists; a backup never overwrites anything. Choose a new file name.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DatabaseBackupException($"The folder {Path.GetDirectoryName(output)} does not exist.");
        }
    }

    /// <summary>Checks the backup and returns the migrations it has applied.</summary>
    private static async Task<List<string>> CheckBackupAsync(SqliteConnection backup, string path, CancellationToken cancellationToken)
    {
        try
        {
            await backup.OpenAsync(cancellationToken);
            if (await ScalarAsync(backup, "PRAGMA integrity_check;", cancellationToken) is var integrity and not "ok")
            {
                throw new DatabaseBackupException($"{path} is damaged (integrity_check: {integrity}).");
            }
            if (await ScalarAsync(backup, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';", cancellationToken) is not "1")
            {
                throw new DatabaseBackupException($"{path} is a SQLite database but not one of this API's: it has no __EFMigrationsHistory table.");
            }
            var applied = new List<string>();
            await using var command = backup.CreateCommand();
            command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId";""";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
            return applied;
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new DatabaseBackupException($"{path} is not a SQLite database.", failure);
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode == SqliteCorrupt)
        {
            throw new DatabaseBackupException($"{path} is damaged: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// Keeps every lock this connection takes until it closes, and leaves WAL mode, which SQLite allows only to a
    /// connection that has the file to itself: the API holds its database open while it runs, so this fails then.
    /// Leaving WAL also folds the log into the file and deletes it, with the shared-memory file.
    /// </summary>
    private static async Task TakeExclusivelyAsync(SqliteConnection database, string path, CancellationToken cancellationToken)
    {
        try
        {
            await ScalarAsync(database, "PRAGMA locking_mode = EXCLUSIVE;", cancellationToken);
            var mode = await ScalarAsync(database, "PRAGMA journal_mode = DELETE;", cancellationToken);
            await using var command = database.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE; COMMIT;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (mode is not "delete")
            {
                throw new DatabaseBackupException($"{path} is in use by another process. Stop the API, then restore.");
            }
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new DatabaseBackupException($"{path} is in use by another process. Stop the API, then restore.", failure);
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            throw new DatabaseBackupException(
                $"{path} is not a healthy SQLite database, so it cannot be replaced safely in place. Move it aside, with any -wal and -shm files beside it, and restore again.",
                failure);
        }
    }

    /// <summary>
    /// Deletes a write-ahead log and its index found beside the restored file. SQLite opens a log it finds beside a
    /// database whatever mode the file says it is in, and replays the frames committed to it, so a log of the replaced
    /// data would be written over the backup's at the next start. It is called while this process holds the file
    /// exclusively in rollback mode, which no process using such a log could have allowed, so none is in use.
    /// </summary>
    private static void RemoveStaleLog(string target)
    {
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 5 }.ToString());

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
