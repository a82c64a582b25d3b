using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// How many records a list's filters match, remembered until the next commit. A count over a large filter reads every
/// matching index entry, so at a million rows it costs far more than the page itself; between writes it cannot change,
/// and reads vastly outnumber writes here.
/// </summary>
/// <remarks>
/// On SQLite every commit made through this process (an explicit transaction, or a save outside one) moves the
/// generation on, and a count is only reused within the generation it was taken in; for a count of one resource the
/// generation is that resource's newest change, read again from the database after each such commit. A count is taken
/// after the generation is read, so a commit racing it can only make the remembered count unusable, never let a stale
/// one be served after the commit's generation is visible. This assumes the API is the only process writing to its
/// database, which is how SQLite is deployed (one process per file). On PostgreSQL several processes write, so the
/// generation is the sequence of the newest change of the resource counted (of any, for counts over the change log
/// itself), read from the database for every count: every record write logs a change of its resource, and writers
/// commit one at a time in sequence order. On both, a count of events survives a stream of trade record writes.
/// </remarks>
public sealed class MatchCounts : DbTransactionInterceptor, ISaveChangesInterceptor, IDisposable
{
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly Func<string?, CancellationToken, ValueTask<long>> _newestChangeOf;
    private readonly bool _onlyWriter;
    private readonly ConcurrentDictionary<string, (long Commits, long Newest)> _newestByResource = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>
    /// Counts that last until the next commit that writes their resource. <paramref name="newestChangeOf"/> reads the
    /// sequence of the newest change of a resource (of any, for null) from the database. Where this process is the
    /// database's <paramref name="onlyWriter"/> (SQLite), it is read again only after a commit of this process, so
    /// between writes a count costs no read at all; otherwise it is read for every count.
    /// </summary>
    internal MatchCounts(Func<string?, CancellationToken, ValueTask<long>> newestChangeOf, bool onlyWriter) =>
        (_newestChangeOf, _onlyWriter) = (newestChangeOf, onlyWriter);

    /// <summary>
    /// True when the generation is read from the database: a list can then read it in the same round trip as its page
    /// and check the count it remembers afterwards (<see cref="TryGetRemembered"/>).
    /// </summary>
    public bool GenerationIsRead => !_onlyWriter;

    /// <summary>The count remembered for <paramref name="filterKey"/> and the generation it holds for, current or not.</summary>
    public bool TryGetRemembered(string filterKey, out long generation, out int count)
    {
        var found = _counts.TryGetValue(filterKey, out Remembered? remembered);
        (generation, count) = found ? (remembered!.Generation, remembered.Count) : (0, 0);
        return found;
    }

    /// <summary>
    /// The number every commit that may change what is read of <paramref name="resource"/> (a name in the change log; null
    /// for reads of every resource or of the log itself) moves on: every commit of this process, or, where it is read
    /// from the database, every commit of any process that writes that resource. What was read at one generation holds
    /// until it moves.
    /// </summary>
    public ValueTask<long> GenerationAsync(string? resource, CancellationToken cancellationToken)
    {
        if (!_onlyWriter)
        {
            return _newestChangeOf(resource, cancellationToken);
        }
        var commits = Interlocked.Read(ref _generation);
        if (resource is null)
        {
            return ValueTask.FromResult(commits);
        }
        // The resource's newest change, as read after the latest commit of this process; read again after the next one.
        // It is read after the commit count, so a commit racing the read can only make it be read once more.
        return _newestByResource.TryGetValue(resource, out var known) && known.Commits == commits
            ? ValueTask.FromResult(known.Newest)
            : ReadNewestAsync(resource, commits, cancellationToken);
    }

    private async ValueTask<long> ReadNewestAsync(string resource, long commits, CancellationToken cancellationToken)
    {
        var newest = await _newestChangeOf(resource, cancellationToken);
        _newestByResource[resource] = (commits, newest);
        return newest;
    }

    /// <summary>
    /// The number of records <paramref name="matching"/> selects, records of <paramref name="resource"/> (see
    /// <see cref="GenerationAsync"/>); <paramref name="filterKey"/> names its filters exactly.
    /// </summary>
    public async Task<int> CountAsync<T>(IQueryable<T> matching, string? resource, string filterKey, CancellationToken cancellationToken)
    {
        var generation = await GenerationAsync(resource, cancellationToken);
        if (TryGet(filterKey, generation, out var count))
        {
            return count;
        }
        count = await matching.CountAsync(cancellationToken);
        Remember(filterKey, generation, count);
        return count;
    }

    /// <summary>The number <paramref name="count"/> returns, taken only when the one remembered for <paramref name="filterKey"/> is stale.</summary>
    public async ValueTask<int> CountAsync(
        string? resource, string filterKey, Func<CancellationToken, ValueTask<int>> count, CancellationToken cancellationToken)
    {
        var generation = await GenerationAsync(resource, cancellationToken);
        if (TryGet(filterKey, generation, out var counted))
        {
            return counted;
        }
        counted = await count(cancellationToken);
        Remember(filterKey, generation, counted);
        return counted;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Interlocked.Increment(ref _generation);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _generation);
        return Task.CompletedTask;
    }

    // A save outside an explicit transaction commits on its own; the API's writes all use one, but a count must not
    // depend on that.
    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Interlocked.Increment(ref _generation);
        }
        return ValueTask.FromResult(result);
    }

    public void Dispose() => _counts.Dispose();

    private bool TryGet(string filterKey, long generation, out int count)
    {
        var found = _counts.TryGetValue(filterKey, out Remembered? remembered) && remembered!.Generation == generation;
        count = found ? remembered!.Count : 0;
        return found;
    }

    private void Remember(string filterKey, long generation, int count) =>
        _counts.Set(filterKey, new Remembered(generation, count), new MemoryCacheEntryOptions { Size = 1 });

    private sealed record Remembered(long Generation, int Count);
}
