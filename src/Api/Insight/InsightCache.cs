using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>
/// ETags and remembered answers for the insight endpoints. An answer's version is the newest change-feed sequence (every
/// write, seed and import, deletions too, appends to the change log in its own transaction), plus today's date for the
/// answers that depend on it. The version is read before anything is computed, so a matching If-None-Match costs one
/// indexed read; and since it comes from the database, API processes sharing one agree on it. Answers are remembered per
/// version and exact address, so repeated dashboard calls are not computed again until something changes.
/// </summary>
internal sealed class InsightCache(InsightReads reads, TimeProvider clock) : IDisposable
{
    /// <summary>How many answers are remembered at most (each counts as one).</summary>
    public const int Capacity = 1000;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Today in UTC, as the answers that depend on the date see it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// 304 when If-None-Match names the current ETag; otherwise the answer remembered for this version and address, or
    /// <paramref name="compute"/>'s, remembered. The ETag is set either way.
    /// </summary>
    public async Task<Results<Ok<T>, StatusCodeHttpResult>> AnswerAsync<T>(
        HttpContext http, bool datedToday, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken) where T : class
    {
        var version = await reads.VersionAsync(cancellationToken);
        var tag = datedToday
            ? string.Create(CultureInfo.InvariantCulture, $"\"v{version}-{Today:yyyyMMdd}\"")
            : string.Create(CultureInfo.InvariantCulture, $"\"v{version}\"");
        http.Response.Headers.ETag = tag;
        if (Matches(http.Request, tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var key = (tag, http.Request.Path.Value, http.Request.QueryString.Value);
        if (_answers.TryGetValue(key, out T? remembered) && remembered is not null)
        {
            return TypedResults.Ok(remembered);
        }
        var answer = await compute(cancellationToken);
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return TypedResults.Ok(answer);
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
