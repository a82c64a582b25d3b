using System.Text.Json.Nodes;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Gives path and header parameters an example that works on a new (seeded) database, so that a client or collection
/// generated from the document can call every operation as it is. Query filters carry theirs in their XML comments,
/// beside their descriptions; each list's sort gets its own from <see cref="QueryValuesOperationFilter"/>.
/// </summary>
internal sealed class ParameterExamplesOperationFilter : IOperationFilter
{
    private static readonly Dictionary<string, JsonNode> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = 1,   // every resource's seed starts at 1
        ["kind"] = Problems.Validation,
        ["name"] = "partner-a",
        ["If-Match"] = "\"1\"",   // a record not yet changed since it was created
        ["format"] = "csv",
        ["mode"] = "upsert",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Example is not null || parameter.Name is null)
            {
                continue;
            }
            if (ByName.TryGetValue(parameter.Name, out var example))
            {
                parameter.Example = example.DeepClone();
            }
        }
    }
}
