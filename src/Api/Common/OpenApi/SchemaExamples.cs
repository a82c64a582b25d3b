using System.Text.Json.Nodes;

namespace RelationsApi.Api.Common.OpenApi;

internal static class SchemaExamples
{
    /// <summary>Sets the example a schema shows.</summary>
    public static void SetExample(this OpenApiSchema schema, JsonNode? example)
    {
#pragma warning disable CS0618 // OpenAPI 3.0 documents carry a single "example"; "examples" on a schema is 3.1 only.
        schema.Example = example;
#pragma warning restore CS0618
    }
}
