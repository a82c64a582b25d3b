using RelationsApi.Domain.Events;

namespace RelationsApi.Api.Events;

internal sealed class EventWriteValidator : RecordWriteValidator<EventWrite>
{
    public EventWriteValidator()
    {
        RuleFor(e => e.Title).NotNull().Text(Event.MaxTitleLength);
        RuleFor(e => e.Summary).OptionalText(Event.MaxSummaryLength);
        RuleFor(e => e.Category).NotNull().Defined();
        RuleFor(e => e.Date).NotNull();
        RuleFor(e => e.EndDate)
            .Must((e, end) => end is null || e.Date is null || end.Value.End >= e.Date.Value.Start)
            .WithMessage("'endDate' must not be before 'date'.");
        RuleFor(e => e.CountryCode).NotNull().CountryCode();
        RuleFor(e => e.City).OptionalText(Event.MaxCityLength);
        RuleFor(e => e.Venue).OptionalText(Event.MaxVenueLength);
        RuleFor(e => e.Participants).Must(p => p is null || p.Count <= Event.MaxParticipants)
            .WithMessage($"'participants' holds at most {Event.MaxParticipants} names.");
        RuleForEach(e => e.Participants).NotNull().Text(Event.MaxParticipantLength);
    }
}

internal sealed class EventListQueryValidator : ListQueryValidator<EventListQuery>
{
    public EventListQueryValidator() : base(EventResource.Sorting)
    {
        DateRange(q => q.From, q => q.To);
        RuleFor(q => q.Category).EnumList<EventListQuery, EventCategory>();
        RuleFor(q => q.CountryCode).CountryCode();
        RuleFor(q => q.Q).OptionalText(200);
    }
}
