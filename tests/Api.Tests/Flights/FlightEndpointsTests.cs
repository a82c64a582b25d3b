using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Flights;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Tests.Flights;

public sealed class FlightEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/flights";

    /// <summary>A valid create body with airport codes no other test uses; validation tests change one thing in it.</summary>
    private const string ValidBody = """
        {"originAirport":"QZA","destinationAirport":"QZB","airlines":[{"code":"KC","name":"Air Astana"}],
         "weeklyFrequency":7,"durationMinutes":360,"status":"operating"}
        """;

    private static int _airports = -1;

    private readonly HttpClient _client = api.CreateClient();

    /// <summary>
    /// An airport code no seed record (ALA, NQZ, SEL) and no other test uses: "Q" and two letters, in ascending order
    /// of issue. A test filters on the codes it made, so it sees only its own records.
    /// </summary>
    private static string NewAirport()
    {
        var n = Interlocked.Increment(ref _airports);
        return $"Q{(char)('A' + (n / 26 % 25))}{(char)('A' + (n % 26))}";
    }

    private static FlightWrite FlightBody(
        string origin,
        string destination,
        int weeklyFrequency = 7,
        FlightStatus status = FlightStatus.Operating,
        string[]? airlines = null,
        DateOnly? validFrom = null,
        DateOnly? validTo = null) => new()
        {
            OriginAirport = origin,
            DestinationAirport = destination,
            Airlines = (airlines ?? ["KC"]).Select(code => new AirlineWrite { Code = code, Name = $"Airline {code}" }).ToList(),
            WeeklyFrequency = weeklyFrequency,
            DurationMinutes = 360,
            Status = status,
            ValidFrom = validFrom,
            ValidTo = validTo,
            Sources = [Bodies.Source],
        };

    /// <summary><see cref="ValidBody"/> with the members of <paramref name="overrides"/> set on it.</summary>
    private static string ValidBodyWith(string overrides)
    {
        var body = JsonNode.Parse(ValidBody)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }
        return body.ToJsonString();
    }

    private async Task<FlightResponse> CreateAsync(FlightWrite body)
    {
        var response = await _client.PostJsonAsync(Path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<FlightResponse>();
    }

    private async Task<IEnumerable<int>> ListIdsAsync(string query) =>
        (await _client.GetJsonAsync<ListPage<FlightResponse>>($"{Path}?{query}")).Items.Select(f => f.Id);

    [Fact]
    public async Task Create_ValidBody_Returns201WithLocationETagAndRecord()
    {
        var (origin, destination) = (NewAirport(), NewAirport());
        var body = FlightBody(origin, destination, weeklyFrequency: 11, airlines: ["KC", "OZ"], validFrom: new DateOnly(2024, 3, 31), validTo: new DateOnly(2024, 10, 26));

        var response = await _client.PostJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<FlightResponse>();
        Assert.Equal($"http://localhost{Path}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal((origin, destination, 11, 360, FlightStatus.Operating, 1), (created.OriginAirport, created.DestinationAirport, created.WeeklyFrequency, created.DurationMinutes, created.Status, created.Version));
        Assert.Equal([new AirlineResponse("KC", "Airline KC"), new AirlineResponse("OZ", "Airline OZ")], created.Airlines);
        Assert.Equal((new DateOnly(2024, 3, 31), new DateOnly(2024, 10, 26)), (created.ValidFrom, created.ValidTo));
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.Equal("Test source", Assert.Single(created.Sources).Name);
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal(created, stored with { Airlines = created.Airlines, Sources = created.Sources });
        Assert.Equal(created.Airlines, stored.Airlines);
    }

    [Fact]
    public async Task Create_PlannedWithoutAirlines_Returns201WithEmptyAirlines()
    {
        var body = $$"""{"originAirport":"{{NewAirport()}}","destinationAirport":"{{NewAirport()}}","weeklyFrequency":0,"status":"planned"}""";

        var response = await _client.SendRawAsync(HttpMethod.Post, Path, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<FlightResponse>();
        Assert.Empty(created.Airlines);
        Assert.Empty(created.Sources);
        Assert.Equal((FlightStatus.Planned, 0, null, null), (created.Status, created.WeeklyFrequency, created.DurationMinutes, created.ValidFrom));
    }

    [Fact]
    public async Task Create_EnumsAndDates_AreWrittenAsCamelCaseStringsAndFullDates()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport(), status: FlightStatus.Suspended, validFrom: new DateOnly(2024, 3, 31)));

        var raw = await _client.GetStringAsync($"{Path}/{created.Id}", TestContext.Current.CancellationToken);

        Assert.Contains("\"status\":\"suspended\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"validFrom\":\"2024-03-31\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"airlines\":[{\"code\":\"KC\",\"name\":\"Airline KC\"}]", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithCurrentIfMatch_ReplacesAirlinesInTheGivenOrderAndBumpsVersion()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport(), airlines: ["KC"]));
        var (origin, destination) = (NewAirport(), NewAirport());
        var body = new FlightWrite
        {
            OriginAirport = origin,
            DestinationAirport = destination,
            Airlines = [new AirlineWrite { Code = "OZ", Name = "Asiana Airlines" }, new AirlineWrite { Code = "7C", Name = "Jeju Air" }, new AirlineWrite { Code = "KC", Name = "Air Astana" }],
            WeeklyFrequency = 14,
            Status = FlightStatus.Operating,
        };

        var response = await _client.PutJsonAsync($"{Path}/{created.Id}", body, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var returned = await response.ReadAsync<FlightResponse>();
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        AirlineResponse[] expected = [new("OZ", "Asiana Airlines"), new("7C", "Jeju Air"), new("KC", "Air Astana")];
        Assert.Equal(expected, returned.Airlines);
        Assert.Equal(expected, stored.Airlines);
        Assert.Equal((origin, destination, 14, 2), (stored.OriginAirport, stored.DestinationAirport, stored.WeeklyFrequency, stored.Version));
        Assert.Null(stored.DurationMinutes);
        Assert.Empty(stored.Sources);
        Assert.Equal(created.CreatedAt, stored.CreatedAt);
        Assert.True(stored.UpdatedAt >= created.UpdatedAt);
    }

    [Fact]
    public async Task Replace_InvalidBody_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport()));

        var response = await _client.SendRawAsync(HttpMethod.Put, $"{Path}/{created.Id}", ValidBodyWith("""{"weeklyFrequency":500}"""));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["weeklyFrequency"], problem.ErrorFields());
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal((created.OriginAirport, 7, 1), (stored.OriginAirport, stored.WeeklyFrequency, stored.Version));
    }

    [Fact]
    public async Task Patch_MergePatch_ReplacesAirlinesWholeAndNullRemovesDuration()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport(), weeklyFrequency: 11, airlines: ["KC", "OZ"]));

        var response = await _client.PatchAsync(
            $"{Path}/{created.Id}", """{"airlines":[{"code":"7C","name":"Jeju Air"}],"durationMinutes":null}""", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var patched = await response.ReadAsync<FlightResponse>();
        Assert.Equal([new AirlineResponse("7C", "Jeju Air")], patched.Airlines);
        Assert.Null(patched.DurationMinutes);
        Assert.Equal((created.OriginAirport, created.DestinationAirport, 11, FlightStatus.Operating, 2), (patched.OriginAirport, patched.DestinationAirport, patched.WeeklyFrequency, patched.Status, patched.Version));
        Assert.Equal(created.Sources, patched.Sources);
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal(patched.Airlines, stored.Airlines);
        Assert.Null(stored.DurationMinutes);
    }

    [Fact]
    public async Task Patch_StatusAndScheduleOnly_KeepsTheAirlines()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport(), airlines: ["OZ", "KC"]));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"status":"suspended","validFrom":"2024-11-01"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.ReadAsync<FlightResponse>();
        Assert.Equal((FlightStatus.Suspended, new DateOnly(2024, 11, 1), 360), (patched.Status, patched.ValidFrom, patched.DurationMinutes));
        Assert.Equal(created.Airlines, patched.Airlines);
    }

    [Fact]
    public async Task Patch_RemovingTheAirlinesOfAnOperatingService_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport(), airlines: ["KC"]));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"airlines":null}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["airlines"], problem.ErrorFields());
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal(("KC", 1), (Assert.Single(stored.Airlines).Code, stored.Version));
    }

    [Fact]
    public async Task Patch_DestinationEqualToOrigin_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport()));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", $$"""{"destinationAirport":"{{created.OriginAirport}}"}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["destinationAirport"], problem.ErrorFields());
        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal((created.DestinationAirport, 1), (stored.DestinationAirport, stored.Version));
    }

    [Fact]
    public async Task Patch_UnknownNestedProperty_Returns400NamingItAndChangesNothing()
    {
        var created = await CreateAsync(FlightBody(NewAirport(), NewAirport()));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"airlines":[{"code":"OZ","name":"Asiana Airlines","alliance":"Star"}]}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal(["airlines[0].alliance"], problem.ErrorFields());
        Assert.Equal(1, (await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}")).Version);
    }

    [Theory]
    [InlineData("""{"airlines":[{"code":"kc","name":"Air Astana"}]}""", "airlines[0].code")]
    [InlineData("""{"airlines":[{"code":"KC","name":"Air Astana"},{"code":"OZX","name":"Asiana Airlines"}]}""", "airlines[1].code")]
    [InlineData("""{"airlines":[{"code":"KC","name":" "}]}""", "airlines[0].name")]
    [InlineData("""{"airlines":[{"code":"KC"}]}""", "airlines[0].name")]
    [InlineData("""{"airlines":[null]}""", "airlines[0]")]
    [InlineData("""{"destinationAirport":"QZA"}""", "destinationAirport")]
    [InlineData("""{"airlines":[]}""", "airlines")]
    [InlineData("""{"airlines":null}""", "airlines")]
    [InlineData("""{"weeklyFrequency":169}""", "weeklyFrequency")]
    [InlineData("""{"weeklyFrequency":-1}""", "weeklyFrequency")]
    [InlineData("""{"durationMinutes":0}""", "durationMinutes")]
    [InlineData("""{"durationMinutes":1441}""", "durationMinutes")]
    [InlineData("""{"validFrom":"2024-10-27","validTo":"2024-10-26"}""", "validTo")]
    [InlineData("""{"originAirport":"qza"}""", "originAirport")]
    [InlineData("""{"originAirport":"QZ"}""", "originAirport")]
    [InlineData("""{"destinationAirport":"QZB1"}""", "destinationAirport")]
    [InlineData("""{"sources":[{"name":"s","url":"ftp://example.org"}]}""", "sources[0].url")]
    public async Task Create_BreaksARule_Returns400WithTheCamelCaseFieldPath(string overrides, string field)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Theory]
    [InlineData("""{"weeklyFrequency":0}""")]
    [InlineData("""{"weeklyFrequency":168}""")]
    [InlineData("""{"durationMinutes":1}""")]
    [InlineData("""{"durationMinutes":1440}""")]
    [InlineData("""{"validFrom":"2024-10-26","validTo":"2024-10-26"}""")]
    [InlineData("""{"validTo":"2024-10-26"}""")]
    [InlineData("""{"airlines":[{"code":"7C","name":"Jeju Air"}]}""")]
    [InlineData("""{"status":"discontinued","airlines":[]}""")]
    public async Task Create_AtTheEdgeOfARule_Returns201(string overrides)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
    }

    [Fact]
    public async Task Create_ElevenAirlines_Returns400NamingAirlines()
    {
        var airlines = Enumerable.Range(0, 11).Select(i => new AirlineWrite { Code = $"{(char)('A' + i)}1", Name = $"Airline {i}" }).ToList();
        var body = new FlightWrite { OriginAirport = NewAirport(), DestinationAirport = NewAirport(), Airlines = airlines, WeeklyFrequency = 11, Status = FlightStatus.Operating };

        var response = await _client.PostJsonAsync(Path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["airlines"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_TenAirlines_Returns201KeepingTheirOrder()
    {
        var codes = Enumerable.Range(0, 10).Select(i => $"Z{9 - i}").ToList();
        var body = new FlightWrite
        {
            OriginAirport = NewAirport(),
            DestinationAirport = NewAirport(),
            Airlines = codes.Select(c => new AirlineWrite { Code = c, Name = $"Airline {c}" }).ToList(),
            WeeklyFrequency = 10,
            Status = FlightStatus.Operating,
        };

        var created = await CreateAsync(body);

        var stored = await _client.GetJsonAsync<FlightResponse>($"{Path}/{created.Id}");
        Assert.Equal(codes, stored.Airlines.Select(a => a.Code));
    }

    [Fact]
    public async Task Create_MissingRequiredFields_Returns400NamingEach()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, "{}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["destinationAirport", "originAirport", "status", "weeklyFrequency"], problem.ErrorFields().Order());
    }

    [Theory]
    [InlineData("""{"frequency":7}""", "frequency")]
    [InlineData("""{"airlines":[{"code":"KC","name":"Air Astana","alliance":"none"}]}""", "airlines[0].alliance")]
    [InlineData("""{"airlines":[{"code":"KC","name":"Air Astana"},{"code":"OZ","name":"Asiana","hub":"ICN"}]}""", "airlines[1].hub")]
    [InlineData("""{"sources":[{"name":"s","extra":1}]}""", "sources[0].extra")]
    [InlineData("""{"weeklyFrequency":"7"}""", "weeklyFrequency")]
    [InlineData("""{"weeklyFrequency":7.5}""", "weeklyFrequency")]
    [InlineData("""{"durationMinutes":true}""", "durationMinutes")]
    [InlineData("""{"status":"flying"}""", "status")]
    [InlineData("""{"status":0}""", "status")]
    [InlineData("""{"validFrom":"2024"}""", "validFrom")]
    [InlineData("""{"validTo":"2024-02-30"}""", "validTo")]
    [InlineData("""{"airlines":"KC"}""", "airlines")]
    [InlineData("""{"airlines":[{"code":7,"name":"Air Astana"}]}""", "airlines[0].code")]
    public async Task Create_UnknownOrUnreadableProperty_Returns400NamingIt(string overrides, string field)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.DoesNotContain("RelationsApi", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AirlineCode_MatchesAnyListedAirline()
    {
        var destination = NewAirport();
        var both = await CreateAsync(FlightBody(NewAirport(), destination, airlines: ["KC", "OZ"]));
        var asianaOnly = await CreateAsync(FlightBody(NewAirport(), destination, airlines: ["OZ"]));
        await CreateAsync(FlightBody(NewAirport(), destination, airlines: ["KC"]));
        await CreateAsync(FlightBody(NewAirport(), destination, status: FlightStatus.Planned, airlines: []));

        var page = await _client.GetJsonAsync<ListPage<FlightResponse>>($"{Path}?airlineCode=OZ&destinationAirport={destination}");

        Assert.Equal([both.Id, asianaOnly.Id], page.Items.Select(f => f.Id).Order());
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task List_OriginAndDestinationAirport_MatchOnlyThatEnd()
    {
        var (a, b, c) = (NewAirport(), NewAirport(), NewAirport());
        var aToB = await CreateAsync(FlightBody(a, b));
        var bToA = await CreateAsync(FlightBody(b, a));
        var aToC = await CreateAsync(FlightBody(a, c));

        var fromA = await ListIdsAsync($"originAirport={a}");
        var toA = await ListIdsAsync($"destinationAirport={a}");
        var aToBOnly = await ListIdsAsync($"originAirport={a}&destinationAirport={b}");

        Assert.Equal([aToB.Id, aToC.Id], fromA.Order());
        Assert.Equal([bToA.Id], toA);
        Assert.Equal([aToB.Id], aToBOnly);
    }

    [Fact]
    public async Task List_Airport_MatchesEitherEnd()
    {
        var (a, b, c) = (NewAirport(), NewAirport(), NewAirport());
        var aToB = await CreateAsync(FlightBody(a, b));
        var bToA = await CreateAsync(FlightBody(b, a));
        await CreateAsync(FlightBody(b, c));

        var page = await _client.GetJsonAsync<ListPage<FlightResponse>>($"{Path}?airport={a}");

        Assert.Equal([aToB.Id, bToA.Id], page.Items.Select(f => f.Id).Order());
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task List_StatusList_MatchesAnyOfTheStatuses()
    {
        var destination = NewAirport();
        var operating = await CreateAsync(FlightBody(NewAirport(), destination, status: FlightStatus.Operating));
        var planned = await CreateAsync(FlightBody(NewAirport(), destination, status: FlightStatus.Planned, airlines: []));
        await CreateAsync(FlightBody(NewAirport(), destination, status: FlightStatus.Suspended));
        await CreateAsync(FlightBody(NewAirport(), destination, status: FlightStatus.Discontinued));

        var both = await ListIdsAsync($"status=operating,planned&destinationAirport={destination}");
        var one = await ListIdsAsync($"status=planned&destinationAirport={destination}");

        Assert.Equal([operating.Id, planned.Id], both.Order());
        Assert.Equal([planned.Id], one);
    }

    [Fact]
    public async Task List_SortByWeeklyFrequency_DescendingIsTheReverseOfAscending_TiesByIdInTheSameDirection()
    {
        var destination = NewAirport();
        var ten = await CreateAsync(FlightBody(NewAirport(), destination, weeklyFrequency: 10));
        var three = await CreateAsync(FlightBody(NewAirport(), destination, weeklyFrequency: 3));
        var tenAgain = await CreateAsync(FlightBody(NewAirport(), destination, weeklyFrequency: 10));
        var zero = await CreateAsync(FlightBody(NewAirport(), destination, weeklyFrequency: 0));

        var ascending = await ListIdsAsync($"destinationAirport={destination}&sort=weeklyFrequency");
        var descending = await ListIdsAsync($"destinationAirport={destination}&sort=-weeklyFrequency");

        Assert.Equal([zero.Id, three.Id, ten.Id, tenAgain.Id], ascending);
        Assert.Equal([tenAgain.Id, ten.Id, three.Id, zero.Id], descending);
    }

    [Fact]
    public async Task List_SortByValidFrom_OrdersByDateThenId()
    {
        var destination = NewAirport();
        var summer = await CreateAsync(FlightBody(NewAirport(), destination, validFrom: new DateOnly(2024, 3, 31)));
        var winter = await CreateAsync(FlightBody(NewAirport(), destination, validFrom: new DateOnly(2023, 10, 29)));
        var summerAgain = await CreateAsync(FlightBody(NewAirport(), destination, validFrom: new DateOnly(2024, 3, 31)));

        var ascending = await ListIdsAsync($"destinationAirport={destination}&sort=validFrom");
        var descending = await ListIdsAsync($"destinationAirport={destination}&sort=-validFrom");

        Assert.Equal([winter.Id, summer.Id, summerAgain.Id], ascending);
        Assert.Equal([summerAgain.Id, summer.Id, winter.Id], descending);
    }

    [Fact]
    public async Task List_SortByOriginAirport_OrdersByCodeThenId()
    {
        var destination = NewAirport();
        var origins = new[] { NewAirport(), NewAirport(), NewAirport() }.Order(StringComparer.Ordinal).ToArray();
        var last = await CreateAsync(FlightBody(origins[2], destination));
        var first = await CreateAsync(FlightBody(origins[0], destination));
        var middle = await CreateAsync(FlightBody(origins[1], destination));
        var firstAgain = await CreateAsync(FlightBody(origins[0], destination));

        var ascending = await ListIdsAsync($"destinationAirport={destination}&sort=originAirport");
        var descending = await ListIdsAsync($"destinationAirport={destination}&sort=-originAirport");
        var byDefault = await ListIdsAsync($"destinationAirport={destination}");

        Assert.Equal([first.Id, firstAgain.Id, middle.Id, last.Id], ascending);
        Assert.Equal([last.Id, middle.Id, firstAgain.Id, first.Id], descending);
        Assert.Equal(ascending, byDefault);
    }

    [Fact]
    public async Task List_SortByTwoFields_AppliesThemInOrder()
    {
        var destination = NewAirport();
        var (a, b) = (NewAirport(), NewAirport());
        var bFew = await CreateAsync(FlightBody(b, destination, weeklyFrequency: 2));
        var aMany = await CreateAsync(FlightBody(a, destination, weeklyFrequency: 9));
        var bMany = await CreateAsync(FlightBody(b, destination, weeklyFrequency: 9));

        var ids = await ListIdsAsync($"destinationAirport={destination}&sort=-weeklyFrequency,originAirport");

        Assert.Equal([aMany.Id, bMany.Id, bFew.Id], ids);
    }

    [Theory]
    [InlineData("status=operating,flying", "status")]
    [InlineData("status=grounded", "status")]
    [InlineData("airport=ala", "airport")]
    [InlineData("airport=AL", "airport")]
    [InlineData("originAirport=ALMA", "originAirport")]
    [InlineData("destinationAirport=1CN", "destinationAirport")]
    [InlineData("airlineCode=kc", "airlineCode")]
    [InlineData("airlineCode=KCX", "airlineCode")]
    [InlineData("sort=title", "sort")]
    [InlineData("sort=-weeklyFrequency,weeklyFrequency", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task List_BadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([parameter], problem.ErrorFields());
    }

    [Fact]
    public async Task List_UnknownStatus_NamesTheAllowedValues()
    {
        var response = await _client.GetAsync($"{Path}?status=operating,flying", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var message = (string?)problem["errors"]!["status"]![0];
        Assert.Contains("operating, planned, suspended, discontinued", message, StringComparison.Ordinal);
    }
}
