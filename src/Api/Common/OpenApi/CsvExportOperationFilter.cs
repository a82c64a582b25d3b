using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Lists text/csv beside application/json for the 200 response of the operations that export CSV (those returning
/// <see cref="CsvFile{TWrite}"/>), with the Content-Disposition header of the download.
/// </summary>
internal sealed class CsvExportOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvExportMetadata>().Any()
            || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
        {
            return;
        }
        response.Content ??= new Dictionary<string, IOpenApiMediaType>();
        response.Content[CsvFormat.ContentType] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Every matching record, in the list's sort order and without paging: a header row of field names "
                    + "(id, externalId, the write body's fields, sources, version, createdAt, updatedAt), then one row per record. "
                    + "The same format is read by the import.",
            },
        };
        response.Description = "A page of records as JSON; with Accept: text/csv, every matching record as CSV (page and pageSize do not apply).";
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Content-Disposition"] = new OpenApiHeader
        {
            Description = "CSV only: attachment; filename=\"<resource>.csv\".",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }
}
