using System.Net;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Common;

/// <summary>Starting the API beside another process, or after one died: it refuses clearly or recovers, never hangs.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task ASecondServer_OnTheSameSqliteFile_ExitsWithCode1AndSaysWhy_WhileTheVerbsStillWork()
    {
        using var first = ApiFactory.OnSqlite();
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health/ready", Cancel)).StatusCode);

        var second = await RunApiAsync(first, "--urls", "http://127.0.0.1:0");
        var keys = await RunApiAsync(first, "keys", "create", "--name", "beside-a-server");
        var backup = await RunApiAsync(first, "backup", "--output", first.DatabasePath + ".backup");

        Assert.Equal(1, second.Exit);
        Assert.Contains("in use by another API process", second.Errors, StringComparison.Ordinal);
        Assert.Contains(first.DatabasePath + ".lock", second.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output + second.Errors, StringComparison.Ordinal);
        Assert.True(keys.Exit == 0, keys.Errors);
        Assert.True(backup.Exit == 0, backup.Errors);
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health/ready", Cancel)).StatusCode);
    }

    [Fact]
    public async Task TheSqliteFile_IsFreeAgain_OnceTheServerStops()
    {
        using var first = ApiFactory.OnSqlite();
        _ = first.Services;

        using var restarted = first.Restart();

        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync("/health/ready", Cancel)).StatusCode);
    }

    [Fact]
    public async Task AMigrationLockLeftByAProcessThatDied_DoesNotHoldTheNextStart()
    {
        if (ApiFactory.TestEngine == DatabaseEngine.Postgres)
        {
            await MigrationLockOnPostgresAsync();
            return;
        }
        using var first = ApiFactory.OnSqlite();
        _ = first.Services;   // started, migrated and seeded
        await using (var dead = await first.OpenDatabaseAsync(Cancel))
        await using (var take = dead.CreateCommand())
        {
            // EF's migration lock on SQLite is a row, which a process killed while migrating leaves behind.
            take.CommandText = """INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 10:00:00+00:00');""";
            await take.ExecuteNonQueryAsync(Cancel);
        }

        using var restarted = first.Restart();
        var client = await Task.Run(() => restarted.CreateClient(), Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Cancel)).StatusCode);
    }

    /// <summary>On PostgreSQL the lock is a table lock in the migrating session's transaction: it goes when the session does.</summary>
    private static async Task MigrationLockOnPostgresAsync()
    {
        using var first = new ApiFactory();
        _ = first.Services;
        // The lock EF's Npgsql provider takes to migrate, held by a session as a process killed while migrating held it.
        await using var dying = await first.OpenDatabaseAsync(Cancel);
        await using var transaction = await dying.BeginTransactionAsync(Cancel);
        await using (var take = dying.CreateCommand())
        {
            take.Transaction = transaction;
            take.CommandText = """LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE; SELECT pg_backend_pid();""";
            var pid = Convert.ToInt32(await take.ExecuteScalarAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture);
            using var second = ApiFactory.Reopening(first);
            var starting = Task.Run(() => second.CreateClient(), Cancel);
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            Assert.False(starting.IsCompleted);   // a live holder is waited for

            await using (var killer = await first.OpenDatabaseAsync(Cancel))
            await using (var kill = killer.CreateCommand())
            {
                kill.CommandText = $"SELECT pg_terminate_backend({pid})";   // what the server does when the process dies
                await kill.ExecuteNonQueryAsync(Cancel);
            }
            var client = await starting.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Cancel)).StatusCode);
        }
    }

    private static Task<(int Exit, string Output, string Errors)> RunApiAsync(ApiFactory api, params string[] args) =>
        ApiProcess.RunAsync(api.ProcessEnvironment, Cancel, args);
}
