using System.Net;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>GET /api/v1/stats/connectivity; each test's flights run in a period of their own, under airline codes of their own.</summary>
public sealed class ConnectivityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/stats/connectivity";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<int> CreateAsync(
        string origin, string destination, FlightStatus status, int weekly, DateOnly? from, DateOnly? to, params (string Code, string Name)[] airlines)
    {
        var body = Bodies.Flight(origin, destination);
        var write = new FlightWrite
        {
            OriginAirport = body.OriginAirport,
            DestinationAirport = body.DestinationAirport,
            Airlines = [.. airlines.Select(a => new AirlineWrite { Code = a.Code, Name = a.Name })],
            WeeklyFrequency = weekly,
            Status = status,
            ValidFrom = from,
            ValidTo = to,
            Sources = [Bodies.Source],
        };
        var response = await _client.PostJsonAsync("/api/v1/flights", write);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<FlightResponse>()).Id;
    }

    [Fact]
    public async Task Connectivity_SharedRoute_CountsWholeForEachAirline()
    {
        var (from, to) = (new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31));
        var shared = await CreateAsync("ALA", "ICN", FlightStatus.Operating, 7, from, to, ("Q1", "First Air"), ("Q2", "Second Air"));
        var alone = await CreateAsync("NQZ", "ICN", FlightStatus.Operating, 3, from, to, ("Q1", "First Air"));
        var later = await CreateAsync("CIT", "ICN", FlightStatus.Operating, 5, new DateOnly(2031, 1, 1), null, ("Q1", "First Air"));

        var connectivity = await _client.GetJsonAsync<Connectivity>($"{Path}?date=2030-06-01");

        var ids = connectivity.Routes.Select(r => r.FlightId).ToList();
        Assert.Equal(new DateOnly(2030, 6, 1), connectivity.Date);
        Assert.Contains(shared, ids);
        Assert.Contains(alone, ids);
        Assert.DoesNotContain(later, ids);
        Assert.Equal(connectivity.Routes.Sum(r => r.WeeklyFrequency), connectivity.WeeklyFlights);
        Assert.Equal(
            connectivity.Routes.OrderBy(r => r.OriginAirport, StringComparer.Ordinal).ThenBy(r => r.DestinationAirport, StringComparer.Ordinal).ThenBy(r => r.FlightId),
            connectivity.Routes);
        Assert.Equal(new AirlineConnectivity("Q1", "First Air", 2, 10, 1), Assert.Single(connectivity.ByAirline, a => a.Code == "Q1"));
        Assert.Equal(new AirlineConnectivity("Q2", "Second Air", 1, 7, 1), Assert.Single(connectivity.ByAirline, a => a.Code == "Q2"));
        Assert.Equal(connectivity.ByAirline.OrderBy(a => a.Code, StringComparer.Ordinal), connectivity.ByAirline);
    }

    [Fact]
    public async Task Connectivity_SeedDay_HasTheElevenWeeklyAlmatySeoulFlightsUnsplit()
    {
        var connectivity = await _client.GetJsonAsync<Connectivity>($"{Path}?date=1990-01-01");

        var route = Assert.Single(connectivity.Routes);
        Assert.Equal(("ALA", "SEL", 11), (route.OriginAirport, route.DestinationAirport, route.WeeklyFrequency));
        Assert.Equal(11, connectivity.WeeklyFlights);
        Assert.Equal(
            [new AirlineConnectivity("KC", "Air Astana", 1, 11, 1), new AirlineConnectivity("OZ", "Asiana Airlines", 1, 11, 1)],
            connectivity.ByAirline);
    }

    [Fact]
    public async Task Connectivity_PlannedWhateverTheDates_SuspendedOnlyCovering()
    {
        var planned = await CreateAsync("ALA", "PUS", FlightStatus.Planned, 0, new DateOnly(2040, 1, 1), null);
        var suspended = await CreateAsync("ALA", "CJU", FlightStatus.Suspended, 2, new DateOnly(2032, 1, 1), new DateOnly(2032, 1, 31), ("Q3", "Third Air"));

        var inside = await _client.GetJsonAsync<Connectivity>($"{Path}?date=2032-01-31");
        var outside = await _client.GetJsonAsync<Connectivity>($"{Path}?date=2032-02-01");

        Assert.Contains(inside.Planned, r => r.FlightId == planned);
        Assert.Contains(outside.Planned, r => r.FlightId == planned);
        Assert.Contains(inside.Suspended, r => r.FlightId == suspended);
        Assert.DoesNotContain(outside.Suspended, r => r.FlightId == suspended);
        Assert.DoesNotContain(inside.Routes, r => r.FlightId == suspended);
        Assert.DoesNotContain(inside.ByAirline, a => a.Code == "Q3");
    }

    [Fact]
    public async Task Connectivity_WithoutDate_IsToday_AndAnswers304()
    {
        var first = await _client.GetAsync(Path, TestHelpers.Cancel);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var again = await _client.GetAsync(Path, ifNoneMatch: first.Headers.ETag!.ToString());

        Assert.Equal(today, (await first.ReadAsync<Connectivity>()).Date);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Theory]
    [InlineData("date=2030-02-30")]
    [InlineData("date=tomorrow")]
    [InlineData("date=2030-6-1")]
    public async Task Connectivity_BadDate_Is400NamingIt(string query)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestHelpers.Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains("date", problem.ErrorFields());
    }
}
