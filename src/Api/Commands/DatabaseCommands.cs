using System.CommandLine;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Api.Commands;

/// <summary>The backup and restore verbs: they work on the database the server's configuration names.</summary>
internal static class DatabaseCommands
{
    public static Command Backup(IServiceProvider services) => FileVerb(
        services,
        new Command("backup", "Writes a consistent copy of the database to a new file; the API may go on serving meanwhile."),
        new Option<FileInfo>("--output", "-o") { Description = "The file to write; it must not exist yet.", Required = true },
        BackUpAsync);

    public static Command Restore(IServiceProvider services) => FileVerb(
        services,
        new Command("restore", "Replaces the database with a backup. Stop the API first; it refuses while the database is in use."),
        new Option<FileInfo>("--from", "-f") { Description = "A backup written by the backup command.", Required = true },
        RestoreAsync);

    private static async Task BackUpAsync(RelationsDbContext db, FileInfo output, CancellationToken cancellationToken)
    {
        var bytes = await DatabaseBackup.BackupAsync(db, output.FullName, cancellationToken);
        Console.Out.WriteLine($"Backed up {DatabaseBackup.DatabaseFile(db)} to {output.FullName} ({bytes:N0} bytes).");
    }

    private static async Task RestoreAsync(RelationsDbContext db, FileInfo backup, CancellationToken cancellationToken)
    {
        var restored = await DatabaseBackup.RestoreAsync(db, backup.FullName, cancellationToken);
        Console.Out.WriteLine($"Restored {restored.Database} from {backup.FullName}.");
        if (restored.PendingMigrations.Count > 0)
        {
            Console.Out.WriteLine($"The backup predates {restored.PendingMigrations.Count} migration(s); the API applies them when it next starts.");
        }
    }

    /// <summary>A verb that takes one file and works on the database: the command with its option, run by <see cref="RunAsync"/>.</summary>
    private static Command FileVerb(
        IServiceProvider services, Command command, Option<FileInfo> file, Func<RelationsDbContext, FileInfo, CancellationToken, Task> action)
    {
        command.Options.Add(file);
        command.SetAction((result, cancellationToken) =>
            RunAsync(services, command.Name, db => action(db, result.GetValue(file)!, cancellationToken)));
        return command;
    }

    /// <summary>Runs one verb: 0 when it did its job, 1 with a one-line reason on standard error when it did not.</summary>
    private static async Task<int> RunAsync(IServiceProvider services, string verb, Func<RelationsDbContext, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<RelationsDbContext>());
            return 0;
        }
        catch (Exception failure) when (failure is DatabaseBackupException or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"{verb} failed: {failure.Message}");
            return 1;
        }
    }
}
