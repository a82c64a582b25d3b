using RelationsApi.Api.Agreements;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;

namespace RelationsApi.Api;

/// <summary>Every resource the API serves, in the order of the OpenAPI document: the one place a resource is registered.</summary>
internal static class Resources
{
    public static readonly IReadOnlyList<IRecordResource> All =
    [
        new EventResource(),
        new FlightResource(),
        new TradeRecordResource(),
        new AgreementResource(),
    ];

    /// <summary>The name of the resource of type <typeparamref name="TResource"/>: its URL segment and its name in the change log.</summary>
    public static string NameOf<TResource>() where TResource : IRecordResource => All.OfType<TResource>().Single().Segment;

    /// <summary>The resources as storage sees them: what the change log names them and keeps of their records.</summary>
    public static IEnumerable<StoredResource> Stored => All.Select(r => r.Stored);

    /// <summary>Maps every resource's operations on <paramref name="api"/>.</summary>
    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder api)
    {
        foreach (var resource in All)
        {
            resource.Map(api);
        }
        return api;
    }
}
