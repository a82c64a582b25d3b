using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Common;

/// <summary>A database an earlier version left behind keeps its records through later migrations, and they stay searchable.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relations-api-migration-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Upgrade_FromBeforeTheSearchColumn_FindsTheRecordsThatWereThere()
    {
        var path = Path.Combine(_directory, "relations.db");
        await CreateAtMigrationAsync(path, "TradeRecordYearFlowIndexes", """
            INSERT INTO "Events" ("Title", "Summary", "Category", "Date", "CountryCode", "Participants", "CreatedAt", "UpdatedAt", "Version", "Sources")
            VALUES ('Opera gala', 'Season opening', 'Cultural', '2019', 'KZ', '["\u0410\u0441\u0442\u0430\u043D\u0430 Opera"]',
                    '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, '[]');
            INSERT INTO "Agreements" ("Title", "Type", "Status", "Summary", "Parties", "CreatedAt", "UpdatedAt", "Version", "Sources")
            VALUES ('Cultural exchange', 'Agreement', 'Proposed', 'Договор о культурном обмене', '["KZ","KR"]',
                    '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, '[]');
            """);

        using var api = ApiFactory.Over(path);
        var client = api.CreateClient();
        var events = await client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?q={Uri.EscapeDataString("астана")}");
        var agreements = await client.GetJsonAsync<ListPage<AgreementResponse>>($"/api/v1/agreements?q={Uri.EscapeDataString("ДОГОВОР")}");

        Assert.Equal(["Opera gala"], events.Items.Select(e => e.Title));
        Assert.Equal(["Cultural exchange"], agreements.Items.Select(a => a.Title));
    }

    [Fact]
    public async Task Upgrade_FromBeforeTheChangeLog_GivesEveryRecordThatWasThereACreatedChange_Once()
    {
        var path = Path.Combine(_directory, "relations.db");
        await CreateAtMigrationAsync(path, "SearchTextColumns", """
            INSERT INTO "TradeRecords" ("ReporterCountry", "PartnerCountry", "Flow", "Year", "ValueUsdCents", "CreatedAt", "UpdatedAt", "Version", "Sources")
            VALUES ('KZ', 'KR', 'Export', 2015, 123456, '2024-01-01 00:00:00', '2024-02-01 00:00:00', 3, '[]');
            """);

        using (var api = ApiFactory.Over(path))
        {
            await ReadFeedAsync(api.CreateClient());   // the first start logs the old records
        }
        using var restarted = ApiFactory.Over(path);
        var feed = await ReadFeedAsync(restarted.CreateClient());

        var old = Assert.Single(feed, c => c.Resource == "trade-records" && c.Data!.Value.GetProperty("year").GetInt32() == 2015);
        Assert.Equal(("created", 3), (old.Operation, old.Version));
        Assert.Equal(123456m / 100, old.Data!.Value.GetProperty("valueUsd").GetDecimal());
        Assert.Equal(feed.Count, feed.Select(c => (c.Resource, c.Id)).Distinct().Count());   // the seed once, the old record once
    }

    [Fact]
    public async Task Upgrade_FromBeforeTheTradeTotals_CountsTheRecordsThatWereThere()
    {
        var path = Path.Combine(_directory, "relations.db");
        await CreateAtMigrationAsync(path, "SearchDocuments", """
            INSERT INTO "TradeRecords" ("ReporterCountry", "PartnerCountry", "Flow", "Year", "Month", "ValueUsdCents", "CreatedAt", "UpdatedAt", "Version", "Sources")
            VALUES ('KZ', 'KR', 'Export', 2011, 1, 150, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, '[]'),
                   ('KZ', 'KR', 'Export', 2011, 2, 250, '2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, '[]');
            """);

        using var api = ApiFactory.Over(path);
        var stats = await api.CreateClient().GetJsonAsync<TradeStatistics>("/api/v1/stats/trade?reporterCountry=KZ&flow=export&yearFrom=2011&yearTo=2011");

        var point = Assert.Single(Assert.Single(stats.Series).Points);
        Assert.Equal((4.00m, TradeValueBasis.SumOfMonths, 2), (point.ValueUsd, point.Basis, point.RecordCount));
    }

    [Fact]
    public void Model_IsWhatTheEngineMigrationsBuild()
    {
        // On either engine: a change to the model without its migration would leave new databases unlike the code.
        using var api = new ApiFactory();
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration of this engine makes.");
    }

    [Fact]
    public async Task Start_OnMoreRecordsThanABatchWithoutEntriesOrDocuments_GivesEachItsChangeAndMakesItSearchable()
    {
        // On either engine: records a database holds from before the change log and the search, more than one batch of
        // them (PostgreSQL refused to write a batch while the records were still being read on the same connection).
        var api = new ApiFactory();
        var rows = string.Concat(Enumerable.Range(1, 1500).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"KZ,KR,export,2016,,{100000 + i},{(i == 1400 ? "Tungsten wire" : "")},{i}.00\n")));
        var import = await api.CreateClient().PostAsync("/api/v1/trade-records/import",
            new StringContent("reporterCountry,partnerCountry,flow,year,month,hsCode,commodity,valueUsd\n" + rows, Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
        await using (var db = await api.OpenDatabaseAsync(Cancel))
        {
            await using var command = db.CreateCommand();
            command.CommandText = """
                DELETE FROM "Changes"; DELETE FROM "SearchDocuments"; DELETE FROM "SeedRuns" WHERE "Name" IN ('change-log', 'search-documents')
                """;
            await command.ExecuteNonQueryAsync(Cancel);
        }

        using var restarted = api.Restart();
        var client = restarted.CreateClient();

        var changes = new List<RelationsApi.Api.Changes.ChangeResponse>();
        for (string? after = null; ;)
        {
            var page = await client.GetJsonAsync<RelationsApi.Api.Changes.ChangePage>("/api/v1/changes?limit=1000" + (after is null ? "" : "&after=" + after));
            changes.AddRange(page.Items);
            after = page.NextCursor;
            if (!page.HasMore)
            {
                break;
            }
        }
        Assert.Equal(1500, changes.Count(c => c.Resource == "trade-records" && c.Operation == "created") - 1);   // and the seed's
        FeedReplay.AssertSame(await FeedReplay.CurrentAsync(client), FeedReplay.Replay(changes));
        var found = await client.GetJsonAsync<JsonObject>("/api/v1/search?q=tungsten");
        Assert.Equal("Tungsten wire", (string?)Assert.Single(found["items"]!.AsArray())!["title"]);
    }

    [Fact]
    public async Task Start_AfterAProcessDiedWhileMigrating_RemovesItsStaleLockAndMigrates()
    {
        var path = Path.Combine(_directory, "relations.db");
        // EF's migration lock as a process killed between taking it and releasing it leaves it (EF made the table).
        await CreateAtMigrationAsync(path, "SearchTextColumns", """
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 10:00:00+00:00');
            """);

        using var api = ApiFactory.Over(path);
        var client = await Task.Run(() => api.CreateClient(), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);   // before, it waited for the lock forever

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        await using var db = await api.OpenDatabaseAsync(TestContext.Current.CancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = """SELECT (SELECT count(*) FROM "__EFMigrationsLock") || ' ' || (SELECT count(*) FROM "__EFMigrationsHistory")""";
        var migrations = typeof(RelationsDbContext).Assembly.GetTypes().Count(t => t.GetCustomAttributes(typeof(MigrationAttribute), false).Length > 0);
        Assert.Equal($"0 {migrations}", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<List<RelationsApi.Api.Changes.ChangeResponse>> ReadFeedAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync<RelationsApi.Api.Changes.ChangePage>("/api/v1/changes?limit=1000")).Items];
}
