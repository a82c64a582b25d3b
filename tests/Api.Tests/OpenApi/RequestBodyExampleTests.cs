using System.Net;
using System.Text.Json.Nodes;
using RelationsApi.Api.Tests.Support;

namespace RelationsApi.Api.Tests.OpenApi;

/// <summary>
/// Tools that build requests from the document (Portman's contract tests, Postman collections, Swagger UI's "Try it
/// out") fill a JSON body's fields with the document's examples, and make values up where there are none. So every
/// writable field of a JSON request body has an example (or is an enumeration or an object whose own fields do), and
/// a body made of the examples is one the API accepts.
/// </summary>
public sealed class RequestBodyExampleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonObject> DocumentAsync()
    {
        var json = await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Cancel);
        return JsonNode.Parse(json)!.AsObject();
    }

    [Fact]
    public async Task EveryWritableFieldOfAJsonBody_HasAnExample()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        static string? Reference(JsonNode? schema) => ((string?)schema?["$ref"])?.Split('/')[^1];

        var pending = new Queue<string>();
        foreach (var operation in document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => op.Value!)))
        {
            foreach (var (mediaType, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                var schema = content!["schema"]!;
                if (mediaType.EndsWith("json", StringComparison.Ordinal) && Reference(schema["items"] ?? schema) is { } name)
                {
                    pending.Enqueue(name);
                }
            }
        }
        Assert.Contains("KeyCreate", pending);

        var missing = new List<string>();
        var seen = new HashSet<string>();
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || schemas[name]!["enum"] is not null)
            {
                continue;
            }
            foreach (var (property, schema) in schemas[name]!["properties"]?.AsObject() ?? [])
            {
                // An example may be null: the field left out.
                if ((bool?)schema!["readOnly"] == true || schema.AsObject().ContainsKey("example"))
                {
                    continue;
                }
                if ((Reference(schema) ?? Reference(schema["items"])) is { } nested)
                {
                    pending.Enqueue(nested);
                    continue;
                }
                missing.Add($"{name}.{property}");
            }
        }
        Assert.True(missing.Count == 0, "These request body fields have no example: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task TheKeyCreateExample_IsAKeyTheApiMakes()
    {
        var document = await DocumentAsync();
        var properties = document["components"]!["schemas"]!["KeyCreate"]!["properties"]!;
        var body = new JsonObject { ["name"] = properties["name"]!["example"]!.DeepClone(), ["scope"] = properties["scope"]!["example"]!.DeepClone() };
        var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Remove("X-Api-Key");
        admin.DefaultRequestHeaders.Add("X-Api-Key", api.AdminKey);

        var made = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/admin/keys", body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var key = JsonNode.Parse(await made.Content.ReadAsStringAsync(Cancel))!;
        Assert.Equal(("partner-b", "write"), ((string?)key["name"], (string?)key["scope"]));
        // Not the name the path examples (and the keys a partner's collection runs with) use, which would be a 409.
        Assert.NotEqual((string?)document["paths"]!["/api/v1/admin/keys/{name}"]!["get"]!["parameters"]![0]!["example"], (string?)key["name"]);
    }
}
