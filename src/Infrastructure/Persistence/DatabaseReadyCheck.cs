using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Ready when the database answers and has every migration this build knows.</summary>
public sealed class DatabaseReadyCheck(RelationsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("The database is reachable and migrated.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet.");
    }
}
