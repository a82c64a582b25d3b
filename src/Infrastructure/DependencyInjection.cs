using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database on the engine configuration names (<see cref="DatabaseSettings"/>). <paramref name="snapshot"/>
    /// turns a record into the JSON the change log keeps for it: the record as the API shows it. A <see cref="CurrentActor"/>
    /// registered before or after names who each write is for.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, RecordSnapshot snapshot)
    {
        var settings = DatabaseSettings.From(configuration);
        var engine = Engine.For(settings.Engine);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RecordStamps>();
        services.AddSingleton(snapshot);
        services.TryAddSingleton<CurrentActor>(() => null);   // the Api registers its own: the key a request came with
        services.AddSingleton<ChangeLog>();
        services.AddSingleton(_ => engine.ReadConnections(settings.ConnectionString));   // made by the container, so disposed with it
        services.AddSingleton(provider => new RecordReads(provider.GetRequiredService<IReadConnections>()));
        services.AddSingleton(provider => engine.SharedByProcesses
            ? new MatchCounts(provider.GetRequiredService<RecordReads>().NewestChangeSequence)
            : new MatchCounts());
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
    /// Applies pending migrations and the engine's settings, logs records older than the change log once, then applies
    /// the seed once.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
        var engine = Engine.Of(db);
        engine.BeforeMigrating(db.Database.GetConnectionString()!);
        await db.Database.MigrateAsync(cancellationToken);
        await engine.AfterMigratingAsync(db, cancellationToken);
        await ChangeLogStart.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<ChangeLog>(), cancellationToken);
        await SeedArticle.ApplyAsync(db, cancellationToken);
    }
}
