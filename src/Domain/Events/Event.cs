using System.Diagnostics.CodeAnalysis;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Events;

public enum EventCategory
{
    Diplomatic,
    Economic,
    Cultural,
    Education,
    Humanitarian,
    Security,
    Other,
}

/// <summary>A diplomatic, economic or cultural event in the relationship.</summary>
public sealed class Event : Entity
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4000;
    public const int MaxCityLength = 100;
    public const int MaxVenueLength = 200;
    public const int MaxParticipants = 50;
    public const int MaxParticipantLength = 200;

    private List<string> _participants = [];

    public Event(string title, EventCategory category, PartialDate date, string countryCode)
    {
        Describe(title, null, category);
        SetDates(date, null);
        SetPlace(countryCode, null, null);
    }

    private Event()
    {
        Title = CountryCode = string.Empty;
    }

    public string Title { get; private set; }
    public string? Summary { get; private set; }
    public EventCategory Category { get; private set; }
    public PartialDate Date { get; private set; }
    public PartialDate? EndDate { get; private set; }
    public string CountryCode { get; private set; }
    public string? City { get; private set; }
    public string? Venue { get; private set; }

    public IReadOnlyList<string> Participants
    {
        get => _participants;
        private set => _participants = [.. value];
    }

    [MemberNotNull(nameof(Title))]
    public void Describe(string title, string? summary, EventCategory category)
    {
        Title = Guard.Text("title", title, MaxTitleLength);
        Summary = Guard.OptionalText("summary", summary, MaxSummaryLength);
        Category = Guard.Defined("category", category);
    }

    /// <summary>Sets when it happened; an end date may not lie wholly before the start.</summary>
    public void SetDates(PartialDate date, PartialDate? endDate)
    {
        if (endDate is { } end && end.End < date.Start)
        {
            throw new DomainRuleException("endDate", "'endDate' must not be before 'date'.");
        }
        (Date, EndDate) = (date, endDate);
    }

    [MemberNotNull(nameof(CountryCode))]
    public void SetPlace(string countryCode, string? city, string? venue)
    {
        CountryCode = Guard.Country("countryCode", countryCode);
        City = Guard.OptionalText("city", city, MaxCityLength);
        Venue = Guard.OptionalText("venue", venue, MaxVenueLength);
    }

    public void SetParticipants(IEnumerable<string> participants)
    {
        var list = participants.ToList();
        if (list.Count > MaxParticipants)
        {
            throw new DomainRuleException("participants", $"An event lists at most {MaxParticipants} participants.");
        }
        for (var i = 0; i < list.Count; i++)
        {
            Guard.Text($"participants[{i}]", list[i], MaxParticipantLength);
        }
        _participants = list;
    }
}
