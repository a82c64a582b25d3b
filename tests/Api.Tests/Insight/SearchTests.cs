using System.Net;
using System.Text.Json;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Insight;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Insight;

/// <summary>
/// GET /api/v1/search. Each test searches for words of its own (<see cref="Token"/>), so records other tests create in
/// the same database never show up in its answers; tests that use the seed say so.
/// </summary>
public sealed class SearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/api/v1/search";
    private readonly HttpClient _client = api.CreateClient();

    /// <summary>A word of Latin letters no other record holds.</summary>
    private static string Token() => "zq" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (c % 26))));

    private static string Query(string q, string more = "") => $"{Path}?q={Uri.EscapeDataString(q)}{more}";

    private Task<ListPage<SearchItem>> SearchAsync(string q, string more = "") => _client.GetJsonAsync<ListPage<SearchItem>>(Query(q, more));

    private async Task<int> EventAsync(string title, string? summary = null)
    {
        var response = await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: title, summary: summary));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<EventResponse>()).Id;
    }

    private async Task<int> AgreementAsync(string title)
    {
        var response = await _client.PostJsonAsync("/api/v1/agreements", Bodies.Agreement(title));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<AgreementResponse>()).Id;
    }

    private async Task<int> TradeRecordAsync(int year, string? hsCode, string? commodity = null)
    {
        var body = Bodies.TradeRecord(year, hsCode);
        var response = await _client.PostJsonAsync("/api/v1/trade-records", new TradeRecordWrite
        {
            ReporterCountry = body.ReporterCountry, PartnerCountry = body.PartnerCountry, Flow = body.Flow, Year = body.Year,
            HsCode = body.HsCode, Commodity = commodity, ValueUsd = body.ValueUsd, Sources = body.Sources,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TradeRecordResponse>()).Id;
    }

    private static IEnumerable<(string, int)> Found(ListPage<SearchItem> page) => page.Items.Select(i => (i.Resource, i.Id));

    [Fact]
    public async Task Search_LatinSubstring_FindsTheRecordAndHighlightsTheMatch()
    {
        var token = Token();
        var id = await EventAsync("Film week", summary: $"Screenings at the {token}hall of the embassy.");

        var page = await SearchAsync(token[2..9].ToUpperInvariant());

        var item = Assert.Single(page.Items);
        Assert.Equal(("events", id, "Film week"), (item.Resource, item.Id, item.Title));
        Assert.Equal($"Screenings at the {token}hall of the embassy.", item.Snippet);
        Assert.Equal([[20, 7]], item.Highlights);
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData("Қазақстан Республикасы", "азақ")]
    [InlineData("Қазақстан Республикасы", "ҚАЗАҚ")]
    [InlineData("ҚАЗАҚ ТІЛІ", "қазақ тілі")]
    [InlineData("Өскемен және Ұлытау", "ұлыт")]
    [InlineData("대한민국 서울특별시", "한민국")]
    [InlineData("Kazakh Astana and Алматы with 서울", "ЛМАТ")]
    public async Task Search_SubstringOfAnyScript_IgnoresLetterCase(string title, string query)
    {
        var token = Token();
        var id = await EventAsync($"{title} {token}");

        var page = await SearchAsync(query, "&resources=events&pageSize=100");

        var item = Assert.Single(page.Items, i => i.Id == id);
        var highlight = Assert.Single(item.Highlights);
        Assert.Equal(query.ToLowerInvariant(), item.Snippet.Substring(highlight[0], highlight[1]).ToLowerInvariant());
    }

    [Fact]
    public async Task Search_KazakhLetters_AreNotTheirPlainLetters()
    {
        var accented = await EventAsync($"Бәйтерек {Token()}");
        var plain = await EventAsync($"Байтерек {Token()}");

        var withAccent = Found(await SearchAsync("бәйт", "&pageSize=100")).ToList();
        var withoutAccent = Found(await SearchAsync("БАЙТ", "&pageSize=100")).ToList();
        var oneLetter = Found(await SearchAsync("ә", "&pageSize=100")).ToList();

        Assert.Contains(("events", accented), withAccent);
        Assert.DoesNotContain(("events", plain), withAccent);
        Assert.Contains(("events", plain), withoutAccent);
        Assert.DoesNotContain(("events", accented), withoutAccent);
        Assert.DoesNotContain(("events", accented), oneLetter);   // one letter is a word only on its own
    }

    [Fact]
    public async Task Search_ShortQuery_FindsWholeWordsOnly()
    {
        var chapter = await TradeRecordAsync(2001, "27");
        var heading = await TradeRecordAsync(2001, "2709");
        var ozone = await EventAsync($"Ozone talks {Token()}");

        var asiana = await SearchAsync("OZ");
        var astana = await SearchAsync("kc", "&resources=flights");
        var hs27 = Found(await SearchAsync("27", "&resources=trade-records&pageSize=100")).ToList();

        var flight = Assert.Single(asiana.Items, i => i.Resource == "flights" && i.Id == 1);   // the seed's Almaty–Seoul flight
        Assert.Equal("ALA – SEL", flight.Title);
        Assert.Equal("OZ Asiana Airlines", flight.Snippet);
        Assert.Equal([[0, 2]], flight.Highlights);
        Assert.DoesNotContain(("events", ozone), Found(asiana));
        Assert.Contains(astana.Items, i => i.Id == 1);
        Assert.Contains(("trade-records", chapter), hs27);
        Assert.DoesNotContain(("trade-records", heading), hs27);
        Assert.Equal("HS 27", (await SearchAsync("27", "&resources=trade-records&pageSize=100")).Items.Single(i => i.Id == chapter).Title);
    }

    [Fact]
    public async Task Search_TitleMatch_RanksAboveBodyMatch()
    {
        var token = Token();
        var inBody = await EventAsync("Concert", summary: $"{token} {token} {token} played.");
        var inTitle = await EventAsync($"The {token} exhibition, with a long title that dilutes the match", summary: "Nothing else.");

        var page = await SearchAsync(token);

        Assert.Equal([("events", inTitle), ("events", inBody)], Found(page));
        Assert.True(page.Items[0].Score > page.Items[1].Score);
        Assert.True(page.Items[0].Score >= 0.5m);
        Assert.True(page.Items[1].Score < 0.5m);
    }

    [Fact]
    public async Task Search_LongField_SnippetIsCutAroundTheMatchWithHighlightsInUtf16Units()
    {
        var token = Token();
        var summary = string.Concat(Enumerable.Repeat("Песня 🎵 про степь. ", 30)) + $"Then {token} came. " + string.Concat(Enumerable.Repeat("서울 🎶 and more. ", 30));
        await EventAsync("Long story", summary);

        var item = Assert.Single((await SearchAsync(token.ToUpperInvariant())).Items);

        Assert.InRange(item.Snippet.Length, token.Length, 200);
        var highlight = Assert.Single(item.Highlights);
        Assert.Equal(token, item.Snippet.Substring(highlight[0], highlight[1]));
        Assert.Contains(item.Snippet, summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Pages_WithTotalCountAndLinks()
    {
        var token = Token();
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            await EventAsync($"{title} {token}");
        }

        var response = await _client.GetAsync(Query(token, "&pageSize=2&page=2"), TestHelpers.Cancel);
        var page = await response.ReadAsync<ListPage<SearchItem>>();
        var first = await SearchAsync(token, "&pageSize=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 2, 3), (page.Page, page.PageSize, page.TotalCount));
        Assert.Single(page.Items);
        Assert.Equal(2, first.Items.Count);
        Assert.DoesNotContain(page.Items[0], first.Items);
        var link = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains("page=1>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("page=1>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("page=2>; rel=\"last\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PagesOfEqualScores_AddUpToTheWholeList_InScoreThenResourceAndIdOrder()
    {
        var token = Token();
        for (var i = 0; i < 5; i++)
        {
            await EventAsync($"Talks {token}");   // the same title: the same score, ordered by id
        }
        await EventAsync("Talks", $"A summary that names {token} once.");
        await AgreementAsync($"Memorandum {token}");
        await TradeRecordAsync(2003, hsCode: "8704", commodity: $"Trucks {token}");

        var whole = (await SearchAsync(token, "&pageSize=100")).Items;
        var paged = new List<SearchItem>();
        for (var page = 1; page <= 3; page++)
        {
            paged.AddRange((await SearchAsync(token, $"&pageSize=3&page={page}")).Items);
        }

        Assert.Equal(8, whole.Count);
        Assert.Equal(whole.Select(i => (i.Resource, i.Id)), paged.Select(i => (i.Resource, i.Id)));
        Assert.Equal(
            whole.OrderByDescending(i => i.Score).ThenBy(i => i.Resource, StringComparer.Ordinal).ThenBy(i => i.Id).Select(i => (i.Resource, i.Id)),
            whole.Select(i => (i.Resource, i.Id)));
        Assert.True(whole[^1].Score < 0.5m, "the match outside a title comes last");
    }

    [Fact]
    public async Task Search_PagesPastTheFirstHundred_ContinueTheSameOrder()
    {
        var token = Token();
        var rows = Enumerable.Range(1, 130).Select(i => new TradeRecordWrite
        {
            ReporterCountry = "KZ",
            PartnerCountry = "KR",
            Flow = TradeFlow.Export,
            Year = 1993,
            HsCode = (610000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Commodity = i % 3 == 0 ? $"Widgets {token} {token}" : $"Widgets {token}",
            ValueUsd = i,
            Sources = [Bodies.Source],
        });
        var imported = await _client.PostJsonAsync("/api/v1/trade-records/import", rows.ToArray());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var byHundreds = new List<SearchItem>();
        for (var page = 1; page <= 2; page++)
        {
            byHundreds.AddRange((await SearchAsync(token, $"&pageSize=100&page={page}")).Items);
        }
        var byTwenties = new List<SearchItem>();
        for (var page = 1; page <= 7; page++)
        {
            var items = await SearchAsync(token, $"&pageSize=20&page={page}");
            Assert.Equal(130, items.TotalCount);
            byTwenties.AddRange(items.Items);
        }

        Assert.Equal(130, byHundreds.Count);
        Assert.Equal(byHundreds.Select(i => i.Id), byTwenties.Select(i => i.Id));
        Assert.Equal(130, byHundreds.Select(i => i.Id).Distinct().Count());
        Assert.Equal(byHundreds.OrderByDescending(i => i.Score).ThenBy(i => i.Id).Select(i => i.Id), byHundreds.Select(i => i.Id));
    }

    [Fact]
    public async Task Search_Resources_LimitsWhatIsSearched()
    {
        var token = Token();
        var eventId = await EventAsync($"Signing ceremony {token}");
        var agreementId = await AgreementAsync($"Memorandum {token}");
        var tradeId = await TradeRecordAsync(2002, hsCode: "8703", commodity: $"Cars {token}");

        var all = await SearchAsync(token);
        var some = await SearchAsync(token, "&resources=agreements,TRADE-RECORDS");

        Assert.Equal(3, all.TotalCount);
        Assert.Equal([("agreements", agreementId), ("trade-records", tradeId)], Found(some).Order());
        Assert.Contains(("events", eventId), Found(all));
        Assert.Equal($"Cars {token}", some.Items.Single(i => i.Resource == "trade-records").Title);
    }

    [Fact]
    public async Task Search_CreateUpdateDelete_AreSeenRightAfterTheWrite()
    {
        var before = Token();
        var after = Token();
        var id = await EventAsync($"Forum {before}");
        var found = await SearchAsync(before);

        var replaced = await _client.PutJsonAsync($"/api/v1/events/{id}", Bodies.Event(title: $"Forum {after}"), ifMatch: "\"1\"");
        var oldWord = await SearchAsync(before);
        var newWord = await SearchAsync(after);
        var deleted = await _client.DeleteAsync($"/api/v1/events/{id}", ifMatch: null);
        var gone = await SearchAsync(after);

        Assert.Equal(id, Assert.Single(found.Items).Id);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Empty(oldWord.Items);
        Assert.Equal($"Forum {after}", Assert.Single(newWord.Items).Title);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, gone.TotalCount);
    }

    [Fact]
    public async Task Search_ImportedRows_AreSearchable()
    {
        var token = Token();
        TradeRecordWrite[] trade = [.. Enumerable.Range(0, 3).Select(i => new TradeRecordWrite
        {
            ReporterCountry = "KZ", PartnerCountry = "KR", Flow = TradeFlow.Export, Year = 2003, HsCode = $"84{i:D2}",
            Commodity = $"Machinery {token} {i}", ValueUsd = 10m, Sources = [Bodies.Source],
        })];
        EventWrite[] events = [Bodies.Event(title: $"Imported {token}")];

        var tradeImport = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import", JsonSerializer.Serialize(trade, HttpClientExtensions.Json));
        var eventImport = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/events/import", JsonSerializer.Serialize(events, HttpClientExtensions.Json));
        var page = await SearchAsync(token);

        Assert.Equal(HttpStatusCode.OK, tradeImport.StatusCode);
        Assert.Equal(HttpStatusCode.OK, eventImport.StatusCode);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(3, page.Items.Count(i => i.Resource == "trade-records"));
    }

    [Fact]
    public async Task Search_RecordsChangedByAnImportOrAfterIt_AreFoundByTheirNewTextOnly()
    {
        var (before, after, later) = (Token(), Token(), Token());
        var stored = await (await _client.PostJsonAsync("/api/v1/events", Bodies.Event(title: $"Stored {before}"))).ReadAsync<EventResponse>();
        var storedChanged = JsonSerializer.SerializeToNode(Bodies.Event(title: $"Stored {after}"), HttpClientExtensions.Json)!;
        storedChanged["id"] = stored.Id;
        var imported = JsonSerializer.SerializeToNode(Bodies.Event(title: $"Imported {before}"), HttpClientExtensions.Json)!;

        var importResponse = await _client.PostJsonAsync("/api/v1/events/import", new[] { storedChanged, imported });
        var importedId = Assert.Single((await SearchAsync(before)).Items).Id;   // the stored event no longer has the word
        var patched = await _client.PatchAsync($"/api/v1/events/{importedId}", $$"""{"title": "Imported {{later}}"}""");

        Assert.Equal(HttpStatusCode.OK, importResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal([stored.Id], (await SearchAsync(after)).Items.Select(i => i.Id));
        Assert.Equal([importedId], (await SearchAsync(later)).Items.Select(i => i.Id));
        Assert.Equal(0, (await SearchAsync(before)).TotalCount);
    }

    [Fact]
    public async Task Search_RecordsCreatedAfterAnyImport_AreFoundRightAway()
    {
        var (first, second, third) = (Token(), Token(), Token());
        var committed = await _client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2011, "8401") });
        var createdAfterCommit = await TradeRecordAsync(2011, "8402", $"Turbines {first}");
        var dryRun = await _client.PostJsonAsync("/api/v1/events/import?dryRun=true", new[] { Bodies.Event(title: "Dry run") });
        var createdAfterDryRun = await EventAsync($"Forum {second}");
        var refused = await _client.PostJsonAsync("/api/v1/trade-records/import", new[] { Bodies.TradeRecord(2011, "8403"), Bodies.TradeRecord(1000, null) });
        var createdAfterRefusal = await TradeRecordAsync(2011, "8404", $"Reactors {third}");

        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([("trade-records", createdAfterCommit)], Found(await SearchAsync(first)));
        Assert.Equal([("events", createdAfterDryRun)], Found(await SearchAsync(second)));
        Assert.Equal([("trade-records", createdAfterRefusal)], Found(await SearchAsync(third)));
    }

    [Fact]
    public async Task Search_SeedData_IsSearchable()
    {
        var page = await SearchAsync("asiana");

        var flight = Assert.Single(page.Items, i => i.Resource == "flights");
        Assert.Equal(("ALA – SEL", "OZ Asiana Airlines", 1), (flight.Title, flight.Snippet, flight.Id));
        Assert.Contains((await SearchAsync("diplomatic relations", "&resources=events")).Items, i => i.Id == 3);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("a\"b\"c")]
    [InlineData("*")]
    [InlineData("abc*")]
    [InlineData("-abc")]
    [InlineData("NEAR(abc def)")]
    [InlineData("abc NEAR def")]
    [InlineData("abc AND def OR NOT ghi")]
    [InlineData("(((")]
    [InlineData(")")]
    [InlineData("{TitleKey}: abc")]
    [InlineData("TitleKey:abc")]
    [InlineData("^abc")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("100%_\\")]
    [InlineData("'; DROP TABLE x; --")]
    [InlineData("😀")]
    [InlineData("😀😀")]
    [InlineData("🇰🇿🇰🇷")]
    [InlineData("\u0301")]
    [InlineData("\u200b")]
    public async Task Search_QuerySyntaxAndOddText_IsSearchedAsText(string query)
    {
        var response = await _client.GetAsync(Query(query), TestHelpers.Cancel);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {query}");
    }

    [Fact]
    public async Task Search_TextWithQuotesAndWildcards_IsFoundLiterally()
    {
        var token = Token();
        var quoted = await EventAsync($"{token} said \"yes\" (50%) *now*");
        var other = await EventAsync($"{token} said yes 500 now");

        var quote = Found(await SearchAsync($"{token} said \"yes\"")).ToList();
        var percent = Found(await SearchAsync("(50%)", "&pageSize=100")).ToList();
        var star = Found(await SearchAsync("*now*", "&pageSize=100")).ToList();

        Assert.Equal([("events", quoted)], quote);
        Assert.Contains(("events", quoted), percent);
        Assert.DoesNotContain(("events", other), percent);
        Assert.Contains(("events", quoted), star);
        Assert.DoesNotContain(("events", other), star);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%20%20")]
    [InlineData("?q=%E2%80%8B")]
    [InlineData("?q=a%00b")]
    [InlineData("?q=abc&resources=people")]
    [InlineData("?q=abc&resources=events,")]
    [InlineData("?q=abc&page=0")]
    [InlineData("?q=abc&pageSize=0")]
    [InlineData("?q=abc&pageSize=101")]
    [InlineData("?q=abc&page=x")]
    public async Task Search_BadParameters_Return400(string query)
    {
        var response = await _client.GetAsync(Path + query, TestHelpers.Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_QueryOf201Characters_Returns400And200CharactersAreFine()
    {
        var tooLong = await _client.GetAsync(Query(new string('a', 201)), TestHelpers.Cancel);
        var longest = await _client.GetAsync(Query(new string('a', 200)), TestHelpers.Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Fact]
    public async Task Search_SameData_Answers304_AndAWriteChangesTheETag()
    {
        var token = Token();
        await EventAsync($"Cached {token}");
        var first = await _client.GetAsync(Query(token), TestHelpers.Cancel);
        var etag = first.Headers.ETag!.Tag;

        var again = await _client.GetAsync(Query(token), etag);
        await EventAsync($"Another {token}");
        var changed = await _client.GetAsync(Query(token), etag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag?.Tag);
        Assert.Equal(2, (await changed.ReadAsync<ListPage<SearchItem>>()).TotalCount);
    }
}
