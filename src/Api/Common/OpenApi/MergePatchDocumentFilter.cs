using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// A merge patch carries only the fields to change, so a PATCH body gets its own schema ("EventPatch" beside
/// "EventWrite"): the same properties, none required, each optional one nullable because null removes it.
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
                var patch = (OpenApiSchema)write.CreateShallowCopy();
                patch.Required = new SortedSet<string>(StringComparer.Ordinal);
                patch.Description = $"A JSON merge patch (RFC 7396) of {writeId}: only the fields to change; null removes an optional field.";
                schemas[patchId] = patch;
            }
            body.Schema = new OpenApiSchemaReference(patchId, document);
        }
    }
}
