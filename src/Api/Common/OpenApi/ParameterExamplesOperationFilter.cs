using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Gives path and header parameters, and each list's sort, an example that works on a new (seeded) database, so that a
/// client or collection generated from the document can call every operation as it is. Query filters carry theirs in
/// their XML comments, beside their descriptions.
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
        var defaultSort = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ISortCheck>().FirstOrDefault()?.DefaultSort;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Example is not null || parameter.Name is null)
            {
                continue;
            }
            if (parameter.Name == "sort" && defaultSort is not null)
            {
                parameter.Example = defaultSort;
            }
            else if (ByName.TryGetValue(parameter.Name, out var example))
            {
                parameter.Example = example.DeepClone();
            }
        }
    }
}
