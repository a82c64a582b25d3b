using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RelationsApi.Api.Common;

internal static class Health
{
    /// <summary>/health/live: the process answers. /health/ready: the database is reachable and migrated.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();
        return app;
    }
}
