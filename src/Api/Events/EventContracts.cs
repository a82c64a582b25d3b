using Microsoft.AspNetCore.Mvc;
using RelationsApi.Domain.Events;

namespace RelationsApi.Api.Events;

/// <summary>An event to create, or the full new state of one to replace.</summary>
public sealed class EventWrite : RecordWrite
{
    /// <summary>Title, 1..200 characters.</summary>
    /// <example>Kazakhstan's Republic Day reception in Seoul</example>
    public string? Title { get; init; }

    /// <summary>Summary, at most 4000 characters.</summary>
    /// <example>The embassy marked the 32nd anniversary of the declaration of sovereignty.</example>
    public string? Summary { get; init; }

    /// <summary>Kind of event.</summary>
    /// <example>diplomatic</example>
    public EventCategory? Category { get; init; }

    /// <summary>When it happened (or began): a partial date, YYYY, YYYY-MM or YYYY-MM-DD.</summary>
    /// <example>2023-10-25</example>
    public PartialDate? Date { get; init; }

    /// <summary>When it ended, if it lasted: a partial date not before 'date'.</summary>
    /// <example>2023-10-25</example>
    public PartialDate? EndDate { get; init; }

    /// <summary>Where it took place: ISO 3166-1 alpha-2 country code.</summary>
    /// <example>KR</example>
    public string? CountryCode { get; init; }

    /// <summary>City, at most 100 characters.</summary>
    /// <example>Seoul</example>
    public string? City { get; init; }

    /// <summary>Venue, at most 200 characters.</summary>
    /// <example>Lotte Hotel, Jung-gu</example>
    public string? Venue { get; init; }

    /// <summary>People or bodies taking part: 0..50 names of 1..200 characters (absent means none).</summary>
    /// <example>["Nurgali Arystanov"]</example>
    public IReadOnlyList<string>? Participants { get; init; }
}

/// <summary>A diplomatic, economic or cultural event in the relationship.</summary>
/// <param name="Id">Server-assigned identifier.</param>
/// <param name="ExternalId">The sender's own key for the record, or null.</param>
/// <param name="Title">Title.</param>
/// <param name="Summary">Summary, or null.</param>
/// <param name="Category">Kind of event.</param>
/// <param name="Date">When it happened or began, exactly as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.</param>
/// <param name="EndDate">When it ended, or null.</param>
/// <param name="CountryCode">Where it took place (ISO 3166-1 alpha-2).</param>
/// <param name="City">City, or null.</param>
/// <param name="Venue">Venue, or null.</param>
/// <param name="Participants">People or bodies taking part.</param>
/// <param name="Sources">Where the facts come from.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
/// <param name="Version">Starts at 1 and grows by one with each change; the ETag is this number in quotes.</param>
public sealed record EventResponse(
    int Id,
    string? ExternalId,
    string Title,
    string? Summary,
    EventCategory Category,
    PartialDate Date,
    PartialDate? EndDate,
    string CountryCode,
    string? City,
    string? Venue,
    IReadOnlyList<string> Participants,
    IReadOnlyList<SourceResponse> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>Filters, sorting and paging for the event list.</summary>
public sealed class EventListQuery : ListQuery
{
    /// <summary>Only events whose period overlaps from this full date (YYYY-MM-DD) on.</summary>
    /// <example>1991-01-01</example>
    [FromQuery(Name = "from")]
    public IsoDate? From { get; init; }

    /// <summary>Only events whose period overlaps up to this full date (YYYY-MM-DD), inclusive.</summary>
    /// <example>2030-12-31</example>
    [FromQuery(Name = "to")]
    public IsoDate? To { get; init; }

    /// <summary>Comma-separated categories, any of which matches: diplomatic, economic, cultural, education, humanitarian, security, other.</summary>
    /// <example>diplomatic</example>
    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    /// <summary>Only events in this country (ISO 3166-1 alpha-2, upper case).</summary>
    /// <example>KZ</example>
    [FromQuery(Name = "countryCode")]
    public string? CountryCode { get; init; }

    /// <summary>Case-insensitive text to find in the title, summary or participants.</summary>
    /// <example>Kazakhstan</example>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }
}
