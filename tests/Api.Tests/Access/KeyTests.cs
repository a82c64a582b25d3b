using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using System.Text;
using RelationsApi.Api.Access;
using RelationsApi.Api.Common;
using RelationsApi.Api.Events;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.Access;

/// <summary>Writes need a key with the right scope; reads need none.</summary>
public sealed class KeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/v1/events" },
        { "PUT", "/api/v1/events/1" },
        { "PATCH", "/api/v1/events/1" },
        { "DELETE", "/api/v1/events/1" },
        { "POST", "/api/v1/events/import" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithoutKey_Is401WithChallenge_AndChangesNothing(string method, string path)
    {
        var anonymous = api.CreateAnonymousClient();
        var before = await anonymous.ChangeFeedEndAsync();

        var response = await anonymous.SendAsync(Write(method, path), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("X-Api-Key", (string?)problem["detail"]);
        Assert.Equal(before, await anonymous.ChangeFeedEndAsync());
    }

    [Theory]
    [InlineData("kkr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-even-a-key")]
    [InlineData("")]
    public async Task Write_WithWrongKey_Is401(string key)
    {
        var client = WithKey(key);

        var response = await client.SendAsync(Write("POST", "/api/v1/events"), Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Write_WithRevokedKey_Is401_WhileItWorkedBefore()
    {
        var admin = WithKey(api.AdminKey);
        var made = await (await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = "soon-revoked", Scope = "write" })).ReadAsync<CreatedKeyResponse>();
        var holder = WithKey(made.Key);
        Assert.Equal(HttpStatusCode.Created, (await holder.PostJsonAsync("/api/v1/events", Bodies.Event("Before revoking"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/admin/keys/soon-revoked", Cancel)).StatusCode);
        var response = await holder.PostJsonAsync("/api/v1/events", Bodies.Event("After revoking"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        Assert.Contains("revoked", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/api/v1/events", Cancel)).StatusCode);   // reads need no key
        var listed = await admin.GetJsonAsync<KeyResponse>("/api/v1/admin/keys/soon-revoked");
        Assert.NotNull(listed.RevokedAt);
    }

    /// <summary>
    /// Answers a write gives before it begins its transaction (a refused body, one that is not JSON, an import that
    /// does not parse) and answers it gives from inside it (a missing record, a create).
    /// </summary>
    public static TheoryData<string, string, string> AnswersOfAWrite => new()
    {
        { "POST", "/api/v1/events", "{}" },
        { "POST", "/api/v1/events", "{not json" },
        { "POST", "/api/v1/events/import", "[{\"title\": 5}]" },
        { "PATCH", "/api/v1/events/999999", "{\"summary\":\"x\"}" },
        { "DELETE", "/api/v1/events/999999", "" },
        { "POST", "/api/v1/events", JsonSerializer.Serialize(Bodies.Event("Never written"), HttpClientExtensions.Json) },
    };

    [Theory]
    [MemberData(nameof(AnswersOfAWrite))]
    public async Task AKeyThatWorkedBefore_AndIsRevokedSince_Is401_WhateverTheWriteWouldHaveAnswered(string method, string path, string body)
    {
        var (holder, name) = await KeyUsedOnceAsync("write");
        await RevokeAsync(name);
        var before = await holder.ChangeFeedEndAsync();

        var response = await holder.SendAsync(Write(method, path, body), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        Assert.Equal($"The API key '{name}' has been revoked.", (string?)problem["detail"]);
        Assert.Equal("ApiKey", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Null(response.Headers.Location);
        Assert.Null(response.Headers.ETag);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());   // the headers every answer has
        Assert.Equal(before, await holder.ChangeFeedEndAsync());
    }

    [Fact]
    public async Task AReadKeyThatWasRefusedAWrite_AndIsRevokedSince_Is401_Not403()
    {
        var (holder, name) = await KeyUsedOnceAsync("read");
        await RevokeAsync(name);

        var response = await holder.SendAsync(Write("POST", "/api/v1/events"), Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
    }

    [Fact]
    public async Task AKeyThatWorkedBefore_GetsItsAnswersWhole_WhileItWorks()
    {
        var (holder, _) = await KeyUsedOnceAsync("write");

        var refused = await holder.SendAsync(Write("POST", "/api/v1/events", "{}"), Cancel);
        var created = await holder.PostJsonAsync("/api/v1/events", Bodies.Event("Written with a remembered key"));

        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotNull(problem["errors"]?["title"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var written = await created.ReadAsync<EventResponse>();
        Assert.Equal(created.Headers.Location!.AbsolutePath, $"/api/v1/events/{written.Id}");
        Assert.Equal("Written with a remembered key", (await holder.GetJsonAsync<EventResponse>($"/api/v1/events/{written.Id}")).Title);
    }

    /// <summary>A new key of <paramref name="scope"/> that has made one write (or, for read, been refused one), so that the server has met it.</summary>
    private async Task<(HttpClient Holder, string Name)> KeyUsedOnceAsync(string scope)
    {
        var name = "met-" + Guid.NewGuid().ToString("N")[..8];
        var made = await (await WithKey(api.AdminKey).PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = name, Scope = scope })).ReadAsync<CreatedKeyResponse>();
        var holder = WithKey(made.Key);
        var first = await holder.PostJsonAsync("/api/v1/events", Bodies.Event("Written before revoking"));
        Assert.Equal(scope == "read" ? HttpStatusCode.Forbidden : HttpStatusCode.Created, first.StatusCode);
        return (holder, name);
    }

    private async Task RevokeAsync(string name) =>
        Assert.Equal(HttpStatusCode.NoContent, (await WithKey(api.AdminKey).DeleteAsync($"/api/v1/admin/keys/{name}", Cancel)).StatusCode);

    [Fact]
    public async Task Write_WithWriteKey_IsAccepted_AndReadsNeedNoKey()
    {
        var created = await api.CreateClient().PostJsonAsync("/api/v1/events", Bodies.Event("Written with a key"));
        var id = (await created.ReadAsync<EventResponse>()).Id;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var anonymous = api.CreateAnonymousClient();
        Assert.Equal("Written with a key", (await anonymous.GetJsonAsync<EventResponse>($"/api/v1/events/{id}")).Title);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/trade-records?year=2022", Cancel)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithReadOnlyKey_Is403_AndChangesNothing(string method, string path)
    {
        var reader = WithKey(api.Key("read-only-partner", "read"));
        var before = await reader.ChangeFeedEndAsync();

        var response = await reader.SendAsync(Write(method, path), Cancel);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        Assert.Equal("The API key 'read-only-partner' has scope 'read'; this request needs a key with scope 'write'.", (string?)problem["detail"]);
        Assert.Equal(before, await reader.ChangeFeedEndAsync());   // reads work with it
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/keys")]
    [InlineData("GET", "/api/v1/admin/audit")]
    [InlineData("POST", "/api/v1/admin/keys")]
    [InlineData("DELETE", "/api/v1/admin/keys/anyone")]
    public async Task AdminEndpoints_WithWriteKey_Are403_AndWithoutKey_401(string method, string path)
    {
        var withWriteKey = await api.CreateClient().SendAsync(Write(method, path, """{"name":"x","scope":"write"}"""), Cancel);
        var withoutKey = await api.CreateAnonymousClient().SendAsync(Write(method, path, """{"name":"x","scope":"write"}"""), Cancel);

        var problem = await withWriteKey.ReadProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        Assert.Contains("admin", (string?)problem["detail"]);
        await withoutKey.ReadProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
    }

    [Fact]
    public async Task CreatedKey_IsShownOnce_StoredOnlyAsItsHash_AndIsRandom()
    {
        var admin = WithKey(api.AdminKey);

        var response = await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = "partner-a", Scope = "write" });
        var other = await (await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = "partner-b", Scope = "write" })).ReadAsync<CreatedKeyResponse>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("http://localhost/api/v1/admin/keys/partner-a", response.Headers.Location?.OriginalString);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var made = await response.ReadAsync<CreatedKeyResponse>();
        Assert.Matches("^kkr_[A-Za-z0-9_-]{43}$", made.Key);   // 43 base64url characters: 256 bits
        Assert.NotEqual(made.Key, other.Key);
        Assert.StartsWith(made.Prefix, made.Key);
        var listed = await admin.GetAsync("/api/v1/admin/keys", Cancel);
        Assert.DoesNotContain(made.Key, await listed.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.Created, (await WithKey(made.Key).PostJsonAsync("/api/v1/events", Bodies.Event("By partner A"))).StatusCode);

        await using var db = await api.OpenDatabaseAsync(Cancel);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT * FROM \"ApiKeys\" WHERE \"Name\" = 'partner-a'";
        await using var row = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await row.ReadAsync(Cancel));
        var stored = Enumerable.Range(0, row.FieldCount).Select(i => row.GetValue(i)).ToList();
        Assert.DoesNotContain(stored, value => value is string text && text.Contains(made.Key[8..]));
        Assert.Contains(stored, value => value is byte[] hash && hash.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(made.Key))));
    }

    [Theory]
    [InlineData("""{"name":"partner-a b","scope":"write"}""", "name")]
    [InlineData("""{"name":"ok-name","scope":"root"}""", "scope")]
    [InlineData("""{"scope":"write"}""", "name")]
    public async Task CreateKey_WithBadInput_Is400(string body, string field)
    {
        var response = await WithKey(api.AdminKey).SendRawAsync(HttpMethod.Post, "/api/v1/admin/keys", body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task CreateKey_WithANameEverUsed_Is409_EvenAfterRevoking()
    {
        var admin = WithKey(api.AdminKey);
        await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = "used-once", Scope = "write" });
        await admin.DeleteAsync("/api/v1/admin/keys/used-once", Cancel);

        var again = await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = "used-once", Scope = "admin" });

        await again.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task RevokingAnUnknownKey_Is404()
    {
        var response = await WithKey(api.AdminKey).DeleteAsync("/api/v1/admin/keys/nobody", Cancel);

        await response.ReadProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task Preflight_ForAWrite_NeedsNoKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/events");
        request.Headers.Add("Origin", "https://frontend.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");

        var response = await api.CreateAnonymousClient().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("x-api-key", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient WithKey(string key)
    {
        var client = api.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", key);
        return client;
    }

    private static HttpRequestMessage Write(string method, string path, string body = "{}") =>
        new(new HttpMethod(method), path)
        {
            Content = method == "DELETE" ? null : new StringContent(body, Encoding.UTF8, method == "PATCH" ? "application/merge-patch+json" : "application/json"),
        };

    [Fact]
    public async Task EveryAdminAnswer_ErrorsIncluded_IsNoStore()
    {
        var admin = WithKey(api.AdminKey);

        var answers = new[]
        {
            await admin.GetAsync("/api/v1/admin/keys", Cancel),
            await admin.GetAsync("/api/v1/admin/keys/no-such-key", Cancel),
            await api.CreateAnonymousClient().GetAsync("/api/v1/admin/keys", Cancel),
            await api.CreateClient().GetAsync("/api/v1/admin/audit", Cancel),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], answers.Select(a => a.StatusCode));
        Assert.All(answers, a => Assert.Contains("no-store", a.Headers.CacheControl?.ToString()));
    }

    [Fact]
    public async Task KeyNames_AreUniqueRegardlessOfLetterCase()
    {
        var admin = WithKey(api.AdminKey);
        var name = "case-" + Guid.NewGuid().ToString("N")[..8];

        var first = await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = name, Scope = "read" });
        var upper = await admin.PostJsonAsync("/api/v1/admin/keys", new KeyCreate { Name = name.ToUpperInvariant(), Scope = "admin" });
        var found = await admin.GetAsync($"/api/v1/admin/keys/{name.ToUpperInvariant()}", Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await upper.ReadProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(name, (await found.ReadAsync<KeyResponse>()).Name);
    }
}
