using System.Net;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Events;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>GET /api/v1/anniversaries; each test looks only at the records it made.</summary>
public sealed class AnniversaryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/anniversaries";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<int> EventAsync(string date)
    {
        var response = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: "Anniversary event", date: date));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<EventResponse>()).Id;
    }

    private async Task<List<Anniversary>> MineAsync(string query, string resource, params int[] ids) =>
        [.. (await _client.GetJsonAsync<AnniversaryList>($"{Path}?{query}")).Items.Where(i => i.Resource == resource && ids.Contains(i.Id))];

    [Fact]
    public async Task Anniversaries_AreAsPreciseAsTheirDates()
    {
        var year = await EventAsync("1910");
        var month = await EventAsync("1910-03");
        var day = await EventAsync("1910-03-15");

        var found = await MineAsync("from=2025-03-10&to=2025-04-30&every=5", "events", year, month, day);

        Assert.Equal(
            [
                new Anniversary(new PartialDate(2025), 115, PartialDatePrecision.Year, AnniversaryKind.Event, "events", year, "Anniversary event"),
                new Anniversary(new PartialDate(2025, 3), 115, PartialDatePrecision.Month, AnniversaryKind.Event, "events", month, "Anniversary event"),
                new Anniversary(new PartialDate(2025, 3, 15), 115, PartialDatePrecision.Day, AnniversaryKind.Event, "events", day, "Anniversary event"),
            ],
            found);
        Assert.Equal([year], (await MineAsync("from=2025-04-01&to=2025-04-30&every=5", "events", year, month, day)).Select(a => a.Id));
        Assert.Empty(await MineAsync("from=2025-03-10&to=2025-04-30&every=10", "events", year, month, day));
    }

    [Fact]
    public async Task Anniversaries_OfTheTwentyNinthOfFebruary_FallOnTheTwentyEighth()
    {
        var leap = await EventAsync("1904-02-29");

        var found = await MineAsync("from=2025-02-01&to=2025-03-31&every=1", "events", leap);
        var leapYear = await MineAsync("from=2028-02-01&to=2028-03-31&every=1", "events", leap);

        Assert.Equal(("2025-02-28", 121), (Assert.Single(found).Date.ToString(), found[0].Years));
        Assert.Equal("2028-02-29", Assert.Single(leapYear).Date.ToString());
    }

    [Fact]
    public async Task Anniversaries_OfAgreementSignings_AreListedAsSuch()
    {
        var response = await _client.PostJsonAsync("/api/v1/agreements", Bodies.Agreement("Anniversary agreement"));
        var id = (await response.ReadAsync<AgreementResponse>()).Id;

        var found = await MineAsync("from=2029-04-01&to=2029-04-30&every=10", "agreements", id);

        Assert.Equal(new Anniversary(new PartialDate(2029, 4), 10, PartialDatePrecision.Month, AnniversaryKind.AgreementSigned, "agreements", id, "Anniversary agreement"), Assert.Single(found));
    }

    [Fact]
    public async Task Anniversaries_ByDefault_RunAYearFromToday()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var explicitRange = await _client.GetStringAsync($"{Path}?from={today:yyyy-MM-dd}&to={today.AddYears(1):yyyy-MM-dd}&every=5", TestHelpers.Cancel);

        var defaults = await _client.GetStringAsync(Path, TestHelpers.Cancel);

        Assert.Equal(explicitRange, defaults);
    }

    [Theory]
    [InlineData("from=2020-01-01&to=2030-01-02", "to")]
    [InlineData("from=2020-01-02&to=2020-01-01", "to")]
    [InlineData("every=0", "every")]
    [InlineData("every=101", "every")]
    [InlineData("every=five", "every")]
    [InlineData("from=2020-02-30", "from")]
    [InlineData("to=1990-01-01", "to")]
    public async Task Anniversaries_BadParameter_Is400NamingIt(string query, string field)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestHelpers.Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task Anniversaries_TenYearsExactly_AreAllowed()
    {
        var response = await _client.GetAsync($"{Path}?from=2020-01-01&to=2030-01-01&every=100", TestHelpers.Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
