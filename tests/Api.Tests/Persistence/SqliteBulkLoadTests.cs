using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Api.Tests.Persistence;

/// <summary>
/// An import on SQLite sets aside the insert triggers it names, and puts them back before it commits. Were a migration
/// to rename one, the import would find nothing to set aside and quietly keep paying for it, so the names are checked
/// against the migrated schema, before and after an import.
/// </summary>
public sealed class SqliteBulkLoadTests
{
    [Fact]
    public async Task TheTriggersAnImportSetsAside_ExistInTheSchema_AndAreBackAfterIt()
    {
        using var api = ApiFactory.OnSqlite();
        var client = api.CreateClient();
        var before = await TriggerNamesAsync(api);

        var import = await client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2012, "8401") });

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Subset(before, SqliteEngine.InsertTriggers.ToHashSet());
        Assert.Equal(before, await TriggerNamesAsync(api));
    }

    /// <summary>
    /// An import enlarges its connection's page cache for the load. The connection goes back to the pool afterwards and
    /// serves the next requests, which must not each keep that much memory: it is back to its size, after an import that
    /// committed and after one that was refused.
    /// </summary>
    [Fact]
    public async Task AnImportsLargerPageCache_EndsWithTheImport_CommittedOrNot()
    {
        using var api = ApiFactory.OnSqlite();
        var client = api.CreateClient();
        var before = await WriterCacheSizeAsync(api);

        var committed = await client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2013, "8402") });
        var afterCommit = await WriterCacheSizeAsync(api);
        var refused = await client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2014, "8403"), Bodies.TradeRecord(1800, "8403") });
        var afterRefusal = await WriterCacheSizeAsync(api);

        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEqual(-SqliteEngine.BulkLoadCacheKiB, before);
        Assert.Equal(before, afterCommit);
        Assert.Equal(before, afterRefusal);
    }

    /// <summary>The page cache size of the connection the API's next write would use (its pool hands back the last one returned).</summary>
    private static async Task<long> WriterCacheSizeAsync(ApiFactory api)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        await db.Database.OpenConnectionAsync(Cancel);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private static async Task<HashSet<string>> TriggerNamesAsync(ApiFactory api)
    {
        await using var connection = await api.OpenDatabaseAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger'";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Cancel))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
