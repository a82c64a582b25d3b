using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Caching.Memory;

namespace RelationsApi.Api.Common;

/// <summary>
/// The JSON pages of the lists, remembered per exact address (scheme, host, path and query string as sent) and per
/// generation of the list's resource: the number every commit that writes it moves on (<see cref="MatchCounts.GenerationAsync"/>;
/// with PostgreSQL it is read from the database, so a commit of any API process counts). A page is answered from memory
/// only while nothing of its resource was written since it was read, so it is the page a read would return, byte for
/// byte, Link header included.
/// Pages of older generations are never answered again; they leave when memory is short or after ten idle minutes.
/// </summary>
internal sealed class RememberedPages(MatchCounts counts, long capacityBytes) : IDisposable
{
    /// <summary>
    /// The default capacity in megabytes: about 400 pages of 20 trade records. Pages live long enough to reach the
    /// collector's oldest generation, so they cost the process several times what they hold: 16 MB took a server at a
    /// million trade records from about 250 MB to 320–330 MB, 4 MB kept it at 250.
    /// </summary>
    public const int DefaultMegabytes = 4;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = Math.Max(capacityBytes, 1) });

    /// <summary>
    /// The page remembered for this request's address and the current generation of <paramref name="resource"/> (the
    /// list's name in the change log), or <paramref name="read"/>'s, remembered.
    /// </summary>
    public async Task<WrittenJson<ListPage<TResponse>>> PageAsync<TResponse>(
        HttpContext http, string resource, Func<Task<WrittenJson<ListPage<TResponse>>>> read, CancellationToken cancellationToken)
    {
        if (capacityBytes <= 0)
        {
            return await read();
        }
        var generation = await counts.GenerationAsync(resource, cancellationToken);
        var key = string.Concat(generation.ToString(System.Globalization.CultureInfo.InvariantCulture), " ", http.Request.GetEncodedUrl());
        if (_pages.TryGetValue(key, out Page? remembered) && remembered is not null)
        {
            http.Response.Headers.Link = remembered.Link;
            return WrittenJson<ListPage<TResponse>>.Of(remembered.Body);
        }
        var page = await read();
        var kept = new Page(page.Body.ToArray(), http.Response.Headers.Link.ToString());
        _pages.Set(key, kept, new MemoryCacheEntryOptions
        {
            Size = kept.Body.Length + 2L * (key.Length + kept.Link.Length) + 64,   // UTF-16 strings
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
        return page;
    }

    public void Dispose() => _pages.Dispose();

    private sealed record Page(byte[] Body, string Link);
}
