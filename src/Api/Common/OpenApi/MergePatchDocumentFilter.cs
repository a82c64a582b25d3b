using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// A merge patch carries only the fields to change, and an explicit null removes one. A class with every field
/// optional cannot tell "absent" from "null", so generated clients would wipe fields; a PATCH body is therefore
/// documented as its own schema ("EventPatch" beside "EventWrite"): an object of any of the write body's fields,
/// which clients generate as a dictionary and send exactly as built.
/// </summary>
internal sealed class MergePatchDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }
        var bodies = document.Paths.Values
            .SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .Select(operation => operation.RequestBody?.Content)
            .Where(content => content is not null && content.ContainsKey(MergePatch.ContentType))
            .Select(content => content![MergePatch.ContentType])
            .OfType<OpenApiMediaType>();
        foreach (var body in bodies)
        {
            if (body.Schema is not OpenApiSchemaReference { Reference.Id: { } writeId } || schemas[writeId] is not OpenApiSchema write)
            {
                continue;
            }
            var patchId = writeId.Replace("Write", "Patch", StringComparison.Ordinal);
            if (!schemas.ContainsKey(patchId))
            {
                var fields = write.Properties!.Where(p => p.Value is not OpenApiSchema { ReadOnly: true }).Select(p => p.Key);
                schemas[patchId] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalPropertiesAllowed = true,
                    AdditionalProperties = new OpenApiSchema(),
                    Description = $"A JSON merge patch (RFC 7396) of {writeId}: any of {string.Join(", ", fields)}, with the types and rules "
                        + $"{writeId} gives them. Only the fields present change; null removes an optional field; arrays are replaced whole.",
                };
            }
            body.Schema = new OpenApiSchemaReference(patchId, document);
        }
    }
}
