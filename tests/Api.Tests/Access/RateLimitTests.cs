using System.Net;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Access;

/// <summary>Rate limits: writes per key, reads per client address, health and documentation never.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public RateLimitTests()
    {
        _api.Settings["RateLimits:ReadsPerMinute"] = "3";
        _api.Settings["RateLimits:WritesPerMinute"] = "2";
    }

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Writes_OverTheLimit_Are429WithRetryAfter_PerKey()
    {
        var writer = _api.CreateClient();
        var other = _api.CreateAnonymousClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", _api.Key("another-partner", "write"));

        var allowed = new[] { await writer.PostJsonAsync("/api/v1/events", Bodies.Event("One")), await writer.PostJsonAsync("/api/v1/events", Bodies.Event("Two")) };
        var refused = await writer.PostJsonAsync("/api/v1/events", Bodies.Event("Three"));
        var otherKey = await other.PostJsonAsync("/api/v1/events", Bodies.Event("Other key"));

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests, Problems.TooManyRequests);
        Assert.Contains(_api.WriteKeyName, (string?)problem["detail"]);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30);   // 2 a minute: one more every 30 s
        Assert.Equal(HttpStatusCode.Created, otherKey.StatusCode);
        var titles = (await _api.CreateAnonymousClient().GetJsonAsync<ListPage<RelationsApi.Api.Events.EventResponse>>("/api/v1/events?q=Three")).Items;
        Assert.Empty(titles);   // the refused write changed nothing
    }

    [Fact]
    public async Task Reads_OverTheLimit_Are429_WhileHealthAndDocsStayOpen()
    {
        var reader = _api.CreateAnonymousClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/events", Cancel)).StatusCode);
        }

        var refused = await reader.GetAsync("/api/v1/flights", Cancel);

        await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests, Problems.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/live", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/health/ready", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/swagger/v1/swagger.json", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/problems/too-many-requests", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Reads_WithAKey_UseTheKeysOwnAllowance()
    {
        var anonymous = _api.CreateAnonymousClient();
        for (var i = 0; i < 3; i++)
        {
            await anonymous.GetAsync("/api/v1/events", Cancel);
        }
        var partner = _api.CreateAnonymousClient();
        partner.DefaultRequestHeaders.Add("X-Api-Key", _api.Key("reading-partner", "read"));

        var anonymousAgain = await anonymous.GetAsync("/api/v1/events", Cancel);
        var withKey = await partner.GetAsync("/api/v1/events", Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task ReadsAndWrites_CountApart()
    {
        var writer = _api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await writer.GetAsync("/api/v1/events", Cancel);
        }

        var write = await writer.PostJsonAsync("/api/v1/events", Bodies.Event("Still allowed"));

        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
    }
}
