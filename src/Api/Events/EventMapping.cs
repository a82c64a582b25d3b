using RelationsApi.Api.Common;
using RelationsApi.Domain.Events;

namespace RelationsApi.Api.Events;

internal static class EventMapping
{
    public static EventResponse ToResponse(this Event e) => new(
        e.Id, e.ExternalId, e.Title, e.Summary, e.Category, e.Date, e.EndDate, e.CountryCode, e.City, e.Venue,
        e.Participants, e.Sources.ToResponse(), e.CreatedAt, e.UpdatedAt, e.Version);

    public static EventWrite ToWrite(this Event e) => new()
    {
        ExternalId = e.ExternalId,
        Title = e.Title,
        Summary = e.Summary,
        Category = e.Category,
        Date = e.Date,
        EndDate = e.EndDate,
        CountryCode = e.CountryCode,
        City = e.City,
        Venue = e.Venue,
        Participants = e.Participants,
        Sources = e.Sources.ToWrite(),
    };

    /// <summary>Builds a new event from a validated body.</summary>
    public static Event ToNewEvent(this EventWrite body)
    {
        var created = new Event(body.Title!, body.Category!.Value, body.Date!.Value, body.CountryCode!);
        body.ApplyTo(created);
        return created;
    }

    /// <summary>Replaces every writable field of <paramref name="e"/> with the validated body's.</summary>
    public static void ApplyTo(this EventWrite body, Event e)
    {
        e.Describe(body.Title!, body.Summary, body.Category!.Value);
        e.SetDates(body.Date!.Value, body.EndDate);
        e.SetPlace(body.CountryCode!, body.City, body.Venue);
        e.SetParticipants(body.Participants ?? []);
        e.SetExternalId(body.ExternalId);
        e.SetSources(body.Sources.ToDomain());
    }
}
