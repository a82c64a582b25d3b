using Microsoft.Extensions.DependencyInjection;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Another API process already uses the database, and this one may not use it beside it.</summary>
public sealed class DatabaseInUseException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// This process's claim to be the one API process on its database, held from before migrating until the process ends
/// (the container disposes it). What the engine makes of it is <see cref="Engine.ClaimDatabase"/>: an exclusive lock on a
/// file beside a SQLite database; nothing on PostgreSQL, which any number of processes share.
/// </summary>
internal sealed class DatabaseClaim(DatabaseSettings settings) : IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _lock;

    /// <summary>Whether this process holds the database for itself (always, on an engine that needs no claim).</summary>
    public bool Held { get; private set; }

    /// <summary>Takes the claim; throws <see cref="DatabaseInUseException"/> when another process holds it.</summary>
    public void Take()
    {
        lock (_gate)
        {
            if (!Held)
            {
                _lock = Engine.For(settings.Engine).ClaimDatabase(settings.ConnectionString);
                Held = true;
            }
        }
    }

    /// <summary>Takes the claim if no other process holds it; false when one does.</summary>
    public bool TryTake()
    {
        try
        {
            Take();
            return true;
        }
        catch (DatabaseInUseException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _lock?.Dispose();
            _lock = null;
            Held = false;
        }
    }
}

/// <summary>Claiming the database for the API process that serves it.</summary>
public static class DatabaseClaims
{
    /// <summary>
    /// Makes this process the one API process on its database until it ends, before anything migrates it. Throws
    /// <see cref="DatabaseInUseException"/>, with a message for whoever started it, when another process has it.
    /// </summary>
    public static void ClaimDatabase(this IServiceProvider services) => services.GetRequiredService<DatabaseClaim>().Take();

    /// <summary>
    /// Keeps the database visibly in use while the server runs, until the result is disposed: on SQLite an open
    /// connection, which a restore checks for; nothing (null) on PostgreSQL.
    /// </summary>
    public static Task<IAsyncDisposable?> HoldDatabaseOpenAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        return Engine.For(settings.Engine).HoldOpenAsync(settings.ConnectionString, cancellationToken);
    }
}
