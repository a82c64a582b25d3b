using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;

namespace RelationsApi.Api.Tests.Agreements;

public sealed class AgreementEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/agreements";

    /// <summary>A valid create body; validation tests change one thing in it.</summary>
    private const string ValidBody = """{"title":"Validation probe","type":"memorandum","status":"signed","signedDate":"2019-04"}""";

    /// <summary>21 distinct assigned country codes, one more than an agreement may list.</summary>
    private static readonly string[] TwentyOneCountries =
        ["KZ", "KR", "UZ", "KG", "TJ", "TM", "RU", "CN", "JP", "US", "DE", "FR", "GB", "IT", "ES", "TR", "IN", "MN", "AZ", "GE", "AM"];

    private readonly HttpClient _client = api.CreateClient();

    private static string NewTag() => Guid.NewGuid().ToString("N");

    private static AgreementWrite Signed(string title, string? signedDate, AgreementType type = AgreementType.Agreement, AgreementStatus status = AgreementStatus.Signed) => new()
    {
        Title = title,
        Type = type,
        Status = status,
        SignedDate = signedDate is null ? null : PartialDate.Parse(signedDate),
        Sources = [Bodies.Source],
    };

    private static AgreementWrite Discussed(string title, AgreementStatus status = AgreementStatus.Proposed, AgreementType type = AgreementType.Agreement) =>
        new() { Title = title, Type = type, Status = status };

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

    private async Task<AgreementResponse> CreateAsync(AgreementWrite body)
    {
        var response = await _client.PostJsonAsync(Path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<AgreementResponse>();
    }

    private Task<AgreementResponse> GetAsync(int id) => _client.GetJsonAsync<AgreementResponse>($"{Path}/{id}");

    private async Task<IEnumerable<int>> ListIdsAsync(string query) =>
        (await _client.GetJsonAsync<ListPage<AgreementResponse>>($"{Path}?{query}")).Items.Select(a => a.Id);

    [Fact]
    public async Task Create_ValidBody_Returns201WithLocationETagAndRecord()
    {
        var body = new AgreementWrite
        {
            Title = "Air services agreement",
            Type = AgreementType.Agreement,
            Status = AgreementStatus.InForce,
            SignedDate = PartialDate.Parse("2019-04-22"),
            EffectiveDate = PartialDate.Parse("2019-06"),
            Parties = ["KR", "KZ"],
            Summary = "Scheduled air services between the two countries.",
            Sources = [Bodies.Source],
        };

        var response = await _client.PostJsonAsync(Path, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<AgreementResponse>();
        Assert.Equal($"http://localhost{Path}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Air services agreement", AgreementType.Agreement, AgreementStatus.InForce, 1), (created.Title, created.Type, created.Status, created.Version));
        Assert.Equal(("2019-04-22", "2019-06"), (created.SignedDate?.ToString(), created.EffectiveDate?.ToString()));
        Assert.Equal(["KR", "KZ"], created.Parties);
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.Equal("Test source", Assert.Single(created.Sources).Name);
        var stored = await GetAsync(created.Id);
        Assert.Equal(created, stored with { Parties = created.Parties, Sources = created.Sources });
        Assert.Equal(created.Parties, stored.Parties);
    }

    [Fact]
    public async Task Create_PartiesAbsent_DefaultsToKazakhstanAndKorea()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, """{"title":"No parties given","type":"treaty","status":"proposed"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<AgreementResponse>();
        Assert.Equal(["KZ", "KR"], created.Parties);
        Assert.Equal(["KZ", "KR"], (await GetAsync(created.Id)).Parties);
        Assert.Null(created.SignedDate);
    }

    [Theory]
    [InlineData("2019")]
    [InlineData("2019-04")]
    [InlineData("2019-04-22")]
    public async Task Create_PartialSignedDate_IsReturnedExactlyAsPrecise(string signedDate)
    {
        var created = await CreateAsync(Signed("Precision", signedDate));

        var raw = await _client.GetStringAsync($"{Path}/{created.Id}", TestContext.Current.CancellationToken);

        Assert.Contains($"\"signedDate\":\"{signedDate}\"", raw, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"signed\"", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"proposed"}""", "signedDate")]
    [InlineData("""{"status":"underNegotiation"}""", "signedDate")]
    [InlineData("""{"effectiveDate":"2019-03"}""", "effectiveDate")]
    [InlineData("""{"effectiveDate":"2018"}""", "effectiveDate")]
    [InlineData("""{"signedDate":"2019-04-02","effectiveDate":"2019-04-01"}""", "effectiveDate")]
    [InlineData("""{"parties":["KZ"]}""", "parties")]
    [InlineData("""{"parties":[]}""", "parties")]
    [InlineData("""{"parties":["KZ","KR","KZ"]}""", "parties")]
    [InlineData("""{"parties":["KZ","XX"]}""", "parties[1]")]
    [InlineData("""{"parties":["kz","KR"]}""", "parties[0]")]
    [InlineData("""{"parties":["KZ","KAZ","KR"]}""", "parties[1]")]
    [InlineData("""{"parties":["KZ",null]}""", "parties[1]")]
    [InlineData("""{"title":" "}""", "title")]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"type":null}""", "type")]
    [InlineData("""{"status":null}""", "status")]
    public async Task Create_BreaksARule_Returns400WithTheCamelCaseFieldPath(string overrides, string field)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_TwentyOneParties_Returns400NamingParties()
    {
        var body = new AgreementWrite { Title = "Too many parties", Type = AgreementType.Declaration, Status = AgreementStatus.Signed, Parties = TwentyOneCountries };

        var response = await _client.PostJsonAsync(Path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["parties"], problem.ErrorFields());
    }

    [Fact]
    public async Task Create_TitleAndSummaryTooLong_Returns400NamingBoth()
    {
        var body = new AgreementWrite { Title = new string('t', 301), Type = AgreementType.Other, Status = AgreementStatus.Proposed, Summary = new string('s', 4001) };

        var response = await _client.PostJsonAsync(Path, body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["summary", "title"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task Create_TwentyParties_KeepsThemInOrder()
    {
        string[] parties = [.. TwentyOneCountries.Take(20)];

        var created = await CreateAsync(new AgreementWrite { Title = "Multilateral", Type = AgreementType.Declaration, Status = AgreementStatus.Signed, Parties = parties });

        Assert.Equal(parties, (await GetAsync(created.Id)).Parties);
    }

    [Theory]
    [InlineData("""{"status":"proposed","signedDate":null}""")]
    [InlineData("""{"status":"underNegotiation","signedDate":null,"effectiveDate":null}""")]
    [InlineData("""{"effectiveDate":"2019-04"}""")]
    [InlineData("""{"effectiveDate":"2019"}""")]
    [InlineData("""{"signedDate":null,"effectiveDate":"2001"}""")]
    [InlineData("""{"parties":["KZ","KR","UZ"]}""")]
    [InlineData("""{"type":"declaration","status":"terminated"}""")]
    public async Task Create_AtTheEdgeOfARule_Returns201(string overrides)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
    }

    [Theory]
    [InlineData("""{"partys":["KZ","KR"]}""", "partys")]
    [InlineData("""{"sources":[{"name":"s","link":"https://example.org"}]}""", "sources[0].link")]
    [InlineData("""{"status":"ratified"}""", "status")]
    [InlineData("""{"type":"pact"}""", "type")]
    [InlineData("""{"type":1}""", "type")]
    [InlineData("""{"signedDate":"2019-13"}""", "signedDate")]
    [InlineData("""{"signedDate":"22.04.2019"}""", "signedDate")]
    [InlineData("""{"signedDate":2019}""", "signedDate")]
    [InlineData("""{"effectiveDate":"2019-02-30"}""", "effectiveDate")]
    [InlineData("""{"parties":"KZ,KR"}""", "parties")]
    [InlineData("""{"parties":["KZ",1]}""", "parties[1]")]
    [InlineData("""{"title":["a"]}""", "title")]
    public async Task Create_UnknownOrUnreadableProperty_Returns400NamingIt(string overrides, string field)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, Path, ValidBodyWith(overrides));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.DoesNotContain("RelationsApi", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithCurrentIfMatch_ReplacesEveryFieldAndBumpsVersion()
    {
        var created = await CreateAsync(new AgreementWrite
        {
            Title = "Before",
            Type = AgreementType.Memorandum,
            Status = AgreementStatus.Signed,
            SignedDate = PartialDate.Parse("2019-04"),
            Parties = ["KZ", "KR", "UZ"],
            Summary = "To be dropped.",
            Sources = [Bodies.Source],
        });
        var body = new AgreementWrite { Title = "After", Type = AgreementType.Treaty, Status = AgreementStatus.InForce, SignedDate = PartialDate.Parse("2020"), EffectiveDate = PartialDate.Parse("2021-01-01") };

        var response = await _client.PutJsonAsync($"{Path}/{created.Id}", body, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var replaced = await GetAsync(created.Id);
        Assert.Equal(("After", AgreementType.Treaty, AgreementStatus.InForce, 2), (replaced.Title, replaced.Type, replaced.Status, replaced.Version));
        Assert.Equal(("2020", "2021-01-01"), (replaced.SignedDate?.ToString(), replaced.EffectiveDate?.ToString()));
        Assert.Equal(["KZ", "KR"], replaced.Parties);
        Assert.Null(replaced.Summary);
        Assert.Empty(replaced.Sources);
        Assert.Equal(created.CreatedAt, replaced.CreatedAt);
        Assert.True(replaced.UpdatedAt >= created.UpdatedAt);
    }

    [Fact]
    public async Task Replace_SignedDateWhileUnderNegotiation_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(Bodies.Agreement(title: "Stays signed"));

        var response = await _client.PutJsonAsync(
            $"{Path}/{created.Id}", Signed("Stays signed", "2019-04", status: AgreementStatus.UnderNegotiation), ifMatch: "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["signedDate"], problem.ErrorFields());
        var stored = await GetAsync(created.Id);
        Assert.Equal((AgreementStatus.Signed, 1), (stored.Status, stored.Version));
    }

    [Fact]
    public async Task Patch_MergePatch_ChangesOnlyNamedFieldsAndNullRemoves()
    {
        var created = await CreateAsync(new AgreementWrite
        {
            Title = "Patch me",
            Type = AgreementType.Memorandum,
            Status = AgreementStatus.Signed,
            SignedDate = PartialDate.Parse("2019-04"),
            Parties = ["KZ", "KR", "UZ"],
            Summary = "Goes away.",
            Sources = [Bodies.Source],
        });

        var response = await _client.PatchAsync(
            $"{Path}/{created.Id}", """{"summary":null,"status":"inForce","effectiveDate":"2019-07"}""", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var patched = await response.ReadAsync<AgreementResponse>();
        Assert.Equal(("Patch me", AgreementStatus.InForce, "2019-04", "2019-07", null, 2), (patched.Title, patched.Status, patched.SignedDate?.ToString(), patched.EffectiveDate?.ToString(), patched.Summary, patched.Version));
        Assert.Equal(["KZ", "KR", "UZ"], patched.Parties);
        Assert.Equal(created.Sources, patched.Sources);
        Assert.Equal(patched.Summary, (await GetAsync(created.Id)).Summary);
    }

    [Fact]
    public async Task Patch_RemoveSignedDateAndBackToProposed_Succeeds()
    {
        var created = await CreateAsync(Bodies.Agreement(title: "Back to the drawing board"));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"signedDate":null,"status":"proposed"}""", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await GetAsync(created.Id);
        Assert.Equal((AgreementStatus.Proposed, null, 2), (stored.Status, stored.SignedDate, stored.Version));
        Assert.Equal("Back to the drawing board", stored.Title);
    }

    [Fact]
    public async Task Patch_UnderNegotiationWhileSignedDateExists_Returns400AndChangesNothing()
    {
        var created = await CreateAsync(Bodies.Agreement(title: "Signed already"));

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"status":"underNegotiation"}""", ifMatch: "\"1\"");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["signedDate"], problem.ErrorFields());
        var stored = await GetAsync(created.Id);
        Assert.Equal((AgreementStatus.Signed, "2019-04", 1), (stored.Status, stored.SignedDate?.ToString(), stored.Version));
    }

    [Fact]
    public async Task Patch_PartiesNull_RestoresTheDefaultParties()
    {
        var created = await CreateAsync(new AgreementWrite { Title = "Three parties", Type = AgreementType.Other, Status = AgreementStatus.Proposed, Parties = ["KZ", "KR", "UZ"] });

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"parties":null}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["KZ", "KR"], (await GetAsync(created.Id)).Parties);
    }

    [Fact]
    public async Task Patch_InvalidParty_Returns400NamingTheItemAndChangesNothing()
    {
        var created = await CreateAsync(Bodies.Agreement());

        var response = await _client.PatchAsync($"{Path}/{created.Id}", """{"parties":["KZ","KR","XX"]}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["parties[2]"], problem.ErrorFields());
        var stored = await GetAsync(created.Id);
        Assert.Equal((1, 2), (stored.Version, stored.Parties.Count));
    }

    [Fact]
    public async Task List_StatusList_MatchesAnyOfTheStatuses()
    {
        var tag = NewTag();
        var signed = await CreateAsync(Signed($"{tag} a", "2019"));
        var inForce = await CreateAsync(Signed($"{tag} b", "2019", status: AgreementStatus.InForce));
        await CreateAsync(Discussed($"{tag} c", AgreementStatus.UnderNegotiation));
        await CreateAsync(Signed($"{tag} d", "2019", status: AgreementStatus.Terminated));

        var page = await _client.GetJsonAsync<ListPage<AgreementResponse>>($"{Path}?q={tag}&status=signed,inForce&sort=title");
        var discussed = await ListIdsAsync($"q={tag}&status=proposed,underNegotiation");

        Assert.Equal([signed.Id, inForce.Id], page.Items.Select(a => a.Id));
        Assert.Equal(2, page.TotalCount);
        Assert.Single(discussed);
    }

    [Fact]
    public async Task List_TypeList_MatchesAnyOfTheTypes()
    {
        var tag = NewTag();
        var treaty = await CreateAsync(Signed($"{tag} a", "2019", type: AgreementType.Treaty));
        await CreateAsync(Signed($"{tag} b", "2019", type: AgreementType.Memorandum));
        var framework = await CreateAsync(Discussed($"{tag} c", type: AgreementType.Framework));

        var ids = await ListIdsAsync($"q={tag}&type=treaty,framework&sort=title");
        var combined = await ListIdsAsync($"q={tag}&type=treaty,framework&status=proposed");

        Assert.Equal([treaty.Id, framework.Id], ids);
        Assert.Equal([framework.Id], combined);
    }

    [Fact]
    public async Task List_FromTo_MatchesSignedDatePeriodsThatOverlapAndSkipsUnsigned()
    {
        var tag = NewTag();
        var year = await CreateAsync(Signed($"{tag} a", "2019"));
        var june = await CreateAsync(Signed($"{tag} b", "2019-06"));
        var day = await CreateAsync(Signed($"{tag} c", "2019-06-30"));
        var july = await CreateAsync(Signed($"{tag} d", "2019-07"));
        var earlier = await CreateAsync(Signed($"{tag} e", "2018"));
        await CreateAsync(Discussed($"{tag} f"));

        var inJune = await ListIdsAsync($"q={tag}&from=2019-06-01&to=2019-06-30&sort=title");
        var fromJuly = await ListIdsAsync($"q={tag}&from=2019-07-01&sort=title");
        var toMay = await ListIdsAsync($"q={tag}&to=2019-05-31&sort=title");
        var oneDay = await ListIdsAsync($"q={tag}&from=2019-12-31&to=2019-12-31&sort=title");

        Assert.Equal([year.Id, june.Id, day.Id], inJune);
        Assert.Equal([year.Id, july.Id], fromJuly);
        Assert.Equal([year.Id, earlier.Id], toMay);
        Assert.Equal([year.Id], oneDay);
    }

    [Fact]
    public async Task List_Q_FindsTextInTitleAndSummaryIgnoringCase()
    {
        var tag = NewTag()[..12];
        var inTitle = await CreateAsync(Signed($"Treaty {tag.ToUpperInvariant()}", "2019"));
        var inSummary = await CreateAsync(new AgreementWrite { Title = "Other", Type = AgreementType.Other, Status = AgreementStatus.Proposed, Summary = $"About {tag}." });
        await CreateAsync(new AgreementWrite { Title = "Unrelated", Type = AgreementType.Other, Status = AgreementStatus.Proposed, Summary = "Nothing to see." });

        var ids = await ListIdsAsync($"q={tag}");
        var upper = await ListIdsAsync($"q={tag.ToUpperInvariant()}");

        Assert.Equal([inTitle.Id, inSummary.Id], ids.Order());
        Assert.Equal([inTitle.Id, inSummary.Id], upper.Order());
    }

    [Fact]
    public async Task List_QWithLikeWildcards_MatchesThemLiterally()
    {
        var tag = NewTag()[..12];
        var literal = await CreateAsync(Signed($"{tag} 100% tariff_free", "2020"));
        await CreateAsync(Signed($"{tag} 100 tariff-free", "2020"));

        var ids = await ListIdsAsync($"q={Uri.EscapeDataString($"{tag} 100% tariff_")}");

        Assert.Equal([literal.Id], ids);
    }

    [Fact]
    public async Task List_SortBySignedDate_UsesStartOfPeriodThenId()
    {
        var tag = NewTag();
        var day = await CreateAsync(Signed($"{tag} a", "2020-01-01"));
        var year = await CreateAsync(Signed($"{tag} b", "2020"));
        var month = await CreateAsync(Signed($"{tag} c", "2020-03"));
        var earlier = await CreateAsync(Signed($"{tag} d", "2019-12-31"));

        var ascending = await ListIdsAsync($"q={tag}&sort=signedDate");
        var descending = await ListIdsAsync($"q={tag}&sort=-signedDate");
        var byDefault = await ListIdsAsync($"q={tag}");

        Assert.Equal([earlier.Id, day.Id, year.Id, month.Id], ascending);
        Assert.Equal([month.Id, year.Id, day.Id, earlier.Id], descending);
        Assert.Equal(descending, byDefault);
    }

    [Fact]
    public async Task List_SortByTitle_OrdersByTitleThenId()
    {
        var tag = NewTag();
        var c = await CreateAsync(Signed($"{tag} c", "2019"));
        var a = await CreateAsync(Signed($"{tag} a", "2021"));
        var b = await CreateAsync(Signed($"{tag} b", "2020"));
        var aAgain = await CreateAsync(Signed($"{tag} a", "2018"));

        var ascending = await ListIdsAsync($"q={tag}&sort=title");
        var descending = await ListIdsAsync($"q={tag}&sort=-title");

        Assert.Equal([a.Id, aAgain.Id, b.Id, c.Id], ascending);
        Assert.Equal([c.Id, b.Id, aAgain.Id, a.Id], descending);
    }

    [Theory]
    [InlineData("status=signed,done", "status")]
    [InlineData("status=ratified", "status")]
    [InlineData("type=treaty,pact", "type")]
    [InlineData("from=2019", "from")]
    [InlineData("from=2019-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2019-06-30&to=2019-06-01", "to")]
    [InlineData("sort=date", "sort")]
    [InlineData("sort=title,-title", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task List_BadQueryValue_Returns400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"{Path}?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal([parameter], problem.ErrorFields());
    }

    [Fact]
    public async Task List_QLongerThan200_Returns400NamingQ()
    {
        var response = await _client.GetAsync($"{Path}?q={new string('x', 201)}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["q"], problem.ErrorFields());
    }
}
