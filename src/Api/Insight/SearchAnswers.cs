using RelationsApi.Api.Common;
using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>One page of search results, best first, with the total number of matches.</summary>
internal static class SearchAnswers
{
    /// <summary>The resources searched, by their path segments.</summary>
    public static readonly IReadOnlyList<string> ResourceNames = [.. Resources.Stored.Select(r => r.Name)];

    public static async Task<ListPage<SearchItem>> PageAsync(SearchReads reads, SearchQuery query, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? ListQuery.DefaultPageSize;
        var terms = SearchTerms.Parse(query.Q!);
        var resources = string.IsNullOrEmpty(query.Resources) || !TryParseResources(query.Resources, out var listed) ? [] : listed;
        var total = await reads.CountAsync(terms, resources, cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total)
        {
            return new ListPage<SearchItem>([], page, pageSize, total);
        }
        var hits = await reads.PageAsync(terms, resources, skip, pageSize, cancellationToken);
        return new ListPage<SearchItem>([.. hits.Select(h => new SearchItem(h.Resource, h.Id, h.Title, h.Snippet, h.Highlights, h.Score))], page, pageSize, total);
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
}
