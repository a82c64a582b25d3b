using Microsoft.EntityFrameworkCore;
using RelationsApi.Api.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Events;

internal static class EventQueries
{
    /// <summary>The records the list filters select; the list, its count and any other view of the same filters share it.</summary>
    public static IQueryable<Event> Matching(this IQueryable<Event> events, EventListQuery query)
    {
        events = events.WithExternalId(query.ExternalId);
        events = events.InPeriod(query.From?.Value, query.To?.Value);
        if (!string.IsNullOrEmpty(query.Category) && EnumText<EventCategory>.TryParseList(query.Category, out var categories))
        {
            events = events.WhereAnyOf(e => e.Category, categories);
        }
        if (!string.IsNullOrEmpty(query.CountryCode))
        {
            events = events.Where(e => e.CountryCode == query.CountryCode);
        }
        if (!string.IsNullOrEmpty(query.Q))
        {
            events = events.Searching(query.Q);   // title, summary and participants, folded when saved
        }
        return events;
    }
}
