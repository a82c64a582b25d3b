namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// A merge patch carries only the fields to change, and an explicit null removes one. A PATCH body is therefore
/// documented as its own schema ("EventPatch" beside "EventWrite"): the write body's fields with their types and rules,
/// none of them required, the optional ones nullable (null removes them), and no others. Clients that send only the
/// members set (Kiota, openapi-fetch, a dictionary) patch exactly; those that send every member send nulls too.
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
                var fields = write.Properties!.Where(p => p.Value is not OpenApiSchema { ReadOnly: true }).ToList();
                schemas[patchId] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalPropertiesAllowed = false,
                    Properties = fields.ToDictionary(p => p.Key, p => p.Value),
                    Description = $"A JSON merge patch (RFC 7396) of {writeId}: any of its fields, with the same types and rules. "
                        + "Only the fields present change; null removes an optional field; arrays are replaced whole; any other member is refused.",
                };
            }
            body.Schema = new OpenApiSchemaReference(patchId, document);
        }
    }
}
