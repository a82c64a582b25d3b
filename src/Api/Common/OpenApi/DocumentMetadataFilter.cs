namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// What importers read before the operations: a description for every tag the endpoints use (WithTags), in a fixed order.
/// </summary>
internal sealed class DocumentMetadataFilter : IDocumentFilter
{
    /// <summary>Tag names exactly as the endpoints' WithTags give them, in the order Swagger UI should list them.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Events"] = "Dated events in the relationship (diplomatic, economic, cultural and more), each placed in a country and backed by its sources.",
        ["Flights"] = "Air services between the two countries: airports, airlines, weekly frequency, status and the period they run.",
        ["Trade records"] = "Trade between a reporter and a partner country in US dollars, for a year or a month, for all goods or one HS code.",
        ["Agreements"] = "Treaties, memoranda and other agreements between the two countries, with their status and dates.",
        ["Insight"] = "Read-only answers for dashboards: trade statistics by the counting rules, mirror trade, connectivity, the timeline, anniversaries and an overview. Each carries an ETag that changes whenever any record changes.",
        ["Changes"] = "The change feed: every committed create, update and delete in commit order, read with a cursor to keep a copy in sync.",
        ["Admin"] = "For admin keys only: make, list and revoke API keys, and read the audit trail of who changed what.",
        ["Service"] = "Health checks for load balancers, and descriptions of the problem types that error responses name in 'type'.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            // A tag without an entry keeps no description; the OpenAPI document tests name it.
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }
        if (document.Tags is { Count: > 0 } tags)
        {
            var order = TagDescriptions.Keys.ToList();
            document.Tags = new SortedSet<OpenApiTag>(
                tags,
                Comparer<OpenApiTag>.Create((a, b) => Rank(a).CompareTo(Rank(b)) is var byRank and not 0 ? byRank : string.CompareOrdinal(a.Name, b.Name)));

            int Rank(OpenApiTag tag) => order.IndexOf(tag.Name ?? "") is var i and >= 0 ? i : order.Count;
        }
    }
}
