using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>One page of search results, best first, with the total number of matches.</summary>
internal static class SearchAnswers
{
    /// <summary>The resources searched, by their path segments.</summary>
    public static readonly IReadOnlyList<string> ResourceNames = [.. Resources.Stored.Select(r => r.Name)];

    /// <summary>
    /// How many of the best matches are ranked at once and remembered with the number of matches: the first pages of a
    /// query (five of the default size) come from one ranking instead of one each.
    /// </summary>
    private const int RankedAtOnce = 100;

    public static async Task<ListPage<SearchItem>> PageAsync(
        SearchReads reads, InsightCache cache, SearchQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? ListQuery.DefaultPageSize;
        var terms = SearchTerms.Parse(query.Q!);
        var resources = string.IsNullOrEmpty(query.Resources) || !TryParseResources(query.Resources, out var listed) ? [] : listed;
        var name = $"search|{terms.WholeWord}|{string.Join(',', resources.Order(StringComparer.Ordinal))}|{terms.Needle}";
        var best = await cache.RememberAsync(
            name,
            datedToday: false,
            ResourceNames,
            async ct => new Ranked(await reads.CountAsync(terms, resources, ct), await reads.PageAsync(terms, resources, 0, RankedAtOnce, ct)),
            cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        if (skip >= best.Total)
        {
            return new ListPage<SearchItem>([], page, pageSize, best.Total);
        }
        var hits = skip + pageSize <= RankedAtOnce
            ? best.Hits.Skip((int)skip).Take(pageSize)
            : await reads.PageAsync(terms, resources, skip, pageSize, cancellationToken);
        return new ListPage<SearchItem>(
            [.. hits.Select(h => new SearchItem(h.Resource, h.Id, h.Title, h.Snippet, h.Highlights, h.Score))], page, pageSize, best.Total);
    }

    /// <summary>A comma-separated list of resource names, in any letter case, each listed once.</summary>
    public static bool TryParseResources(string text, out IReadOnlyList<string> resources)
    {
        var list = new List<string>();
        foreach (var item in text.Split(','))
        {
            var name = ResourceNames.FirstOrDefault(n => string.Equals(n, item.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                resources = [];
                return false;
            }
            list.Add(name);
        }
        resources = [.. list.Distinct()];
        return true;
    }

    /// <summary>How many records a query matches, and the best of them in order.</summary>
    private sealed record Ranked(int Total, IReadOnlyList<SearchHit> Hits);
}
