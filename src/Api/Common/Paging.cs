using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace RelationsApi.Api.Common;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Items">The records on this page, in the requested order.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The largest number of records a page holds.</param>
/// <param name="TotalCount">How many records match the filters, on all pages together.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>Paging, sorting and the externalId filter: what every list takes.</summary>
public class ListQuery
{
    /// <summary>Records per page when pageSize is not given.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest pageSize accepted.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Page number, from 1 (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Records per page, 1..100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    /// <summary>Only the record with this externalId (the sender's own key).</summary>
    /// <example>partner-a:2022-01</example>
    [FromQuery(Name = "externalId")]
    public string? ExternalId { get; init; }

    /// <summary>Comma-separated sort fields, '-' prefix for descending; ties are broken by id, in the direction of the last field.</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }
}

internal static class Paging
{
    /// <summary>
    /// Counts, fetches one page, maps it, and sets a GitHub-style Link header (first, prev, next, last). The records are
    /// those of <paramref name="resource"/>, the name in the change log whose writes can change the count (null: any).
    /// </summary>
    public static async Task<ListPage<TResponse>> ToPageAsync<T, TResponse>(
        this IQueryable<T> query, string? resource, ListQuery list, Func<T, TResponse> map, HttpContext http, CancellationToken cancellationToken)
    {
        var page = list.Page ?? 1;
        var pageSize = list.PageSize ?? ListQuery.DefaultPageSize;
        var counts = http.RequestServices.GetRequiredService<MatchCounts>();
        var total = await counts.CountAsync(query, resource, FilterKey(http.Request), cancellationToken);
        var skip = (long)(page - 1) * pageSize;   // long: a huge page number must mean "past the end", never wrap around
        var items = skip >= total ? [] : await query.Skip((int)skip).Take(pageSize).ToListAsync(cancellationToken);
        SetLinks(http, page, pageSize, total);
        return new ListPage<TResponse>(items.Select(map).ToList(), page, pageSize, total);
    }

    /// <summary>The same, kept as the JSON body of the response (the list type every resource's list returns).</summary>
    public static async Task<WrittenJson<ListPage<TResponse>>> ToJsonPageAsync<T, TResponse>(
        this IQueryable<T> query, string resource, ListQuery list, Func<T, TResponse> map, HttpContext http, CancellationToken cancellationToken) =>
        await WrittenJson<ListPage<TResponse>>.SerializeAsync(http, await query.ToPageAsync(resource, list, map, http, cancellationToken));

    /// <summary>
    /// The same for a list read with SQL, written straight to JSON: <paramref name="count"/> counts the matching rows
    /// (remembered like the count above, by <paramref name="countKey"/>, which names the filters exactly),
    /// <paramref name="writeItems"/> writes the rows after skipping so many, at most so many, as the items of the page,
    /// and when asked returns the generation the remembered counts are checked against (that of <paramref name="resource"/>),
    /// read in the same statement.
    /// </summary>
    public static async Task<WrittenJson<ListPage<TResponse>>> ToJsonPageAsync<TResponse>(
        string resource, ListQuery list, string countKey, Func<CancellationToken, ValueTask<int>> count,
        Func<Utf8JsonWriter, long, int, bool, ValueTask<long>> writeItems, HttpContext http, CancellationToken cancellationToken)
    {
        var page = list.Page ?? 1;
        var pageSize = list.PageSize ?? ListQuery.DefaultPageSize;
        var counts = http.RequestServices.GetRequiredService<MatchCounts>();
        var skip = (long)(page - 1) * pageSize;
        var total = 0;
        var body = await WrittenJson<ListPage<TResponse>>.WriteAsync(http, async json =>
        {
            // ListPage's fields, in its order.
            json.WriteStartObject();
            json.WriteStartArray("items"u8);
            if (counts.GenerationIsRead && counts.TryGetRemembered(countKey, out var generation, out var remembered) && skip < remembered)
            {
                // Where the generation is a query, it comes with the page: one round trip while nothing was written.
                var current = await writeItems(json, skip, pageSize, true);
                total = current == generation ? remembered : await counts.CountAsync(resource, countKey, count, cancellationToken);
            }
            else
            {
                total = await counts.CountAsync(resource, countKey, count, cancellationToken);
                if (skip < total)
                {
                    await writeItems(json, skip, pageSize, false);
                }
            }
            json.WriteEndArray();
            json.WriteNumber("page"u8, page);
            json.WriteNumber("pageSize"u8, pageSize);
            json.WriteNumber("totalCount"u8, total);
            json.WriteEndObject();
        });
        SetLinks(http, page, pageSize, total);
        return body;
    }

    /// <summary>Sets the Link header of page <paramref name="page"/> of a list of <paramref name="total"/> items.</summary>
    public static void SetLinks(HttpContext http, int page, int pageSize, int total)
    {
        var last = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var self = PageAddress(http.Request);
        var links = new System.Text.StringBuilder((self.Length + 24) * 4);
        Link(links, self, 1, "first");
        if (page > 1)
        {
            Link(links, self, Math.Min(page - 1, last), "prev");
        }
        if (page < last)
        {
            Link(links, self, page + 1, "next");
        }
        Link(links, self, last, "last");
        http.Response.Headers.Link = links.ToString();
    }

    /// <summary>The address and every query parameter but paging and sorting, in a fixed order: what decides the count.</summary>
    private static string FilterKey(HttpRequest request)
    {
        var key = new System.Text.StringBuilder(request.Path.Value);
        foreach (var (name, values) in request.Query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is not ("page" or "pageSize" or "sort"))
            {
                // Escaped, so that no value can pose as another parameter ("q=a%26year%3D1" is not "q=a&year=1").
                foreach (var value in values)
                {
                    key.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                }
            }
        }
        return key.ToString();
    }

    /// <summary>This list's absolute address with every query parameter but the page, ready for "page=N" to be appended.</summary>
    private static string PageAddress(HttpRequest request)
    {
        var others = new QueryBuilder();
        var any = false;
        foreach (var (name, values) in request.Query)
        {
            if (!string.Equals(name, "page", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    others.Add(name, value ?? "");
                    any = true;
                }
            }
        }
        var address = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, others.ToQueryString());
        return address + (any ? "&page=" : "?page=");
    }

    /// <summary>Appends one link of a Link header, after a comma unless it is the first.</summary>
    private static void Link(System.Text.StringBuilder links, string pageAddress, int page, string rel)
    {
        if (links.Length > 0)
        {
            links.Append(", ");
        }
        links.Append('<').Append(pageAddress).Append(page.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(">; rel=\"").Append(rel).Append('"');
    }
}
