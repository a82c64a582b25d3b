using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Infrastructure;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Common;

/// <summary>The backup and restore verbs, run as an operator runs them: the Api's own program in a process of its own.</summary>
public sealed class BackupTests : IDisposable
{
    private static readonly string[] Resources = ["events", "flights", "trade-records", "agreements"];

    private readonly string _directory = Directory.CreateTempSubdirectory("relations-api-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ABackup_TakenWhileWritesRun_IsWhole_AndMatchesItsOwnChangeFeed()
    {
        using var api = ApiFactory.OnSqlite();
        var client = api.CreateClient();
        var before = await (await client.PostJsonAsync("/api/v1/events", Bodies.Event("Written before the backup"))).ReadAsync<EventResponse>();
        var output = Path.Combine(_directory, "during-writes.db");

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => WriteUntilAsync(api.CreateClient(), w, stop.Token)).ToList();
        await Task.Delay(300, Cancel);   // the writers are under way
        var backup = await RunVerbAsync(api.DatabasePath, "backup", "--output", output);
        await stop.CancelAsync();
        var written = (await Task.WhenAll(writers)).Sum();

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains(output, backup.Output, StringComparison.Ordinal);
        Assert.True(written > 0);
        Assert.Equal("ok", await ScalarAsync(output, "PRAGMA integrity_check;"));
        using var restored = ApiFactory.Over(output);
        var copy = restored.CreateClient();
        Assert.Equal(before.Title, (await copy.GetJsonAsync<EventResponse>($"/api/v1/events/{before.Id}")).Title);
        await AssertFeedRebuildsTheDataAsync(copy);
    }

    [Fact]
    public async Task Backup_RefusesToOverwriteAFile()
    {
        using var api = ApiFactory.OnSqlite();
        api.CreateClient();
        var output = Path.Combine(_directory, "taken.db");
        await File.WriteAllTextAsync(output, "keep me", Cancel);

        var backup = await RunVerbAsync(api.DatabasePath, "backup", "--output", output);

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("already exists", backup.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", backup.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(output, Cancel));
    }

    [Fact]
    public async Task Restore_ReplacesTheData_AndTheApiStartedAfterwardsServesIt()
    {
        var database = Path.Combine(_directory, "relations.db");
        var backupFile = Path.Combine(_directory, "backup.db");
        using (var api = ApiFactory.Over(database))
        {
            var client = api.CreateClient();
            await client.PostJsonAsync("/api/v1/events", Bodies.Event("Kept by the backup"));
            Assert.Equal(0, (await RunVerbAsync(database, "backup", "--output", backupFile)).ExitCode);
            await client.PostJsonAsync("/api/v1/events", Bodies.Event("Written after the backup"));
        }
        SqliteConnection.ClearAllPools();   // the API has stopped

        var restore = await RunVerbAsync(database, "restore", "--from", backupFile);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains($"Restored {database}", restore.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(database + "-wal"));
        Assert.False(File.Exists(database + "-shm"));
        using var restarted = ApiFactory.Over(database);
        var after = restarted.CreateClient();
        Assert.Equal(1, (await after.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=Kept by the backup")).TotalCount);
        Assert.Equal(0, (await after.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=Written after the backup")).TotalCount);
        await AssertFeedRebuildsTheDataAsync(after);
    }

    [Fact]
    public async Task Restore_RefusesWhileTheApiHasTheDatabaseOpen_AndChangesNothing()
    {
        var database = Path.Combine(_directory, "relations.db");
        var backupFile = Path.Combine(_directory, "backup.db");
        using var api = ApiFactory.Over(database);
        var client = api.CreateClient();
        Assert.Equal(0, (await RunVerbAsync(database, "backup", "--output", backupFile)).ExitCode);
        await client.PostJsonAsync("/api/v1/events", Bodies.Event("Written while running"));
        SqliteConnection.ClearAllPools();   // as the pool does to idle connections: the API still holds the database

        var restore = await RunVerbAsync(database, "restore", "--from", backupFile);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("in use", restore.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=Written while running")).TotalCount);
    }

    [Theory]
    [InlineData("text", "is not a SQLite database")]
    [InlineData("other", "not one of this API's")]
    [InlineData("damaged", "is damaged")]
    public async Task Restore_RefusesAFileThatIsNotABackupOfOurs(string kind, string reason)
    {
        var database = Path.Combine(_directory, "relations.db");
        using (var api = ApiFactory.Over(database))
        {
            await api.CreateClient().PostJsonAsync("/api/v1/events", Bodies.Event("Still here"));
        }
        SqliteConnection.ClearAllPools();
        var candidate = Path.Combine(_directory, "candidate.db");
        await WriteCandidateAsync(kind, candidate, database);

        var restore = await RunVerbAsync(database, "restore", "--from", candidate);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains(reason, restore.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", restore.Error, StringComparison.Ordinal);
        using var restarted = ApiFactory.Over(database);
        Assert.Equal(1, (await restarted.CreateClient().GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=Still here")).TotalCount);
    }

    [Fact]
    public async Task Restore_OfABackupFromAnOlderVersion_IsMigratedForwardWhenTheApiStarts()
    {
        var database = Path.Combine(_directory, "relations.db");
        var old = Path.Combine(_directory, "old.db");
        await CreateAtMigrationAsync(old, "SearchTextColumns", """
            INSERT INTO "TradeRecords" ("ReporterCountry", "PartnerCountry", "Flow", "Year", "ValueUsdCents", "CreatedAt", "UpdatedAt", "Version", "Sources")
            VALUES ('KZ', 'KR', 'Export', 2015, 123456, '2024-01-01 00:00:00', '2024-02-01 00:00:00', 3, '[]');
            """);

        var restore = await RunVerbAsync(database, "restore", "--from", old);

        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("predates", restore.Output, StringComparison.Ordinal);
        using var api = ApiFactory.Over(database);
        var client = api.CreateClient();
        var trade = Assert.Single((await client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=2015")).Items);
        Assert.Equal((1234.56m, 3), (trade.ValueUsd, trade.Version));
        await AssertFeedRebuildsTheDataAsync(client);
    }

    /// <summary>Creates, replaces and deletes records until told to stop; returns how many writes succeeded.</summary>
    private static async Task<int> WriteUntilAsync(HttpClient client, int writer, CancellationToken stop)
    {
        var written = 0;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var created = await client.PostJsonAsync("/api/v1/events", Bodies.Event($"Writer {writer} event {i}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var record = await created.ReadAsync<EventResponse>();
            var changed = i % 3 == 0
                ? await client.DeleteAsync($"/api/v1/events/{record.Id}", ifMatch: null)
                : await client.PutJsonAsync($"/api/v1/events/{record.Id}", Bodies.Event($"Writer {writer} event {i}, edited"));
            Assert.True(changed.IsSuccessStatusCode, $"{(int)changed.StatusCode}: {await changed.Content.ReadAsStringAsync(stop)}");
            written += 2;
        }
        return written;
    }

    /// <summary>Replays the change feed from the start and compares it with every record the API serves.</summary>
    private static async Task AssertFeedRebuildsTheDataAsync(HttpClient client)
    {
        var replayed = new Dictionary<(string, int), JsonNode>();
        string? cursor = null;
        while (true)
        {
            var page = await client.GetJsonAsync<ChangePage>($"/api/v1/changes?limit=1000{(cursor is null ? "" : "&after=" + cursor)}");
            foreach (var change in page.Items)
            {
                if (change.Operation == "deleted")
                {
                    Assert.True(replayed.Remove((change.Resource, change.Id)));
                }
                else
                {
                    replayed[(change.Resource, change.Id)] = JsonNode.Parse(change.Data!.Value.GetRawText())!;
                }
            }
            cursor = page.NextCursor;
            if (!page.HasMore)
            {
                break;
            }
        }

        var current = new Dictionary<(string, int), JsonNode>();
        foreach (var resource in Resources)
        {
            for (var page = 1; ; page++)
            {
                var items = (await client.GetJsonAsync<JsonObject>($"/api/v1/{resource}?pageSize=100&page={page}"))["items"]!.AsArray();
                foreach (var item in items)
                {
                    current[(resource, (int)item!["id"]!)] = item;
                }
                if (items.Count < 100)
                {
                    break;
                }
            }
        }
        Assert.Equal(current.Keys.Order(), replayed.Keys.Order());
        Assert.All(current, c => Assert.True(JsonNode.DeepEquals(c.Value, replayed[c.Key]), c.Key.ToString()));
    }

    private static async Task WriteCandidateAsync(string kind, string path, string database)
    {
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(path, "id,title\n1,not a database\n", Cancel);
                break;
            case "other":
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync(Cancel);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');";
                    await command.ExecuteNonQueryAsync(Cancel);
                }
                break;
            default:
                // A whole copy of a real database, then two of its pages overwritten.
                await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
                {
                    await connection.OpenAsync(Cancel);
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"VACUUM INTO '{path}';";
                    await command.ExecuteNonQueryAsync(Cancel);
                }
                var bytes = await File.ReadAllBytesAsync(path, Cancel);
                Array.Fill(bytes, (byte)0xA5, 4096, 2 * 4096);
                await File.WriteAllBytesAsync(path, bytes, Cancel);
                break;
        }
    }

    private static async Task<string?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync(Cancel);
    }

    /// <summary>Runs the Api's program with a verb, as <c>dotnet run --project src/Api -- …</c> would, over the given database.</summary>
    [Theory]
    [InlineData("backup", "--output")]
    [InlineData("restore", "--from")]
    public async Task BackupAndRestore_OnPostgres_RefuseAndNameTheTools(string verb, string option)
    {
        var file = Path.Combine(_directory, "never-written.db");

        // Refused before any connection is made, so no server has to be there.
        var result = await RunVerbAsync("Host=127.0.0.1;Port=1;Database=relations", [verb, option, file], DatabaseEngine.Postgres);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PostgreSQL", result.Error, StringComparison.Ordinal);
        Assert.Contains("pg_dump", result.Error, StringComparison.Ordinal);
        Assert.Contains("pg_restore", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunVerbAsync(string database, params string[] arguments) =>
        RunVerbAsync($"Data Source={database}", arguments, DatabaseEngine.Sqlite);

    private static async Task<(int ExitCode, string Output, string Error)> RunVerbAsync(string connectionString, string[] arguments, DatabaseEngine engine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Database__Provider"] = engine.ToString(),
                ["ConnectionStrings__Relations"] = connectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RelationsApi.Api.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output, await error);
    }
}
