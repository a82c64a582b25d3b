using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The connection string used when configuration names none: a file beside the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=relations.db";

    /// <summary>
    /// Registers the database. <paramref name="snapshot"/> turns a record into the JSON the change log keeps for it: the
    /// record as the API shows it. A <see cref="CurrentActor"/> registered before or after names who each write is for.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, RecordSnapshot snapshot)
    {
        var connectionString = configuration.GetConnectionString("Relations") ?? DefaultConnectionString;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RecordStamps>();
        services.AddSingleton<MatchCounts>();
        services.AddSingleton(snapshot);
        services.TryAddSingleton<CurrentActor>(() => null);   // the Api registers its own: the key a request came with
        services.AddSingleton<ChangeLog>();
        services.AddSingleton(_ => new ReadConnections(connectionString));   // made by the container, so disposed with it
        services.AddSingleton<TradeRecordReads>();
        // Pooled: a request reuses a context (and its open-ready connection) instead of building one from its options.
#pragma warning disable EF1001 // EF's own SQLite connection service, replaced: see LeanSqliteConnection for why.
        services.AddDbContextPool<RelationsDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .ReplaceService<ISqliteRelationalConnection, LeanSqliteConnection>()
            .AddInterceptors(
                ConnectionSetup.Instance,
                provider.GetRequiredService<RecordStamps>(),
                SearchTextColumns.Instance,
                provider.GetRequiredService<MatchCounts>(),
                provider.GetRequiredService<ChangeLog>()));
#pragma warning restore EF1001
        return services;
    }

    /// <summary>
    /// Applies pending migrations, switches a file database to WAL, logs records older than the change log once, then
    /// applies the seed once.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        CreateDatabaseDirectory(db.Database.GetConnectionString());
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers go on while one writer commits; the setting is stored in the file. In-memory databases ignore it.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await ChangeLogStart.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<ChangeLog>(), cancellationToken);
        await SeedArticle.ApplyAsync(db, cancellationToken);
    }

    private static void CreateDatabaseDirectory(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
