using System.Net;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>GET /api/v1/timeline; each test dates its records in a year of its own and reads only that year.</summary>
public sealed class TimelineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/timeline";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<int> EventAsync(string date, string title = "Timeline event", EventCategory category = EventCategory.Cultural)
    {
        var body = Bodies.Event(title: title, date: date);
        var response = await _client.PostJsonAsync("/api/v1/events", new EventWrite
        {
            Title = body.Title, Category = category, Date = body.Date, CountryCode = body.CountryCode, Sources = body.Sources,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<EventResponse>()).Id;
    }

    private async Task<int> AgreementAsync(string signed, string? effective)
    {
        var response = await _client.PostJsonAsync("/api/v1/agreements", new AgreementWrite
        {
            Title = "Timeline agreement",
            Type = AgreementType.Treaty,
            Status = AgreementStatus.InForce,
            SignedDate = PartialDate.Parse(signed),
            EffectiveDate = effective is null ? null : PartialDate.Parse(effective),
            Sources = [Bodies.Source],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<AgreementResponse>()).Id;
    }

    [Fact]
    public async Task Timeline_SameStart_OrdersByKindThenId_AndDescendingIsTheExactReverse()
    {
        var agreement = await AgreementAsync("1901-01", "1901-01-01");
        var year = await EventAsync("1901");
        var day = await EventAsync("1901-01-01");
        var later = await EventAsync("1901-03");

        var ascending = await _client.GetJsonAsync<ListPage<TimelineItem>>($"{Path}?from=1901-01-01&to=1901-12-31");
        var descending = await _client.GetJsonAsync<ListPage<TimelineItem>>($"{Path}?from=1901-01-01&to=1901-12-31&sort=-date");

        Assert.Equal(
            [(TimelineKind.Event, year), (TimelineKind.Event, day), (TimelineKind.AgreementSigned, agreement), (TimelineKind.AgreementEffective, agreement), (TimelineKind.Event, later)],
            ascending.Items.Select(i => (i.Kind, i.Id)));
        Assert.Equal(ascending.Items.Reverse(), descending.Items);
        Assert.Equal(5, ascending.TotalCount);
        Assert.Equal(("1901-01", "agreements", AgreementType.Treaty, (EventCategory?)null), (ascending.Items[2].Date.ToString(), ascending.Items[2].Resource, ascending.Items[2].Type!.Value, ascending.Items[2].Category));
    }

    [Fact]
    public async Task Timeline_Pages_WithTotalCountAndLinks()
    {
        foreach (var date in new[] { "1905-01", "1905-02", "1905-03" })
        {
            await EventAsync(date);
        }

        var response = await _client.GetAsync($"{Path}?from=1905-01-01&to=1905-12-31&pageSize=2&page=2", TestHelpers.Cancel);
        var page = await response.ReadAsync<ListPage<TimelineItem>>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 2, 3), (page.Page, page.PageSize, page.TotalCount));
        Assert.Equal("1905-03", Assert.Single(page.Items).Date.ToString());
        var link = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains("page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=2>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Timeline_AfterAWriteOfAnyResource_HasANewETag_AndAfterAnEventWrite_ShowsIt()
    {
        await EventAsync("1906-03");
        var query = $"{Path}?from=1906-01-01&to=1906-12-31";
        var first = await _client.GetAsync(query, TestHelpers.Cancel);

        var trade = await _client.PostJsonAsync("/api/v1/trade-records", Bodies.TradeRecord(1999, "010101"));
        var afterTrade = await _client.GetAsync(query, ifNoneMatch: first.Headers.ETag!.ToString());
        var added = await EventAsync("1906-04");
        var afterEvent = await _client.GetJsonAsync<ListPage<TimelineItem>>(query);

        Assert.Equal(HttpStatusCode.Created, trade.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterTrade.StatusCode);   // not 304: every change of any record moves the ETag on
        Assert.NotEqual(first.Headers.ETag, afterTrade.Headers.ETag);
        Assert.Equal((await first.ReadAsync<ListPage<TimelineItem>>()).Items.Select(i => i.Id), (await afterTrade.ReadAsync<ListPage<TimelineItem>>()).Items.Select(i => i.Id));
        Assert.Contains(added, afterEvent.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Timeline_KindsAndCategory_Filter()
    {
        var agreement = await AgreementAsync("1907-05", null);
        var cultural = await EventAsync("1907-06", category: EventCategory.Cultural);
        await EventAsync("1907-07", category: EventCategory.Economic);

        var signedOnly = await _client.GetJsonAsync<ListPage<TimelineItem>>($"{Path}?from=1907-01-01&to=1907-12-31&kinds=agreementSigned");
        var culturalEvents = await _client.GetJsonAsync<ListPage<TimelineItem>>($"{Path}?from=1907-01-01&to=1907-12-31&kinds=event&category=cultural");

        Assert.Equal([(TimelineKind.AgreementSigned, agreement)], signedOnly.Items.Select(i => (i.Kind, i.Id)));
        Assert.Equal([(TimelineKind.Event, cultural)], culturalEvents.Items.Select(i => (i.Kind, i.Id)));
    }

    [Theory]
    [InlineData("from=2020-01-02&to=2020-01-01", "to")]
    [InlineData("from=2020-1-1", "from")]
    [InlineData("kinds=event,meeting", "kinds")]
    [InlineData("category=sports", "category")]
    [InlineData("sort=title", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task Timeline_BadParameter_Is400NamingIt(string query, string field)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestHelpers.Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(field, problem.ErrorFields());
    }
}
