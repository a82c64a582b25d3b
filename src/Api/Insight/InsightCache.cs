using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>
/// ETags and remembered answers for the insight endpoints. An answer's version is the newest change-feed sequence (every
/// write, seed and import, deletions too, appends to the change log in its own transaction), plus today's date for the
/// answers that depend on it. The version is read before anything is computed, in the same round trip as the versions of
/// the resources the answer reads from, so a matching If-None-Match costs one query of a few indexed reads; and since it
/// comes from the database, API processes sharing one agree on it.
/// <para>
/// Answers are remembered per exact address and per version of the resources they are computed from (the newest change
/// of each), so repeated dashboard calls are not computed again until one of those changes: a stream of trade record
/// writes does not make the timeline or the anniversaries be computed again, though their ETag moves on with it.
/// </para>
/// </summary>
internal sealed class InsightCache(InsightReads reads, TimeProvider clock) : IDisposable
{
    /// <summary>
    /// How many answers are remembered at most (each counts as one): far more than the addresses a dashboard calls, and
    /// few enough that remembered answers stay a few megabytes (a statistics answer over every year is tens of kilobytes).
    /// </summary>
    public const int Capacity = 250;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly ConcurrentDictionary<string, Task<object>> _computing = new(StringComparer.Ordinal);

    /// <summary>Today in UTC, as the answers that depend on the date see it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// 304 when If-None-Match names the current ETag; otherwise the answer remembered for this address and the versions
    /// of <paramref name="readsFrom"/> (resource names; none for an answer that depends on every change), or
    /// <paramref name="compute"/>'s, remembered. The ETag is set either way.
    /// </summary>
    public async Task<Results<Ok<T>, StatusCodeHttpResult>> AnswerAsync<T>(
        HttpContext http, bool datedToday, IReadOnlyList<string> readsFrom, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        var versions = await reads.VersionsAsync(readsFrom, cancellationToken);
        var version = versions.Newest;
        var tag = datedToday
            ? string.Create(CultureInfo.InvariantCulture, $"\"v{version}-{Today:yyyyMMdd}\"")
            : string.Create(CultureInfo.InvariantCulture, $"\"v{version}\"");
        http.Response.Headers.ETag = tag;
        if (Matches(http.Request, tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        // No resources named: computed from all of them, so remembered for this version of the whole data.
        var address = http.Request.Path.Value + http.Request.QueryString.Value + (readsFrom.Count == 0 ? tag : "");
        return TypedResults.Ok(await RememberAsync(address, datedToday, readsFrom, versions.OfEach, compute, cancellationToken));
    }

    /// <summary>
    /// The value remembered under <paramref name="name"/> for the current versions of <paramref name="readsFrom"/> (and
    /// today, when <paramref name="datedToday"/>), or <paramref name="compute"/>'s, remembered.
    /// </summary>
    public async Task<T> RememberAsync<T>(
        string name, bool datedToday, IReadOnlyList<string> readsFrom, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class =>
        await RememberAsync(
            name, datedToday, readsFrom, readsFrom.Count == 0 ? [] : (await reads.VersionsAsync(readsFrom, cancellationToken)).OfEach, compute, cancellationToken);

    /// <summary>The same, for <paramref name="versions"/> of <paramref name="readsFrom"/> read already.</summary>
    private async Task<T> RememberAsync<T>(
        string name, bool datedToday, IReadOnlyList<string> readsFrom, long[] versions, Func<CancellationToken, Task<T>> compute,
        CancellationToken cancellationToken)
        where T : class
    {
        var basis = new StringBuilder(name).Append('|');
        for (var i = 0; i < readsFrom.Count; i++)
        {
            basis.Append(readsFrom[i]).Append(':').Append(versions[i]).Append('|');
        }
        if (datedToday)
        {
            basis.Append(Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        }
        var key = basis.ToString();
        while (true)
        {
            if (_answers.TryGetValue(key, out T? remembered) && remembered is not null)
            {
                return remembered;
            }
            // One computation per answer at a time: requests that ask for it meanwhile wait for that one instead of
            // computing it again beside it. The computation is the first request's own (its context, its cancellation).
            var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            var computing = _computing.GetOrAdd(key, mine.Task);
            if (computing != mine.Task)
            {
                try
                {
                    return (T)await computing.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;   // the request computing it went away: this one computes it
                }
            }
            try
            {
                var answer = await compute(cancellationToken);
                _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
                mine.SetResult(answer);
                return answer;
            }
            catch (OperationCanceledException)
            {
                mine.SetCanceled(CancellationToken.None);
                throw;
            }
            catch (Exception failure)
            {
                mine.SetException(failure);
                throw;
            }
            finally
            {
                _computing.TryRemove(KeyValuePair.Create(key, mine.Task));
            }
        }
    }

    public void Dispose() => _answers.Dispose();

    /// <summary>If-None-Match names <paramref name="tag"/> (or *); weak comparison, as RFC 9110 asks.</summary>
    private static bool Matches(HttpRequest request, string tag)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }
        var current = new EntityTagHeaderValue(tag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }
}
