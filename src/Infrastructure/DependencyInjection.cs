using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Insight;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database on the engine configuration names (<see cref="DatabaseSettings"/>), for the
    /// <paramref name="resources"/> the API serves (each says how the change log names it and keeps its JSON). Who each
    /// write is for comes with it (<see cref="WriteTransaction.BeginAsync(RelationsDbContext, string?, CancellationToken)"/>).
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IEnumerable<StoredResource> resources)
    {
        var settings = DatabaseSettings.From(configuration);
        var engine = Engine.For(settings.Engine);
        services.AddSingleton(settings);
        services.AddSingleton<DatabaseClaim>();
        services.AddHostedService<DatabaseHold>();   // lets a restore see that the API is running
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RecordStamps>();
        services.AddSingleton<KnownKeys>();
        services.AddSingleton(new StoredResources(resources));
        services.AddSingleton<ChangeLog>();
        services.AddSingleton(_ => engine.ReadConnections(settings.ConnectionString));   // made by the container, so disposed with it
        services.AddSingleton(provider => new RecordReads(provider.GetRequiredService<IReadConnections>()));
        services.AddSingleton(provider => new InsightReads(provider.GetRequiredService<IReadConnections>(), provider.GetRequiredService<RecordReads>()));
        services.AddSingleton(provider => new SearchReads(provider.GetRequiredService<IReadConnections>(), engine));
        services.AddSingleton(provider => new MatchCounts(   // the newest change of the resource counted
            provider.GetRequiredService<RecordReads>().NewestChangeSequenceAsync, onlyWriter: !engine.SharedByProcesses));
        // Pooled: a request reuses a context (and its open-ready connection) instead of building one from its options.
        services.AddDbContextPool<RelationsDbContext>((provider, options) => engine.Configure(options, settings.ConnectionString,
        [
            provider.GetRequiredService<RecordStamps>(),
            SearchTextColumns.Instance,
            provider.GetRequiredService<MatchCounts>(),
            provider.GetRequiredService<ChangeLog>(),
        ]));
        return services;
    }

    /// <summary>
    /// Applies pending migrations and the engine's settings, logs records older than the change log once, gives
    /// records older than the search their search documents once, then applies the seed once. The server claims the
    /// database before (<see cref="DatabaseClaims.ClaimDatabase"/>); a maintenance command claims it here when no server
    /// has, and otherwise leaves migrating to the server.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var owned = services.GetRequiredService<DatabaseClaim>().TryTake();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        var engine = Engine.Of(db);
        engine.BeforeMigrating(db.Database.GetConnectionString()!);
        if (owned)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RelationsDbContext).FullName!);
            await engine.ReleaseStaleMigrationLockAsync(db, logger, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new DatabaseInUseException("The API process that uses this database has not finished migrating it yet; try again once it serves.");
        }
        // Else the serving process migrated it when it started; migrating here would only take and drop EF's migration lock.
        await engine.AfterMigratingAsync(db, cancellationToken);
        await ChangeLogStart.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<ChangeLog>(), services.GetRequiredService<StoredResources>(), cancellationToken);
        await SearchDocuments.FillAsync(db, services.GetRequiredService<StoredResources>(), cancellationToken);
        await SeedArticle.ApplyAsync(db, cancellationToken);
    }
}
