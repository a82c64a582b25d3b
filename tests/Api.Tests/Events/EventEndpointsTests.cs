using System.Net;
using System.Text.Json;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;

namespace RelationsApi.Api.Tests.Events;

public sealed class EventEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/events";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<EventResponse> CreateAsync(EventWrite body)
    {
        var response = await _client.PostJsonAsync(Path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<EventResponse>();
    }

    [Fact]
    public async Task Create_ValidBody_Returns201WithLocationETagAndRecord()
    {
        var response = await _client.PostJsonAsync(Path, Bodies.Event(title: "Nauryz concert in Seoul", date: "2024-03"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<EventResponse>();
        Assert.Equal($"http://localhost{Path}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Nauryz concert in Seoul", created.Title);
        Assert.Equal("2024-03", created.Date.ToString());
        Assert.Equal(1, created.Version);
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.Equal("Test source", Assert.Single(created.Sources).Name);
        var stored = await _client.GetJsonAsync<EventResponse>($"{Path}/{created.Id}");
        Assert.Equal(created, stored with { Participants = created.Participants, Sources = created.Sources });
    }

    [Theory]
    [InlineData("1992")]
    [InlineData("1992-12")]
    [InlineData("1992-12-16")]
    public async Task Create_PartialDate_IsReturnedExactlyAsPrecise(string date)
    {
        var created = await CreateAsync(Bodies.Event(date: date));

        var raw = await _client.GetStringAsync($"{Path}/{created.Id}", TestContext.Current.CancellationToken);

        Assert.Contains($"\"date\":\"{date}\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithCurrentIfMatch_ReplacesAndBumpsVersion()
    {
        var created = await CreateAsync(Bodies.Event(title: "Before"));
        var body = Bodies.Event(title: "After");
        body = new EventWrite { Title = "After", Category = EventCategory.Economic, Date = body.Date, CountryCode = "KR" };

        var response = await _client.PutJsonAsync($"{Path}/{created.Id}", body, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var replaced = await _client.GetJsonAsync<EventResponse>($"{Path}/{created.Id}");
        Assert.Equal(("After", EventCategory.Economic, "KR", 2), (replaced.Title, replaced.Category, replaced.CountryCode, replaced.Version));
        Assert.Empty(replaced.Participants);
        Assert.Empty(replaced.Sources);
        Assert.Null(replaced.City);
        Assert.Equal(created.CreatedAt, replaced.CreatedAt);
        Assert.True(replaced.UpdatedAt >= created.UpdatedAt);
    }

    [Fact]
    public async Task Patch_MergePatch_ChangesOnlyNamedFieldsAndNullRemoves()
    {
        var created = await CreateAsync(Bodies.Event(title: "Patch me"));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"summary":"Added","city":null,"endDate":"2024-06"}""", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.ReadAsync<EventResponse>();
        Assert.Equal(("Patch me", "Added", null, "2024-06", 2), (patched.Title, patched.Summary, patched.City, patched.EndDate?.ToString(), patched.Version));
        Assert.Equal(created.Participants, patched.Participants);
    }

    [Fact]
    public async Task Patch_ThatBreaksARule_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(Bodies.Event(date: "2024-05-10"));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"endDate":"2023","title":null}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["endDate", "title"], problem.ErrorFields().Order());
        Assert.Equal(1, (await _client.GetJsonAsync<EventResponse>($"{Path}/{created.Id}")).Version);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"title\"")]
    [InlineData("{\"title\":")]
    public async Task Patch_NotAJsonObject_Returns400(string patch)
    {
        var created = await CreateAsync(Bodies.Event());

        var response = await _client.PatchAsync($"{Path}/{created.Id}", patch);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
    }

    [Fact]
    public async Task Create_InvalidFields_Returns400WithCamelCaseFieldPaths()
    {
        var body = """
            {"title":" ","category":"cultural","date":"2024-05-10","endDate":"2023","countryCode":"XX",
             "participants":["ok",""],"sources":[{"name":"","url":"ftp://example.org"}]}
            """;

        var response = await _client.SendRawAsync(HttpMethod.Post, Path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(
            ["countryCode", "endDate", "participants[1]", "sources[0].name", "sources[0].url", "title"],
            problem.ErrorFields().Order());
    }

    [Fact]
    public async Task Create_MissingRequiredFields_Returns400NamingEach()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, "{}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["category", "countryCode", "date", "title"], problem.ErrorFields().Order());
    }

    [Theory]
    [InlineData("""{"title":"x","category":"cultural","date":"2024","countryCode":"KZ","colour":"red"}""", "colour")]
    [InlineData("""{"title":"x","category":"cultural","date":"2024","countryCode":"KZ","sources":[{"name":"s","extra":1}]}""", "sources[0].extra")]
    [InlineData("""{"title":"x","category":"party","date":"2024","countryCode":"KZ"}""", "category")]
    [InlineData("""{"title":"x","category":"cultural","date":"2024-13","countryCode":"KZ"}""", "date")]
    [InlineData("""{"title":"x","category":"cultural","date":1992,"countryCode":"KZ"}""", "date")]
    [InlineData("""{"title":42,"category":"cultural","date":"2024","countryCode":"KZ"}""", "title")]
    [InlineData("""{"title":"x","category":3,"date":"2024","countryCode":"KZ"}""", "category")]
    public async Task Create_UnreadableField_Returns400NamingTheField(string body, string field)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.DoesNotContain("RelationsApi", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"title\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Create_MalformedJson_Returns400(string body)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, body);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
    }

    [Fact]
    public async Task Create_WrongContentType_Returns415()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, "title=x", "application/x-www-form-urlencoded");

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
    }

    [Fact]
    public async Task Create_ReadOnlyFields_AreIgnored()
    {
        var body = """{"id":555,"version":9,"createdAt":"2001-01-01T00:00:00Z","updatedAt":"2001-01-01T00:00:00Z","title":"x","category":"other","date":"2024","countryCode":"KZ"}""";

        var response = await _client.SendRawAsync(HttpMethod.Post, Path, body);

        var created = await response.ReadAsync<EventResponse>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(555, created.Id);
        Assert.Equal(1, created.Version);
        Assert.True(created.CreatedAt.Year > 2001);
    }

    [Fact]
    public async Task List_FromTo_MatchesRecordsWhosePeriodOverlaps()
    {
        var tag = Guid.NewGuid().ToString("N");
        var year = await CreateAsync(Bodies.Event(title: $"{tag} year", date: "1990"));
        var month = await CreateAsync(Bodies.Event(title: $"{tag} month", date: "1990-06"));
        var day = await CreateAsync(Bodies.Event(title: $"{tag} day", date: "1990-07-01"));
        var spanning = await CreateAsync(new EventWrite
        {
            Title = $"{tag} span", Category = EventCategory.Economic, Date = PartialDate.Parse("1988"), EndDate = PartialDate.Parse("1990-01"), CountryCode = "KR",
        });

        var june = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&from=1990-06-15&to=1990-06-20&sort=date");
        var january = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&from=1990-01-31&to=1990-01-31&sort=date");
        var julyOn = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&from=1990-07-01&sort=date");

        Assert.Equal([year.Id, month.Id], june.Items.Select(e => e.Id));
        Assert.Equal([spanning.Id, year.Id], january.Items.Select(e => e.Id));
        Assert.Equal([year.Id, day.Id], julyOn.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_CategoryListAndCountry_MatchAnyOfTheCategories()
    {
        var tag = Guid.NewGuid().ToString("N");
        var cultural = await CreateAsync(Bodies.Event(title: $"{tag} a", countryCode: "KR"));
        var economic = await CreateAsync(new EventWrite { Title = $"{tag} b", Category = EventCategory.Economic, Date = PartialDate.Parse("2020"), CountryCode = "KR" });
        await CreateAsync(new EventWrite { Title = $"{tag} c", Category = EventCategory.Security, Date = PartialDate.Parse("2020"), CountryCode = "KR" });
        await CreateAsync(Bodies.Event(title: $"{tag} d", countryCode: "KZ"));

        var page = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&category=cultural,economic&countryCode=KR&sort=title");

        Assert.Equal([cultural.Id, economic.Id], page.Items.Select(e => e.Id));
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task List_Q_FindsTextInTitleSummaryAndParticipantsIgnoringCase()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var inTitle = await CreateAsync(Bodies.Event(title: $"Forum {tag.ToUpperInvariant()}"));
        var inParticipants = await CreateAsync(new EventWrite
        {
            Title = "Other", Category = EventCategory.Education, Date = PartialDate.Parse("2021"), CountryCode = "KZ", Participants = [$"Delegation {tag}"],
        });
        var inSummary = await CreateAsync(new EventWrite
        {
            Title = "Third", Summary = $"About {tag}.", Category = EventCategory.Education, Date = PartialDate.Parse("2022"), CountryCode = "KZ",
        });

        var page = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}");

        Assert.Equal([inTitle.Id, inParticipants.Id, inSummary.Id], page.Items.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task List_Q_FollowsEditsOfTheSearchedFields()
    {
        var before = Guid.NewGuid().ToString("N")[..12];
        var after = Guid.NewGuid().ToString("N")[..12];
        var created = await CreateAsync(Bodies.Event(title: $"Forum {before}"));

        var patched = await _client.PatchAsync($"{Path}/{created.Id}", $$"""{"title":"Forum {{after}}","participants":["Delegation {{before}}x"]}""");
        var byOldTitle = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q=forum%20{before}");
        var byNewTitle = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={after}");
        var byNewParticipant = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={before}X");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Empty(byOldTitle.Items);
        Assert.Equal([created.Id], byNewTitle.Items.Select(e => e.Id));
        Assert.Equal([created.Id], byNewParticipant.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_Q_DoesNotMatchAcrossTwoFields()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        await CreateAsync(new EventWrite
        {
            Title = $"Forum {tag[..6]}", Summary = $"{tag[6..]} notes", Category = EventCategory.Education, Date = PartialDate.Parse("2021"),
            CountryCode = "KZ", Participants = ["First", "Second"],
        });

        var acrossTitleAndSummary = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}");
        var acrossParticipants = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q=firstsecond&category=education&from=2021-01-01&to=2021-12-31");

        Assert.Equal(0, acrossTitleAndSummary.TotalCount);
        Assert.DoesNotContain(acrossParticipants.Items, e => e.Title == $"Forum {tag[..6]}");
    }

    [Fact]
    public async Task List_Q_IgnoresCaseInCyrillicToo()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = await CreateAsync(Bodies.Event(title: $"Дни культуры Казахстана {tag}"));

        var page = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={Uri.EscapeDataString($"КАЗАХСТАНА {tag}")}");

        Assert.Equal([created.Id], page.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_Q_DoesNotMatchTheCityOrVenue_ThoughTheSearchFindsThem()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var created = await CreateAsync(new EventWrite
        {
            Title = "Visit", Category = EventCategory.Education, Date = PartialDate.Parse("2021"), CountryCode = "KZ", City = $"City {tag}", Venue = $"Hall {tag}",
        });

        var list = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}");
        var search = await _client.GetJsonAsync<JsonElement>($"/api/v1/search?q={tag}&resources=events");

        Assert.Equal(0, list.TotalCount);
        Assert.Equal(created.Id, search.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task List_QOfOneOrTwoCharacters_IsFoundAnywhereInTheText()
    {
        var created = await CreateAsync(new EventWrite
        {
            Title = "Шұғыла ӘӨ", Category = EventCategory.Cultural, Date = PartialDate.Parse("1911-11-11"), CountryCode = "KZ",
        });

        var twoLetters = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={Uri.EscapeDataString("әө")}&from=1911-11-11&to=1911-11-11");
        var oneLetter = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={Uri.EscapeDataString("Ұ")}&from=1911-11-11&to=1911-11-11");

        Assert.Equal([created.Id], twoLetters.Items.Select(e => e.Id));
        Assert.Equal([created.Id], oneLetter.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_QWithQuotesAndKazakhLetters_MatchesThemLiterally()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var quoted = await CreateAsync(Bodies.Event(title: $"{tag} \"Қазақ* OR елі\""));
        await CreateAsync(Bodies.Event(title: $"{tag} Қазақ елі"));

        var page = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={Uri.EscapeDataString($"{tag} \"ҚАЗАҚ* OR")}");

        Assert.Equal([quoted.Id], page.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_QWithLikeWildcards_MatchesThemLiterally()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var literal = await CreateAsync(Bodies.Event(title: $"{tag} 100% done"));
        await CreateAsync(Bodies.Event(title: $"{tag} 100 done"));

        var page = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={Uri.EscapeDataString($"{tag} 100%")}");

        Assert.Equal([literal.Id], page.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_Paging_SetsLinkHeaderAndNeverRepeatsOrSkips()
    {
        var tag = Guid.NewGuid().ToString("N");
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateAsync(Bodies.Event(title: $"{tag} same title", date: "2000"))).Id);
        }

        var first = await _client.GetAsync($"{Path}?q={tag}&sort=title&pageSize=2", TestContext.Current.CancellationToken);
        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            seen.AddRange((await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&sort=title&pageSize=2&page={page}")).Items.Select(e => e.Id));
        }

        var link = string.Join(",", first.Headers.GetValues("Link"));
        Assert.Contains("page=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=3>; rel=\"last\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains($"q={tag}", link, StringComparison.Ordinal);
        Assert.Equal(ids, seen);
    }

    [Theory]
    [InlineData(21474838)]
    [InlineData(int.MaxValue)]
    public async Task List_PageFarPastTheEnd_IsEmpty(int page)
    {
        var tag = Guid.NewGuid().ToString("N");
        await CreateAsync(Bodies.Event(title: tag));

        var result = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&pageSize=100&page={page}");

        Assert.Empty(result.Items);
        Assert.Equal((1, page), (result.TotalCount, result.Page));
    }

    [Fact]
    public async Task List_EnumFilter_IgnoresLetterCaseLikeBodiesDo()
    {
        var tag = Guid.NewGuid().ToString("N");
        var created = await CreateAsync(Bodies.Event(title: tag));

        var result = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&category=Cultural");

        Assert.Equal([created.Id], result.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task List_SortByDate_UsesStartOfPeriodThenId()
    {
        var tag = Guid.NewGuid().ToString("N");
        var day = await CreateAsync(Bodies.Event(title: $"{tag} a", date: "1995-01-01"));
        var year = await CreateAsync(Bodies.Event(title: $"{tag} b", date: "1995"));
        var month = await CreateAsync(Bodies.Event(title: $"{tag} c", date: "1995-03"));
        var earlier = await CreateAsync(Bodies.Event(title: $"{tag} d", date: "1994-12-31"));

        var ascending = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}&sort=date");
        var descending = await _client.GetJsonAsync<ListPage<EventResponse>>($"{Path}?q={tag}");

        Assert.Equal([earlier.Id, day.Id, year.Id, month.Id], ascending.Items.Select(e => e.Id));
        Assert.Equal([month.Id, year.Id, day.Id, earlier.Id], descending.Items.Select(e => e.Id));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("sort=colour", "sort")]
    [InlineData("sort=date,date", "sort")]
    [InlineData("category=diplomatic,sideways", "category")]
    [InlineData("countryCode=kz", "countryCode")]
    [InlineData("from=2024-02-30", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=06/01/2019", "from")]
    [InlineData("from=2019-6-1", "from")]
    [InlineData("to=2019-06-01T00:00:00", "to")]
    [InlineData("from=2024-05-01&to=2024-04-01", "to")]
    public async Task List_BadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([parameter], problem.ErrorFields());
    }
}
