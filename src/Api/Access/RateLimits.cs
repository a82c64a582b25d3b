using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace RelationsApi.Api.Access;

/// <summary>How many requests one client may make; section "RateLimits" in configuration. 0 turns a limit off.</summary>
internal sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Reads per minute for one client address, or for one key when a read carries a valid key (default 3,000).</summary>
    public int ReadsPerMinute { get; set; } = 3000;

    /// <summary>Writes per minute for one key, or for one client address while its writes carry no valid key (default 600).</summary>
    public int WritesPerMinute { get; set; } = 600;
}

/// <summary>
/// The framework's rate limiter with one policy for the API's routes: a token bucket per client and kind of request.
/// A bucket holds a minute's allowance, so a client may burst up to it and then goes on at the per-minute rate.
/// Health checks and the documentation are outside the API's route group and are never limited.
/// </summary>
internal static class RateLimits
{
    public const string Policy = "per-client";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => Partition(http, settings));
            options.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, context.Lease, settings);
        });
    }

    /// <summary>Limits every endpoint of the group and documents the 429 each may answer.</summary>
    public static RouteGroupBuilder RequireRateLimits(this RouteGroupBuilder group)
    {
        group.RequireRateLimiting(Policy);
        ((IEndpointConventionBuilder)group).Finally(endpoint => endpoint.Metadata.Add(
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"])));
        return group;
    }

    private static RateLimitPartition<Client> Partition(HttpContext http, RateLimitSettings settings)
    {
        var write = IsWrite(http.Request.Method);
        var perMinute = write ? settings.WritesPerMinute : settings.ReadsPerMinute;
        if (perMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter(default(Client));
        }
        var key = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
        var client = new Client(write, key, key is null ? http.Connection.RemoteIpAddress : null);
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => Bucket(perMinute));
    }

    // Refilled every second (or, below 60 a minute, one token at a time), so a client that hit the limit waits seconds,
    // not a minute.
    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, RateLimitSettings settings)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var write = IsWrite(http.Request.Method);
        var who = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"the API key '{name}'" : "this client address";
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = $"Too many {(write ? "writes" : "reads")} from {who}: the limit is "
                    + $"{(write ? settings.WritesPerMinute : settings.ReadsPerMinute)} a minute. Retry after {seconds} s.",
            },
        });
    }

    private static bool IsWrite(string method) => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);

    /// <summary>Whose allowance a request uses: reads and writes count apart, per key when there is one, else per address.</summary>
    private readonly record struct Client(bool Write, string? Key, IPAddress? Address);
}
