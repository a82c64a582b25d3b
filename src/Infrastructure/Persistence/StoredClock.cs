namespace RelationsApi.Infrastructure.Persistence;

/// <summary>The instants the database stores, taken from a <see cref="TimeProvider"/>.</summary>
internal static class StoredClock
{
    /// <summary>
    /// Now in UTC, cut to whole microseconds: PostgreSQL keeps no finer, so an instant a write answers with is the
    /// one every later read returns, on either engine.
    /// </summary>
    public static DateTime StoredNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
