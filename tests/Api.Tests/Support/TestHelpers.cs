using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Infrastructure;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Support;

/// <summary>Helpers that test classes share, in scope everywhere through a global <c>using static</c> (GlobalUsings.cs).</summary>
public static class TestHelpers
{
    /// <summary>The running test's cancellation: it fires when the test times out or the run is stopped.</summary>
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An external id no other test uses, starting with <paramref name="prefix"/>.</summary>
    public static string NewExternalId(string prefix) => $"{prefix}:{Guid.NewGuid():N}";

    /// <summary>The folder that holds RelationsApi.sln, found above the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RelationsApi.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No RelationsApi.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Builds a SQLite database with the migrations up to <paramref name="migration"/> only, then runs <paramref name="sql"/> on it.</summary>
    public static async Task CreateAtMigrationAsync(string path, string migration, string sql)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Relations"] = $"Data Source={path}" })
            .Build();
        await using var services = new ServiceCollection().AddInfrastructure(settings, Resources.Stored).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        await db.GetService<IMigrator>().MigrateAsync(migration, Cancel);
        await db.Database.ExecuteSqlRawAsync(sql, Cancel);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
    }
}
