using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Tests.Imports;

/// <summary>POST /api/v1/{resource}/import with JSON bodies, as a partner sending a batch sees it.</summary>
public sealed class ImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TradeImport = "/api/v1/trade-records/import";

    private static int _nextCode = 100_000;

    private readonly HttpClient _client = api.CreateClient();

    /// <summary>A trade record whose key no other test uses (an HS code of its own).</summary>
    private static TradeRecordWrite Trade(string? externalId = null, decimal valueUsd = 100m, string? hsCode = null, int? id = null) => new()
    {
        Id = id,
        ExternalId = externalId,
        ReporterCountry = "KZ",
        PartnerCountry = "KR",
        Flow = TradeFlow.Import,
        Year = 2020,
        HsCode = hsCode ?? NewCode(),
        ValueUsd = valueUsd,
        Sources = [Bodies.Source],
    };

    private static string NewCode() => Interlocked.Increment(ref _nextCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> ImportAsync(object rows, string query = "", string path = TradeImport) =>
        _client.SendRawAsync(HttpMethod.Post, path + query, JsonSerializer.Serialize(rows, HttpClientExtensions.Json));

    private async Task<ImportResult> ImportOkAsync(object rows, string query = "")
    {
        var response = await ImportAsync(rows, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        return await response.ReadAsync<ImportResult>();
    }

    private async Task<IReadOnlyList<TradeRecordResponse>> TradeWithCodeAsync(string hsCode) =>
        (await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?hsCode={hsCode}")).Items.Where(t => t.HsCode == hsCode).ToList();

    [Fact]
    public async Task Import_NewRows_CreatesThemAndTheyAppearInTheChangeFeed()
    {
        var start = await _client.ChangeFeedEndAsync();
        TradeRecordWrite[] rows = [Trade(NewExternalId("import")), Trade(), Trade(NewExternalId("import"))];

        var result = await ImportOkAsync(rows);

        Assert.Equal(new ImportResult(false, 3, 3, 0, 0), result);
        var created = (await TradeWithCodeAsync(rows[1].HsCode!)).Single();
        Assert.Equal(1, created.Version);
        var feed = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}");
        Assert.Equal(3, feed.Items.Count);
        Assert.All(feed.Items, c => Assert.Equal(("trade-records", "created"), (c.Resource, c.Operation)));
        Assert.Contains(feed.Items, c => c.Id == created.Id);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv")]
    public async Task Import_WhoseBodyIsStillArriving_DoesNotHoldUpAnotherKeysWrite(string contentType)
    {
        var marker = Guid.NewGuid().ToString("N");
        var titles = Enumerable.Range(0, 40).Select(i => $"Trickled {marker} {i}").ToList();
        var body = contentType == "text/csv"
            ? "title,category,date,countryCode\r\n" + string.Concat(titles.Select(t => $"{t},other,2024,KZ\r\n"))
            : JsonSerializer.Serialize(titles.Select(t => Bodies.Event(t)), HttpClientExtensions.Json);
        using var trickle = new TrickledContent(body, contentType, pieces: 20, pause: TimeSpan.FromMilliseconds(200));
        var other = api.CreateClient();
        other.DefaultRequestHeaders.Remove("X-Api-Key");
        other.DefaultRequestHeaders.Add("X-Api-Key", api.Key($"other-writer-{marker}", KeyScopes.Write));

        var import = api.CreateStreamingClient().PostAsync("/api/v1/events/import", trickle, Cancel);
        await trickle.HalfSent.WaitAsync(Cancel);
        var waited = Stopwatch.StartNew();
        var created = await other.PostJsonAsync("/api/v1/events", Bodies.Event($"Not held up {marker}"));
        waited.Stop();
        var stillArriving = !trickle.Finished;
        var imported = await import;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(stillArriving, $"The other key's write waited {waited.ElapsedMilliseconds} ms, until the import's body had arrived.");
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(new ImportResult(false, 40, 40, 0, 0), await imported.ReadAsync<ImportResult>());
        Assert.Equal(40, (await _client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?q=Trickled {marker}")).TotalCount);
    }

    [Fact]
    public async Task Import_TheSameRowsAgain_CountsThemUnchanged_KeepsVersions_AndAddsNoChange()
    {
        TradeRecordWrite[] rows = [Trade(NewExternalId("import")), Trade(), Trade(NewExternalId("import"), valueUsd: 12.5m)];
        await ImportOkAsync(rows);
        var start = await _client.ChangeFeedEndAsync();

        var again = await ImportOkAsync(rows);

        Assert.Equal(new ImportResult(false, 3, 0, 0, 3), again);
        Assert.Equal(1, (await TradeWithCodeAsync(rows[2].HsCode!)).Single().Version);
        Assert.Empty((await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}")).Items);
    }

    [Fact]
    public async Task Import_AnExportedRecordWithServerFields_IsUnchanged()
    {
        var body = Trade(NewExternalId("import"));
        await ImportOkAsync(new[] { body });
        var stored = (await TradeWithCodeAsync(body.HsCode!)).Single();

        var again = await ImportOkAsync(new[] { stored });

        Assert.Equal(new ImportResult(false, 1, 0, 0, 1), again);
    }

    [Fact]
    public async Task Import_Upsert_MatchesByExternalId_ThenById_ThenByTradeKey()
    {
        var externalId = NewExternalId("import");
        var byExternalId = Trade(externalId);
        var byId = Trade();
        var byKey = Trade();
        await ImportOkAsync(new[] { byExternalId, byId, byKey });
        var stored = (await TradeWithCodeAsync(byId.HsCode!)).Single();

        var result = await ImportOkAsync(new[]
        {
            Trade(externalId, valueUsd: 1, hsCode: NewCode()),      // same externalId, new key: updates, moves the key
            Trade(valueUsd: 2, hsCode: byId.HsCode, id: stored.Id),
            Trade(valueUsd: 3, hsCode: byKey.HsCode),
        });

        Assert.Equal(new ImportResult(false, 3, 0, 3, 0), result);
        Assert.Empty(await TradeWithCodeAsync(byExternalId.HsCode!));
        var updated = (await TradeWithCodeAsync(byId.HsCode!)).Single();
        Assert.Equal((stored.Id, 2m, 2), (updated.Id, updated.ValueUsd, updated.Version));
        Assert.Equal(3m, (await TradeWithCodeAsync(byKey.HsCode!)).Single().ValueUsd);
        var moved = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={externalId}");
        Assert.Equal((1m, 2), (moved.Items.Single().ValueUsd, moved.Items.Single().Version));
    }

    [Fact]
    public async Task Import_AnUpdate_StoresItsNewUpdatedAt_AsTheChangeFeedReportsIt()
    {
        var externalId = NewExternalId("import");
        var code = NewCode();
        await ImportOkAsync(new[] { Trade(externalId, valueUsd: 1m, hsCode: code) });
        var start = await _client.ChangeFeedEndAsync();

        await ImportOkAsync(new[] { Trade(externalId, valueUsd: 2m, hsCode: code) });
        var stored = Assert.Single(await TradeWithCodeAsync(code));
        var change = Assert.Single((await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}")).Items);

        Assert.Equal((2, 2m), (stored.Version, stored.ValueUsd));
        Assert.True(stored.UpdatedAt > stored.CreatedAt, $"updatedAt {stored.UpdatedAt:O} is not after createdAt {stored.CreatedAt:O}");
        Assert.Equal(stored.UpdatedAt, change.Data!.Value.GetProperty("updatedAt").GetDateTime());
    }

    [Fact]
    public async Task Import_AnIdThatDoesNotExist_IsARowError_AndNothingIsWritten()
    {
        var fine = Trade();

        var response = await ImportAsync(new[] { fine, Trade(id: 999_999) });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[1].id"], problem.ErrorFields());
        Assert.Empty(await TradeWithCodeAsync(fine.HsCode!));
    }

    [Fact]
    public async Task Import_DryRun_ReportsTheCountsAndWritesNothing()
    {
        var existing = Trade(NewExternalId("import"));
        var other = Trade();
        await ImportOkAsync(new[] { existing, other });
        var start = await _client.ChangeFeedEndAsync();
        var fresh = Trade();

        var result = await ImportOkAsync(new[] { Trade(existing.ExternalId, valueUsd: 5, hsCode: existing.HsCode), fresh, other }, "?dryRun=true");

        Assert.Equal(new ImportResult(true, 3, 1, 1, 1), result);
        Assert.Empty(await TradeWithCodeAsync(fresh.HsCode!));
        Assert.Equal(100m, (await TradeWithCodeAsync(existing.HsCode!)).Single().ValueUsd);
        Assert.Empty((await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}")).Items);
    }

    [Fact]
    public async Task Import_DryRun_FindsADuplicateOfAnEarlierRow_LikeARealImport()
    {
        var externalId = NewExternalId("import");

        var response = await ImportAsync(new[] { Trade(externalId), Trade(), Trade(externalId) }, "?dryRun=true");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[2].externalId"], problem.ErrorFields());
        Assert.Contains("Rows 0 and 2", (string?)problem["errors"]!["[2].externalId"]![0]);
    }

    [Fact]
    public async Task Import_WithBadRows_Is400NamingRowAndField_AndWritesNothing()
    {
        var fine = Trade();
        var rows = new JsonArray(
            JsonSerializer.SerializeToNode(fine, HttpClientExtensions.Json),
            JsonNode.Parse("""{"reporterCountry":"KZ","partnerCountry":"KR","flow":"import","year":1800,"valueUsd":1}"""),
            JsonNode.Parse("""{"reporterCountry":"KZ","partnerCountry":"KR","flow":"import","year":2020,"valueUsd":1,"colour":"red"}"""),
            JsonNode.Parse("""{"reporterCountry":"KZ","partnerCountry":"KR","flow":"sideways","year":2020,"valueUsd":1}"""),
            JsonNode.Parse("42"));

        var response = await ImportAsync(rows);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[1].year", "[2].colour", "[3].flow", "[4]"], problem.ErrorFields());
        Assert.Empty(await TradeWithCodeAsync(fine.HsCode!));
    }

    [Fact]
    public async Task Import_WithABadRowAfterRowsAlreadySaved_WritesNothing_AndTheSameRowsImportCleanlyAfterwards()
    {
        // More rows than the import saves at a time, so that the first ones are already written when the bad one comes.
        var good = Enumerable.Range(0, 1_500).Select(_ => Trade()).ToList();
        var rows = new JsonArray([.. good.Select(row => JsonSerializer.SerializeToNode(row, HttpClientExtensions.Json))]);
        rows.Add(JsonNode.Parse("""{"reporterCountry":"KZ","partnerCountry":"KR","flow":"import","year":1800,"valueUsd":1}"""));
        var start = await _client.ChangeFeedEndAsync();

        var refused = await ImportAsync(rows);

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[1500].year"], problem.ErrorFields());
        Assert.Empty(await TradeWithCodeAsync(good[0].HsCode!));
        Assert.Empty(await TradeWithCodeAsync(good[^1].HsCode!));
        Assert.Equal(start, await _client.ChangeFeedEndAsync());

        var imported = await ImportOkAsync(good);

        Assert.Equal(new ImportResult(false, 1_500, 1_500, 0, 0), imported);
        Assert.Single(await TradeWithCodeAsync(good[0].HsCode!));
        Assert.Single(await TradeWithCodeAsync(good[^1].HsCode!));
        var created = await _client.PostJsonAsync("/api/v1/trade-records", Trade());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Import_ARowWithManyFaults_ReportsEveryOneInOneAnswer_InJsonAndCsv()
    {
        var json = new JsonArray(JsonNode.Parse(
            """{"reporterCountry":"KZ","partnerCountry":"KZ","flow":"sideways","year":"last year","month":13,"valueUsd":-5}"""));
        const string csv = "reporterCountry,partnerCountry,flow,year,month,valueUsd\nKZ,KZ,sideways,last year,13,-5\n";

        var fromJson = await ImportAsync(json);
        var fromCsv = await _client.SendRawAsync(HttpMethod.Post, TradeImport, csv, "text/csv");

        string[] faults = ["[0].flow", "[0].month", "[0].partnerCountry", "[0].valueUsd", "[0].year"];
        Assert.Equal(faults, (await fromJson.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).ErrorFields().Order());
        Assert.Equal(faults, (await fromCsv.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).ErrorFields().Order());
    }

    [Fact]
    public async Task Import_TwoRowsWithTheSameTradeKey_IsAnErrorNamingBothRows()
    {
        var first = Trade();

        var response = await ImportAsync(new[] { Trade(), first, Trade(valueUsd: 7, hsCode: first.HsCode) });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[2]"], problem.ErrorFields());
        Assert.Contains("Rows 1 and 2", (string?)problem["errors"]!["[2]"]![0]);
        Assert.Empty(await TradeWithCodeAsync(first.HsCode!));
    }

    [Fact]
    public async Task Import_TwoRowsWithTheSameId_IsAnErrorNamingBothRows()
    {
        var stored = Trade();
        await ImportOkAsync(new[] { stored });
        var id = (await TradeWithCodeAsync(stored.HsCode!)).Single().Id;

        var response = await ImportAsync(new[] { Trade(id: id, hsCode: stored.HsCode, valueUsd: 1), Trade(id: id, hsCode: stored.HsCode, valueUsd: 2) });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("Rows 0 and 1", (string?)problem["errors"]!["[1]"]![0]);
    }

    [Fact]
    public async Task Import_InsertMode_WithAnExistingExternalId_IsARowError()
    {
        var existing = Trade(NewExternalId("import"));
        await ImportOkAsync(new[] { existing });
        var fresh = Trade();

        var response = await ImportAsync(new[] { fresh, Trade(existing.ExternalId) }, "?mode=insert");
        var byKey = await ImportAsync(new[] { Trade(hsCode: existing.HsCode) }, "?mode=insert");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["[1].externalId"], problem.ErrorFields());
        Assert.Equal(["[0]"], (await byKey.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).ErrorFields());
        Assert.Empty(await TradeWithCodeAsync(fresh.HsCode!));
    }

    [Fact]
    public async Task Import_WithAnUnknownMode_Is400()
    {
        var response = await ImportAsync(new[] { Trade() }, "?mode=merge");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["mode"], problem.ErrorFields());
        Assert.Equal("'mode' is one of: upsert, insert.", (string?)problem["errors"]!["mode"]![0]);
    }

    [Fact]
    public async Task Import_WithAnotherContentType_Is415()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, TradeImport, "<rows/>", "application/xml");

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"year":2020}""")]
    [InlineData("""[{"year":2020},""")]
    [InlineData("""not json""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Import_WithABodyThatIsNotAJsonArray_Is400Malformed(string body)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, TradeImport, body);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
    }

    [Fact]
    public async Task Import_OfEvents_UsesTheEventRules()
    {
        var externalId = NewExternalId("import");
        var body = new EventWrite
        {
            ExternalId = externalId,
            Title = "Imported event",
            Category = Domain.Events.EventCategory.Cultural,
            Date = Domain.Common.PartialDate.Parse("2024-05"),
            CountryCode = "KZ",
        };

        var first = await ImportAsync(new[] { body }, path: "/api/v1/events/import");
        var second = await ImportAsync(new[] { body }, path: "/api/v1/events/import");

        Assert.Equal(new ImportResult(false, 1, 1, 0, 0), await first.ReadAsync<ImportResult>());
        Assert.Equal(new ImportResult(false, 1, 0, 0, 1), await second.ReadAsync<ImportResult>());
        var listed = await _client.GetJsonAsync<ListPage<EventResponse>>($"/api/v1/events?externalId={externalId}");
        Assert.Equal("Imported event", listed.Items.Single().Title);
    }

    [Fact]
    public async Task TwoImporters_RacingOnTheSameExternalId_EndWithOneRecord()
    {
        var externalId = NewExternalId("import");
        var hsCode = NewCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => ImportAsync(new[] { Trade(externalId, valueUsd: i, hsCode: hsCode) })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.ReadAsync<ImportResult>()));
        Assert.Equal(1, results.Sum(r => r.Created));
        var listed = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>($"/api/v1/trade-records?externalId={externalId}");
        Assert.Single(listed.Items);
    }

    [Fact]
    public async Task Import_NewTradeRecord_IsStoredLoggedAndShownExactlyLikeAPostedOne()
    {
        // The import inserts new trade records without the change tracker; a POST saves through it. Two bodies that
        // differ only in their key and externalId must come out the same everywhere a client or the database can look.
        TradeRecordWrite Body(string hsCode) => new()
        {
            ExternalId = NewExternalId("import"),
            ReporterCountry = "KR",
            PartnerCountry = "KZ",
            Flow = TradeFlow.Turnover,
            Year = 2021,
            Month = 7,
            HsCode = hsCode,
            Commodity = "Ferro-alloys, ferro-chromium (ÄÖ «x»)",
            ValueUsd = 1234567.5m,
            Sources = [Bodies.Source, new SourceWrite { Name = "Second source" }],
        };
        var start = await _client.ChangeFeedEndAsync();
        var posted = await (await _client.PostJsonAsync("/api/v1/trade-records", Body(NewCode()))).ReadAsync<TradeRecordResponse>();

        var result = await ImportOkAsync(new[] { Body(NewCode()) });

        Assert.Equal(new ImportResult(false, 1, 1, 0, 0), result);
        var feed = await _client.GetJsonAsync<ChangePage>($"/api/v1/changes?after={start}");
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal(posted.Id, feed.Items[0].Id);
        var importedId = feed.Items[1].Id;
        var gets = new List<JsonObject>();
        foreach (var (change, id) in feed.Items.Zip([posted.Id, importedId]))
        {
            Assert.Equal(("trade-records", "created", 1), (change.Resource, change.Operation, change.Version));
            var got = await _client.GetAsync($"/api/v1/trade-records/{id}", ifNoneMatch: null);
            Assert.Equal("\"1\"", got.Headers.ETag?.Tag);
            var body = JsonNode.Parse(await got.Content.ReadAsStringAsync(Cancel))!.AsObject();
            Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(change.Data!.Value.GetRawText())), $"{body} vs {change.Data}");
            Assert.Equal(body["updatedAt"]!.GetValue<DateTime>(), change.ChangedAt);
            gets.Add(body);
        }
        foreach (var own in new[] { "id", "externalId", "hsCode", "createdAt", "updatedAt" })
        {
            Assert.All(gets, g => g.Remove(own));
        }
        Assert.True(JsonNode.DeepEquals(gets[0], gets[1]), $"{gets[0]} vs {gets[1]}");

        // Column by column in the database: the same values, stored with the same types and text formats.
        var rows = await StoredRowsAsync("TradeRecords", "Id", posted.Id, importedId);
        var changes = await StoredRowsAsync("Changes", "Sequence", feed.Items[0].Sequence, feed.Items[1].Sequence);
        foreach (var (stored, own) in new[] { (rows, new[] { "Id", "ExternalId", "HsCode", "HsCodeKey" }), (changes, new[] { "Sequence", "RecordId", "Data" }) })
        {
            Assert.Equal(stored[0].Keys, stored[1].Keys);
            foreach (var (column, (type, value)) in stored[0].Where(c => !own.Contains(c.Key)))
            {
                var other = stored[1][column];
                Assert.True(type == other.Type, $"{column}: {type} vs {other.Type}");
                var shape = column.EndsWith("At", StringComparison.Ordinal) ? (Func<object?, string?>)Shape : v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(shape(value) == shape(other.Value), $"{column}: {value} vs {other.Value}");
            }
        }
    }

    /// <summary>
    /// A timestamp's text with every digit replaced: its format, whatever the instant (the fraction of a second is written
    /// without trailing zeros, so only its presence counts).
    /// </summary>
    private static string? Shape(object? stored) => stored is string text
        ? System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"\.[0-9]+$", ".F"), "[0-9]", "9")
        : null;

    /// <summary>Two rows as the database stores them: column → (type, value); SQLite's storage class, PostgreSQL's column type.</summary>
    private async Task<List<Dictionary<string, (string Type, object? Value)>>> StoredRowsAsync(string table, string key, long first, long second)
    {
        await using var connection = await api.OpenDatabaseAsync(Cancel);
        var rows = new List<Dictionary<string, (string, object?)>>();
        foreach (var id in new[] { first, second })
        {
            await using var select = connection.CreateCommand();
            if (api.Engine == DatabaseEngine.Postgres)
            {
                select.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{key}\" = {id}";
                await using var row = await select.ExecuteReaderAsync(Cancel);
                Assert.True(await row.ReadAsync(Cancel));
                rows.Add(Enumerable.Range(0, row.FieldCount)
                    .ToDictionary(i => row.GetName(i), i => (row.GetDataTypeName(i), row.IsDBNull(i) ? null : row.GetValue(i))));
                continue;
            }
            await using var columns = connection.CreateCommand();
            columns.CommandText = $"SELECT name FROM pragma_table_xinfo('{table}') ORDER BY cid";
            var names = new List<string>();
            await using (var reader = await columns.ExecuteReaderAsync(Cancel))
            {
                while (await reader.ReadAsync(Cancel))
                {
                    names.Add(reader.GetString(0));
                }
            }
            select.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"typeof(\"{n}\"), \"{n}\""))} FROM \"{table}\" WHERE \"{key}\" = {id}";
            await using (var row = await select.ExecuteReaderAsync(Cancel))
            {
                Assert.True(await row.ReadAsync(Cancel));
                rows.Add(names.Select((n, i) => (n, (row.GetString(2 * i), row.IsDBNull(2 * i + 1) ? null : row.GetValue(2 * i + 1))))
                    .ToDictionary(c => c.n, c => c.Item2));
            }
        }
        return rows;
    }
}

/// <summary>The import limits, set small.</summary>
public sealed class ImportLimitTests : IDisposable
{
    private readonly ApiFactory _api = new() { Settings = { ["Api:MaxImportRows"] = "2", ["Api:MaxImportBytes"] = "2000" } };
    private readonly HttpClient _client;

    public ImportLimitTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    private static string Rows(int count, int year) => JsonSerializer.Serialize(
        Enumerable.Range(0, count).Select(i => Bodies.TradeRecord(year, hsCode: (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        HttpClientExtensions.Json);

    [Fact]
    public async Task Import_OverTheRowLimit_Is413_AndWritesNothing()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import", Rows(3, 1995));

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        var listed = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=1995");
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task Import_AtTheRowLimit_IsAccepted()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import", Rows(2, 1996));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Import_OverTheByteLimit_Is413_AndWritesNothing()
    {
        // Two rows, under the row limit; the padding (still valid JSON) takes the body over the byte limit.
        var body = Rows(2, 1997) + new string(' ', 2000);
        Assert.True(body.Length > 2000);

        var response = await _client.SendRawAsync(HttpMethod.Post, "/api/v1/trade-records/import", body);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        var listed = await _client.GetJsonAsync<ListPage<TradeRecordResponse>>("/api/v1/trade-records?year=1997");
        Assert.Empty(listed.Items);
    }
}
