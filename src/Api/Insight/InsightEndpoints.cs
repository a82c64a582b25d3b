using Microsoft.AspNetCore.Mvc;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Infrastructure.Insight;

namespace RelationsApi.Api.Insight;

/// <summary>
/// Read-only answers for dashboards: trade statistics, mirror trade, connectivity, the timeline, anniversaries, an
/// overview and the search. Each carries an ETag that moves on with any change of any record (see <see cref="InsightCache"/>).
/// </summary>
internal static class InsightEndpoints
{
    public const string Tag = "Insight";

    // The resources each answer is computed from: it is computed again only when one of them changes.
    private static readonly string[] TradeRecords = [Resources.NameOf<TradeRecordResource>()];
    private static readonly string[] Flights = [Resources.NameOf<FlightResource>()];
    private static readonly string[] EventsAndAgreements = [Resources.NameOf<EventResource>(), Resources.NameOf<AgreementResource>()];

    public static IServiceCollection AddInsight(this IServiceCollection services)
    {
        services.AddSingleton<InsightCache>();
        services.ConfigureSwaggerGen(options =>
        {
            options.OperationFilter<InsightOperationFilter>();
            options.SchemaFilter<InsightExamples>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapInsight(this IEndpointRouteBuilder api)
    {
        var insight = api.MapGroup("").WithTags(Tag);
        insight.MapGet("/stats/trade", TradeStatisticsAsync).WithName("getTradeStatistics").Validate<TradeStatisticsQuery>().Produces(304);
        insight.MapGet("/stats/trade/mirror", MirrorTradeAsync).WithName("getMirrorTrade").Validate<MirrorTradeQuery>().Produces(304);
        insight.MapGet("/stats/connectivity", ConnectivityAsync).WithName("getConnectivity").ProducesValidationProblem().Produces(304);
        insight.MapGet("/timeline", TimelineAsync).WithName("listTimeline").Validate<TimelineQuery>().Produces(304);
        insight.MapGet("/anniversaries", AnniversariesAsync).WithName("listAnniversaries").Validate<AnniversaryQuery>().Produces(304);
        insight.MapGet("/stats/overview", OverviewAsync).WithName("getOverview").Produces(304);
        insight.MapGet("/search", SearchAsync).WithName("search").Validate<SearchQuery>().Produces(304);
        return api;
    }

    /// <summary>
    /// Trade values per reporter, partner, flow and year (or month), each period counted once: the reported total, else
    /// the sum of the months, else the sum of the goods at the coarsest HS level, else (turnover) export plus import.
    /// </summary>
    private static Task<Results<Ok<TradeStatistics>, StatusCodeHttpResult>> TradeStatisticsAsync(
        [AsParameters] TradeStatisticsQuery query, InsightReads reads, InsightCache cache, HttpContext http, CancellationToken cancellationToken) =>
        cache.AnswerAsync(http, datedToday: false, TradeRecords, ct => TradeAnswers.StatisticsAsync(reads, cache, query, ct), cancellationToken);

    /// <summary>Each year and direction where both sides reported: the exporter's exports beside the importer's imports, and the gap.</summary>
    private static Task<Results<Ok<MirrorTrade>, StatusCodeHttpResult>> MirrorTradeAsync(
        [AsParameters] MirrorTradeQuery query, InsightReads reads, InsightCache cache, HttpContext http, CancellationToken cancellationToken) =>
        cache.AnswerAsync(http, datedToday: false, TradeRecords, ct => TradeAnswers.MirrorAsync(reads, cache, query.YearFrom, query.YearTo, ct), cancellationToken);

    /// <summary>
    /// The air services on a day (default today): operating routes, weekly flights, each airline's share (a route served
    /// jointly counts whole for each of its airlines), planned and suspended services.
    /// </summary>
    private static Task<Results<Ok<Connectivity>, StatusCodeHttpResult>> ConnectivityAsync(
        [AsParameters] ConnectivityQuery query, RelationsDbContext db, InsightCache cache, HttpContext http, CancellationToken cancellationToken) =>
        cache.AnswerAsync(http, datedToday: true, Flights, ct => ConnectivityAnswers.OnAsync(db, query.Date?.Value ?? cache.Today, ct), cancellationToken);

    /// <summary>Events and agreement signings and entries into force in one dated feed, paged like the lists.</summary>
    private static async Task<Results<Ok<ListPage<TimelineItem>>, StatusCodeHttpResult>> TimelineAsync(
        [AsParameters] TimelineQuery query, RelationsDbContext db, InsightCache cache, HttpContext http, CancellationToken cancellationToken)
    {
        var answer = await cache.AnswerAsync(http, datedToday: false, EventsAndAgreements, ct => TimelineAnswers.PageAsync(db, query, ct), cancellationToken);
        if (answer.Result is Ok<ListPage<TimelineItem>> { Value: { } page })
        {
            Paging.SetLinks(http, page.Page, page.PageSize, page.TotalCount);
        }
        return answer;
    }

    /// <summary>Round anniversaries (multiples of 'every' years) of events and agreement signings in a range, as precise as the dates they count from.</summary>
    private static async Task<Results<Ok<AnniversaryList>, StatusCodeHttpResult, ProblemHttpResult>> AnniversariesAsync(
        [AsParameters] AnniversaryQuery query, RelationsDbContext db, InsightCache cache, HttpContext http, CancellationToken cancellationToken)
    {
        var from = query.From?.Value ?? cache.Today;
        var to = query.To?.Value ?? AnniversaryAnswers.DefaultEnd(from);
        // The defaults depend on today, so the range's rules are checked again with them filled in.
        if (to < from)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["to"] = ["'to' must not be before 'from' (default today)."] });
        }
        if (to > AnniversaryAnswers.LatestEnd(from))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["to"] = ["'to' must be at most 10 years after 'from' (default today)."] });
        }
        var every = query.Every ?? AnniversaryAnswers.DefaultEvery;
        var answer = await cache.AnswerAsync(
            http, datedToday: true, EventsAndAgreements, ct => AnniversaryAnswers.BetweenAsync(db, from, to, every, ct), cancellationToken);
        return answer.Result is Ok<AnniversaryList> ok ? ok : (StatusCodeHttpResult)answer.Result;
    }

    /// <summary>
    /// A dashboard's first screen: record counts, the latest turnover, today's connectivity, agreements by status, the next
    /// five-yearly anniversary and when the data last changed.
    /// </summary>
    private static Task<Results<Ok<Overview>, StatusCodeHttpResult>> OverviewAsync(
        RelationsDbContext db, InsightReads reads, InsightCache cache, HttpContext http, CancellationToken cancellationToken) =>
        cache.AnswerAsync(http, datedToday: true, [], ct => OverviewAnswers.TodayAsync(db, reads, cache, ct), cancellationToken);

    /// <summary>
    /// Ranked full-text search over events, agreements, flights and trade records: any part of a word from three
    /// characters (Latin, Cyrillic, Hangul; letter case ignored, accents not), whole words below that; title matches first.
    /// </summary>
    private static async Task<Results<Ok<ListPage<SearchItem>>, StatusCodeHttpResult>> SearchAsync(
        [AsParameters] SearchQuery query, SearchReads reads, InsightCache cache, HttpContext http, CancellationToken cancellationToken)
    {
        // Remembered per version of the whole data rather than of each of the four resources it reads: the same answers
        // kept (only a new key moves the one but not the others), for one indexed read per request instead of five.
        var answer = await cache.AnswerAsync(http, datedToday: false, [], ct => SearchAnswers.PageAsync(reads, cache, query, ct), cancellationToken);
        if (answer.Result is Ok<ListPage<SearchItem>> { Value: { } page })
        {
            Paging.SetLinks(http, page.Page, page.PageSize, page.TotalCount);
        }
        return answer;
    }
}
