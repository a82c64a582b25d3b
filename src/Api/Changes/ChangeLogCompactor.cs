namespace RelationsApi.Api.Changes;

/// <summary>Settings of the change log's compaction; section "ChangeLog:Compaction" in configuration.</summary>
internal sealed class ChangeLogCompactionSettings
{
    public const string Section = "ChangeLog:Compaction";

    /// <summary>Whether the API compacts the change log at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Only entries older than this are removed (default 30 days): readers that far behind must start again.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often to compact (default 1 hour); the first run is at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Compacts the change log (<see cref="ChangeLogCompaction"/>) at start-up and then every interval while the API runs.
/// On PostgreSQL every instance does so; the runs take the write lock batch by batch, so they take turns, and a run
/// after another finds little left to do.
/// </summary>
internal sealed partial class ChangeLogCompactor(
    IServiceScopeFactory scopes, IOptions<ChangeLogCompactionSettings> options, TimeProvider clock, ILogger<ChangeLogCompactor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
                var started = clock.GetTimestamp();
                var result = await ChangeLogCompaction.CompactAsync(db, clock.GetUtcNow().UtcDateTime - settings.MinimumAge, stoppingToken);
                if (result.Removed > 0)
                {
                    LogCompacted(result.Removed, result.HighestRemovedSequence, clock.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(failure);   // the next interval tries again; the log only grows meanwhile
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted the change log: removed {Removed} superseded entries, up to sequence {Highest}, in {Milliseconds:F0} ms.")]
    private partial void LogCompacted(int removed, long highest, double milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compacting the change log failed.")]
    private partial void LogFailed(Exception failure);
}

internal static class ChangeLogCompactorServices
{
    /// <summary>The change log's compaction, as configured in "ChangeLog:Compaction".</summary>
    public static IServiceCollection AddChangeLogCompaction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChangeLogCompactionSettings>()
            .Bind(configuration.GetSection(ChangeLogCompactionSettings.Section))
            .Validate(s => s.MinimumAge >= TimeSpan.Zero, "ChangeLog:Compaction:MinimumAge must not be negative.")
            .Validate(s => s.Interval > TimeSpan.Zero, "ChangeLog:Compaction:Interval must be positive.")
            .ValidateOnStart();
        services.AddHostedService<ChangeLogCompactor>();
        return services;
    }
}
