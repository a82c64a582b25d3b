using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Common;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Common;

/// <summary>
/// What every resource does the same way, run for each registered resource: create, conditional get, replace,
/// merge-patch and delete with their ETags, 404s and 412s, paging, a bad sort, and its place in the OpenAPI document,
/// the change feed, import and export. Each resource's own class tests only its own fields, rules and filters.
/// </summary>
public sealed class ResourceContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static int _unique = 100_000;

    private readonly HttpClient _client = api.CreateClient();

    /// <summary>Every registered resource, by its path segment.</summary>
    public static TheoryData<string> All => [.. Resources.All.Select(r => r.Segment)];

    /// <summary>A valid new body of <paramref name="resource"/>, unique where the resource has a unique key, with <paramref name="tag"/> where it has text.</summary>
    private static object NewBody(string resource, string tag = "contract") => resource switch
    {
        "events" => Bodies.Event(title: tag),
        "flights" => Bodies.Flight(),
        "trade-records" => Bodies.TradeRecord(year: 2001, hsCode: Interlocked.Increment(ref _unique).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "agreements" => Bodies.Agreement(title: tag),
        _ => throw new ArgumentException($"No test body for {resource}: add one here when registering a resource.", nameof(resource)),
    };

    /// <summary>A merge patch that changes one field, and that field's name and value as read back.</summary>
    private static (string Patch, string Field, JsonNode Value) OneFieldPatch(string resource) => resource switch
    {
        "events" or "agreements" => ("""{"title":"Patched"}""", "title", JsonValue.Create("Patched")),
        "flights" => ("""{"weeklyFrequency":3}""", "weeklyFrequency", JsonValue.Create(3)),
        "trade-records" => ("""{"valueUsd":99.5}""", "valueUsd", JsonValue.Create(99.50m)),
        _ => throw new ArgumentException($"No test patch for {resource}.", nameof(resource)),
    };

    private static string PathOf(string resource) => $"/api/v1/{resource}";

    private async Task<JsonObject> CreateAsync(string resource, string tag = "contract")
    {
        var response = await _client.PostJsonAsync(PathOf(resource), NewBody(resource, tag));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
    }

    private async Task<JsonObject> GetAsync(string resource, int id) =>
        JsonNode.Parse(await _client.GetStringAsync($"{PathOf(resource)}/{id}", Cancel))!.AsObject();

    [Theory]
    [MemberData(nameof(All))]
    public async Task Create_ValidBody_Returns201WithLocationETagAndTheStoredRecord(string resource)
    {
        var response = await _client.PostJsonAsync(PathOf(resource), NewBody(resource));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
        var id = (int)created["id"]!;
        Assert.Equal($"http://localhost{PathOf(resource)}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(1, (int)created["version"]!);
        Assert.True(JsonNode.DeepEquals(created, await GetAsync(resource, id)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task CreateOrReplace_WithoutABody_Returns400AndChangesNothing(string resource)
    {
        var created = await CreateAsync(resource);
        var id = (int)created["id"]!;
        var end = await _client.ChangeFeedEndAsync();

        foreach (var (method, path) in new[] { (HttpMethod.Post, PathOf(resource)), (HttpMethod.Put, $"{PathOf(resource)}/{id}") })
        {
            foreach (var body in new[] { "", "null" })
            {
                var response = await _client.SendRawAsync(method, path, body);
                await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
            }
        }

        Assert.Equal(end, await _client.ChangeFeedEndAsync());
        Assert.True(JsonNode.DeepEquals(created, await GetAsync(resource, id)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Create_WithATakenExternalId_Returns409NamingTheOtherAndChangesNothing(string resource)
    {
        var externalId = TestHelpers.NewExternalId("contract");
        var first = JsonNode.Parse(JsonSerializer.Serialize(NewBody(resource), RecordJson.Options))!.AsObject();
        first["externalId"] = externalId;
        var second = JsonNode.Parse(JsonSerializer.Serialize(NewBody(resource, "other"), RecordJson.Options))!.AsObject();
        second["externalId"] = externalId;
        var created = await _client.PostAsync(PathOf(resource), JsonContent.Create(first), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var end = await _client.ChangeFeedEndAsync();

        var response = await _client.PostAsync(PathOf(resource), JsonContent.Create(second), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal((int)JsonNode.Parse(await created.Content.ReadAsStringAsync(Cancel))!["id"]!, (int?)problem["existingId"]);
        Assert.Contains("externalId", (string?)problem["detail"]);
        Assert.Equal(end, await _client.ChangeFeedEndAsync());
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task GetReplacePatchDelete_UnknownId_Return404Problems(string resource)
    {
        var path = $"{PathOf(resource)}/987654";

        await (await _client.GetAsync(path, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await _client.PutJsonAsync(path, NewBody(resource))).ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await _client.PatchAsync(path, OneFieldPatch(resource).Patch)).ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await _client.DeleteAsync(path, ifMatch: null)).ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Get_WithCurrentETag_Returns304AndWithStaleETag_Returns200(string resource)
    {
        var id = (int)(await CreateAsync(resource))["id"]!;

        var fresh = await _client.GetAsync($"{PathOf(resource)}/{id}", ifNoneMatch: "\"1\"");
        var stale = await _client.GetAsync($"{PathOf(resource)}/{id}", ifNoneMatch: "\"7\"");

        Assert.Equal(HttpStatusCode.NotModified, fresh.StatusCode);
        Assert.Equal("\"1\"", fresh.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("\"1\"", stale.Headers.ETag?.Tag);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Replace_GetEditPutBack_IgnoresReadOnlyFieldsAndBumpsVersion(string resource)
    {
        var created = await CreateAsync(resource);
        var id = (int)created["id"]!;
        var edited = created.DeepClone().AsObject();
        edited["id"] = 123456;
        edited["version"] = 99;
        edited["createdAt"] = "2001-01-01T00:00:00Z";

        var response = await _client.SendRawAsync(HttpMethod.Put, $"{PathOf(resource)}/{id}", edited.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var stored = await GetAsync(resource, id);
        Assert.Equal((id, 2, (string?)created["createdAt"]), ((int)stored["id"]!, (int)stored["version"]!, (string?)stored["createdAt"]));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task ReplacePatchDelete_WithStaleIfMatch_Return412AndChangeNothing(string resource)
    {
        var created = await CreateAsync(resource);
        var path = $"{PathOf(resource)}/{(int)created["id"]!}";
        var end = await _client.ChangeFeedEndAsync();

        await (await _client.PutJsonAsync(path, NewBody(resource, "stale"), ifMatch: "\"5\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed, Problems.PreconditionFailed);
        await (await _client.PatchAsync(path, OneFieldPatch(resource).Patch, ifMatch: "\"5\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed, Problems.PreconditionFailed);
        await (await _client.DeleteAsync(path, ifMatch: "\"5\"")).ReadProblemAsync(HttpStatusCode.PreconditionFailed, Problems.PreconditionFailed);

        Assert.True(JsonNode.DeepEquals(created, await GetAsync(resource, (int)created["id"]!)));
        Assert.Equal(end, await _client.ChangeFeedEndAsync());
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Patch_WithCurrentIfMatch_ChangesOnlyTheNamedFieldAndBumpsVersion(string resource)
    {
        var created = await CreateAsync(resource);
        var (patch, field, value) = OneFieldPatch(resource);

        var response = await _client.PatchAsync($"{PathOf(resource)}/{(int)created["id"]!}", patch, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await GetAsync(resource, (int)created["id"]!);
        Assert.Equal(value.ToJsonString(), stored[field]!.ToJsonString());
        Assert.Equal(2, (int)stored["version"]!);
        foreach (var (name, before) in created)
        {
            if (name is not ("version" or "updatedAt") && name != field)
            {
                Assert.True(JsonNode.DeepEquals(before, stored[name]), $"'{name}' changed");
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Patch_WithPlainJsonOrAnUnknownProperty_EvenNull_Returns415Or400AndChangesNothing(string resource)
    {
        var created = await CreateAsync(resource);
        var path = $"{PathOf(resource)}/{(int)created["id"]!}";

        var plain = await _client.SendRawAsync(HttpMethod.Patch, path, OneFieldPatch(resource).Patch);
        var unknown = await _client.PatchAsync(path, """{"notAField":"x"}""");
        var unknownNull = await _client.PatchAsync(path, """{"sumary":null}""");

        await plain.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        var problem = await unknown.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal(["notAField"], problem.ErrorFields());
        var nullProblem = await unknownNull.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        Assert.Equal(["sumary"], nullProblem.ErrorFields());
        Assert.True(JsonNode.DeepEquals(created, await GetAsync(resource, (int)created["id"]!)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Delete_WithCurrentIfMatch_Returns204ThenTheRecordIsGone(string resource)
    {
        var path = $"{PathOf(resource)}/{(int)(await CreateAsync(resource))["id"]!}";

        var deleted = await _client.DeleteAsync(path, ifMatch: "\"1\"");
        var again = await _client.DeleteAsync(path, ifMatch: null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _client.GetAsync(path, Cancel)).ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await again.ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task List_PagedByLinks_VisitsEveryRecordOnceAndAgreesWithTotalCount(string resource)
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(resource);
        }
        var seen = new List<int>();
        var total = -1;
        var next = $"{PathOf(resource)}?pageSize=2";

        while (next is not null)
        {
            var response = await _client.GetAsync(next, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
            total = (int)page["totalCount"]!;
            seen.AddRange(page["items"]!.AsArray().Select(item => (int)item!["id"]!));
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.Contains("rel=\"first\"", link, StringComparison.Ordinal);
            Assert.Contains("rel=\"last\"", link, StringComparison.Ordinal);
            next = link.Split(',').Where(l => l.Contains("rel=\"next\"", StringComparison.Ordinal))
                .Select(l => new Uri(l[(l.IndexOf('<') + 1)..l.IndexOf('>')]).PathAndQuery).SingleOrDefault();
        }

        Assert.True(total >= 3);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task List_ReadAgain_IsTheSamePageUntilAWriteThenShowsTheWrite(string resource)
    {
        var id = (int)(await CreateAsync(resource))["id"]!;
        var externalId = "page-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"{PathOf(resource)}/{id}", $$"""{"externalId":"{{externalId}}"}""")).StatusCode);
        var address = $"{PathOf(resource)}?externalId={externalId}";
        var (patch, field, value) = OneFieldPatch(resource);

        var (first, firstLink) = await PageAsync(address);
        var (again, againLink) = await PageAsync(address);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(firstLink, againLink);
        using var otherHost = new HttpRequestMessage(HttpMethod.Get, address);
        otherHost.Headers.Host = "relations.example";
        var elsewhere = await _client.SendAsync(otherHost, Cancel);
        Assert.Contains("<http://relations.example/api/v1/", string.Join(",", elsewhere.Headers.GetValues("Link")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _client.PatchAsync($"{PathOf(resource)}/{id}", patch)).StatusCode);
        var (patched, _) = await PageAsync(address);
        var item = patched["items"]!.AsArray().Single()!;
        Assert.Equal(value.ToJsonString(), item[field]!.ToJsonString());
        Assert.Equal(3, (int)item["version"]!);
        Assert.Equal(1, (int)patched["totalCount"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{PathOf(resource)}/{id}", ifMatch: null)).StatusCode);
        var (deleted, _) = await PageAsync(address);
        Assert.Empty(deleted["items"]!.AsArray());
        Assert.Equal(0, (int)deleted["totalCount"]!);
    }

    private async Task<(JsonObject Page, string Link)> PageAsync(string address)
    {
        var response = await _client.GetAsync(address, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject(), string.Join(",", response.Headers.GetValues("Link")));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task List_BadSort_Returns400NamingTheAllowedFields(string resource)
    {
        var response = await _client.GetAsync($"{PathOf(resource)}?sort=nope", Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["sort"], problem.ErrorFields());
        Assert.StartsWith("Sort by one or more of: ", (string?)problem["errors"]!["sort"]![0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Registered_ResourceAppearsInTheDocumentTheFeedImportAndExport(string resource)
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json", Cancel))!;
        var paths = document["paths"]!.AsObject();
        Assert.Equal(["get", "post"], paths[PathOf(resource)]!.AsObject().Select(o => o.Key).Order());
        Assert.Equal(["delete", "get", "patch", "put"], paths[$"{PathOf(resource)}/{{id}}"]!.AsObject().Select(o => o.Key).Order());
        Assert.NotNull(paths[$"{PathOf(resource)}/import"]?["post"]);

        var start = await _client.ChangeFeedEndAsync();
        var imported = await _client.PostJsonAsync($"{PathOf(resource)}/import", new[] { NewBody(resource, "imported") });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await imported.Content.ReadAsStringAsync(Cancel))!["created"]!);

        var changes = await _client.GetJsonAsync<JsonObject>($"/api/v1/changes?after={start}");
        var change = Assert.Single(changes["items"]!.AsArray());
        Assert.Equal((resource, "created"), ((string?)change!["resource"], (string?)change["operation"]));

        var export = new HttpRequestMessage(HttpMethod.Get, $"{PathOf(resource)}?externalId=nonexistent");
        export.Headers.Accept.ParseAdd("text/csv");
        var csv = await _client.SendAsync(export, Cancel);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{resource}.csv", csv.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("id,", await csv.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_EveryResourceHasItsOwnSegmentAndEntity()
    {
        Assert.Equal(Resources.All.Count, Resources.All.Select(r => r.Segment).Distinct().Count());
        Assert.Equal(Resources.All.Count, Resources.Stored.Select(r => r.EntityType).Distinct().Count());
        Assert.Equal(Resources.All.Select(r => r.Segment), RelationsApi.Api.Changes.ChangeEndpoints.Resources);
    }
}
