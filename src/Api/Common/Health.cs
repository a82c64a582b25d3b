using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace RelationsApi.Api.Common;

internal static class Health
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    /// <summary>/health/live: the process answers. /health/ready: the database is reachable and migrated.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();
        return app;
    }
}
