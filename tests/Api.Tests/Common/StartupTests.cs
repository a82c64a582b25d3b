using System.Diagnostics;
using System.Net;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Common;

/// <summary>Starting the API beside another process, or after one died: it refuses clearly or recovers, never hangs.</summary>
public sealed class StartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

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
    public async Task OnPostgres_AMigrationLockHeldByASessionThatDies_DoesNotHoldTheNextStart()
    {
        Assert.SkipWhen(ApiFactory.TestEngine != DatabaseEngine.Postgres, "PostgreSQL only: set RELATIONS_TEST_POSTGRES.");
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

    /// <summary>Runs the built Api as its own process on <paramref name="api"/>'s database, stopping it after 60 s at most.</summary>
    private static async Task<(int Exit, string Output, string Errors)> RunApiAsync(ApiFactory api, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RelationsApi.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in api.ProcessEnvironment)
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        try
        {
            await process.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);   // it served instead of refusing
            await process.WaitForExitAsync(Cancel);
        }
        return (process.ExitCode, await output, await errors);
    }
}
