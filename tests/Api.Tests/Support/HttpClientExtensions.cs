using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationsApi.Api.Changes;
using RelationsApi.Api.Common;

namespace RelationsApi.Api.Tests.Support;

/// <summary>Requests and reads with the app's own JSON rules.</summary>
public static class HttpClientExtensions
{
    public static readonly JsonSerializerOptions Json = CreateOptions();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json, Cancel);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body, string? ifMatch = null) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }.IfMatch(ifMatch), Cancel);

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string path, string mergePatch, string? ifMatch = null) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = Raw(mergePatch, "application/merge-patch+json") }.IfMatch(ifMatch), Cancel);

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string path, string? ifMatch) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path).IfMatch(ifMatch), Cancel);

    /// <summary>Sends a body exactly as written, for input no serializer would produce.</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string body, string contentType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = Raw(body, contentType) }, Cancel);

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string? ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return client.SendAsync(request, Cancel);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"Empty body: {text}");
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<T>();
    }

    /// <summary>The change feed's cursor after its newest entry: where a reader that has seen everything stands.</summary>
    public static async Task<string> ChangeFeedEndAsync(this HttpClient client)
    {
        var cursor = "";
        while (true)
        {
            var page = await client.GetJsonAsync<ChangePage>($"/api/v1/changes?limit=1000{(cursor == "" ? "" : "&after=" + cursor)}");
            cursor = page.NextCursor ?? "";
            if (!page.HasMore)
            {
                return cursor;
            }
        }
    }

    /// <summary>Asserts a problem+json body with the given status and type, and returns it.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string kind)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal($"/problems/{kind}", (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.NotEqual("One or more validation errors occurred.", (string?)problem["title"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
        return problem;
    }

    /// <summary>The field paths of a validation problem's errors.</summary>
    public static IReadOnlyCollection<string> ErrorFields(this JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    private static HttpRequestMessage IfMatch(this HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    private static StringContent Raw(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        global::RelationsApi.Api.Common.Json.Configure(options);
        return options;
    }
}
