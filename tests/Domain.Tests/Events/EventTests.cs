using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;

namespace RelationsApi.Domain.Tests.Events;

public sealed class EventTests
{
    [Fact]
    public void Constructor_ValidArguments_SetsFields()
    {
        var date = PartialDate.Parse("1992-01-28");

        var @event = new Event("Diplomatic relations established", EventCategory.Diplomatic, date, "KZ");

        Assert.Equal("Diplomatic relations established", @event.Title);
        Assert.Equal(EventCategory.Diplomatic, @event.Category);
        Assert.Equal(date, @event.Date);
        Assert.Null(@event.EndDate);
        Assert.Equal("KZ", @event.CountryCode);
        Assert.Empty(@event.Participants);
    }

    [Theory]
    [InlineData("1993-05-10", "1993-05-09")]
    [InlineData("1993-05-10", "1993-04")]
    [InlineData("1993-05-10", "1992")]
    [InlineData("1993-05", "1993-04-30")]
    [InlineData("1993", "1992-12-31")]
    public void SetDates_EndDateWhollyBeforeDate_ThrowsForEndDate(string date, string endDate)
    {
        var @event = NewEvent();

        var act = () => @event.SetDates(PartialDate.Parse(date), PartialDate.Parse(endDate));

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("endDate", exception.Field);
    }

    [Theory]
    [InlineData("1993-05-10", "1993")]
    [InlineData("1993-05-10", "1993-05")]
    [InlineData("1993-05-10", "1993-05-10")]
    [InlineData("1993-05-10", "1993-05-12")]
    [InlineData("1993", "1993-01-01")]
    [InlineData("1993-05", "1993-05-01")]
    public void SetDates_EndDateOverlappingOrAfterDate_IsAccepted(string date, string endDate)
    {
        var @event = NewEvent();

        @event.SetDates(PartialDate.Parse(date), PartialDate.Parse(endDate));

        Assert.Equal(PartialDate.Parse(date), @event.Date);
        Assert.Equal(PartialDate.Parse(endDate), @event.EndDate);
    }

    [Fact]
    public void SetDates_FailedChange_KeepsPreviousDates()
    {
        var @event = NewEvent();
        var before = @event.Date;

        Assert.Throws<DomainRuleException>(() => @event.SetDates(PartialDate.Parse("2000"), PartialDate.Parse("1999")));

        Assert.Equal(before, @event.Date);
        Assert.Null(@event.EndDate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankTitle_ThrowsForTitle(string title)
    {
        var act = () => new Event(title, EventCategory.Diplomatic, new PartialDate(1992), "KZ");

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("title", exception.Field);
    }

    [Fact]
    public void Describe_TitleTooLong_ThrowsForTitle()
    {
        var @event = NewEvent();
        var title = new string('a', Event.MaxTitleLength + 1);

        var act = () => @event.Describe(title, null, EventCategory.Economic);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("title", exception.Field);
    }

    [Fact]
    public void Describe_TitleAtMaxLength_IsAccepted()
    {
        var @event = NewEvent();
        var title = new string('a', Event.MaxTitleLength);

        @event.Describe(title, "Summary", EventCategory.Cultural);

        Assert.Equal(title, @event.Title);
        Assert.Equal("Summary", @event.Summary);
        Assert.Equal(EventCategory.Cultural, @event.Category);
    }

    [Fact]
    public void Describe_SummaryTooLong_ThrowsForSummary()
    {
        var @event = NewEvent();
        var summary = new string('a', Event.MaxSummaryLength + 1);

        var act = () => @event.Describe("Title", summary, EventCategory.Economic);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("summary", exception.Field);
    }

    [Fact]
    public void Describe_UndefinedCategory_ThrowsForCategory()
    {
        var @event = NewEvent();

        var act = () => @event.Describe("Title", null, (EventCategory)99);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("category", exception.Field);
    }

    [Theory]
    [InlineData("kz")]
    [InlineData("XX")]
    [InlineData("KAZ")]
    [InlineData("")]
    public void Constructor_InvalidCountry_ThrowsForCountryCode(string countryCode)
    {
        var act = () => new Event("Visit", EventCategory.Diplomatic, new PartialDate(1992), countryCode);

        var exception = Assert.Throws<DomainRuleException>(act);

        Assert.Equal("countryCode", exception.Field);
    }

    [Fact]
    public void SetPlace_CityTooLong_ThrowsForCity()
    {
        var @event = NewEvent();
        var city = new string('a', Event.MaxCityLength + 1);

        var act = () => @event.SetPlace("KR", city, null);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("city", exception.Field);
    }

    [Fact]
    public void SetPlace_VenueTooLong_ThrowsForVenue()
    {
        var @event = NewEvent();
        var venue = new string('a', Event.MaxVenueLength + 1);

        var act = () => @event.SetPlace("KR", "Seoul", venue);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("venue", exception.Field);
    }

    [Fact]
    public void SetPlace_ValidPlace_SetsFields()
    {
        var @event = NewEvent();

        @event.SetPlace("KR", "Seoul", "Cheong Wa Dae");

        Assert.Equal("KR", @event.CountryCode);
        Assert.Equal("Seoul", @event.City);
        Assert.Equal("Cheong Wa Dae", @event.Venue);
    }

    [Fact]
    public void SetParticipants_MoreThanFifty_ThrowsForParticipants()
    {
        var @event = NewEvent();
        var participants = Enumerable.Range(1, Event.MaxParticipants + 1).Select(i => $"Person {i}").ToList();

        var act = () => @event.SetParticipants(participants);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("participants", exception.Field);
    }

    [Fact]
    public void SetParticipants_Fifty_KeepsThemInOrder()
    {
        var @event = NewEvent();
        var participants = Enumerable.Range(1, Event.MaxParticipants).Select(i => $"Person {i}").ToList();

        @event.SetParticipants(participants);

        Assert.Equal(participants, @event.Participants);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, " ")]
    [InlineData(2, "\t")]
    public void SetParticipants_BlankParticipant_ThrowsForItsIndex(int index, string blank)
    {
        var @event = NewEvent();
        var participants = new List<string> { "Nursultan Nazarbayev", "Roh Tae-woo", "Kassym-Jomart Tokayev" };
        participants[index] = blank;

        var act = () => @event.SetParticipants(participants);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal($"participants[{index}]", exception.Field);
        Assert.Empty(@event.Participants);
    }

    [Fact]
    public void SetParticipants_ParticipantTooLong_ThrowsForItsIndex()
    {
        var @event = NewEvent();
        var participants = new[] { "Roh Tae-woo", new string('a', Event.MaxParticipantLength + 1) };

        var act = () => @event.SetParticipants(participants);

        var exception = Assert.Throws<DomainRuleException>(act);
        Assert.Equal("participants[1]", exception.Field);
    }

    private static Event NewEvent() => new("Official visit", EventCategory.Diplomatic, new PartialDate(2024, 6, 12), "KZ");
}
