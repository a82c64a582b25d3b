using System.Net;
using RelationsApi.Api.Tests.Support;
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
