using System.Globalization;
using System.Net;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Events;

/// <summary>
/// The list's q over more than a thousand matching records: every match is counted, and pages are cut in the list's order.
/// </summary>
public sealed class EventSearchFilterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task List_Q_OverMoreThanAThousandMatches_CountsEveryOneAndPagesInOrder()
    {
        const int common = 1005;
        var events = Enumerable.Range(0, common).Select(i => Bodies.Event($"Steppe harvest fair {i:D4}", DayOf(i)))
            .Append(Bodies.Event("Steppe falconry day", "2001-03-03", summary: "A rare gathering of falconers"))
            .ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/events/import", events)).StatusCode);

        var harvest = await _client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=HARVEST%20fair&sort=title&page=51&pageSize=20");
        var steppe = await _client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=steppe&sort=-title&pageSize=2");
        var falcon = await _client.GetJsonAsync<ListPage<EventResponse>>("/api/v1/events?q=falconer");

        Assert.Equal(common, harvest.TotalCount);
        Assert.Equal(["Steppe harvest fair 1000", "Steppe harvest fair 1001", "Steppe harvest fair 1002", "Steppe harvest fair 1003", "Steppe harvest fair 1004"],
            harvest.Items.Select(e => e.Title));
        Assert.Equal(common + 1, steppe.TotalCount);
        Assert.Equal(["Steppe harvest fair 1004", "Steppe harvest fair 1003"], steppe.Items.Select(e => e.Title));
        Assert.Equal(["Steppe falconry day"], falcon.Items.Select(e => e.Title));
    }

    private static string DayOf(int i) => new DateOnly(2000, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
