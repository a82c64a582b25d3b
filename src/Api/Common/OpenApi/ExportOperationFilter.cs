namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Documents the operations that answer with a file (see <see cref="ExportMetadata"/>): the export and the import
/// template. Their 200 is text/csv or the XLSX type with a Content-Disposition header, their format parameter is the
/// <see cref="ExportFormat"/> enum, and the export, which never pages, lists no page parameters.
/// </summary>
internal sealed class ExportOperationFilter : IOperationFilter
{
    private static readonly string[] PageParameters = ["page", "pageSize"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ExportMetadata>().FirstOrDefault() is not { } export)
        {
            return;
        }
        if (operation.Parameters is { } parameters)
        {
            if (parameters.FirstOrDefault(p => p.Name == "format") is OpenApiParameter format)
            {
                // Bound as text (any letter case), documented as the enum it is, under its own name for generated clients.
                format.Schema = context.SchemaGenerator.GenerateSchema(typeof(ExportFormat), context.SchemaRepository);
            }
            foreach (var page in parameters.Where(p => PageParameters.Contains(p.Name)).ToList())
            {
                parameters.Remove(page);
            }
        }

        var columns = export.Template
            ? "a header row of the write fields (externalId, the write body's fields, sources), then one example row that imports as it is"
            : "a header row of field names (id, externalId, the write body's fields, sources, version, createdAt, updatedAt), then one row per record";
        // The download first, then the problems the operation can answer with.
        var problems = operation.Responses?.ToList() ?? [];
        operation.Responses = [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = export.Template
                ? "The import template as a download: CSV by default, or an XLSX workbook with format=xlsx."
                : "Every matching record, in the list's sort order and without paging, as a download: CSV by default, or an XLSX workbook with format=xlsx.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [CsvFormat.ContentType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = $"CSV (UTF-8, comma-separated): {columns}. The same format is read by the import.",
                    },
                },
                [XlsxFormat.ContentType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = "binary",
                        Description = $"An XLSX workbook whose first worksheet holds {columns}. The same layout is read by the import.",
                    },
                },
            },
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Content-Disposition"] = new OpenApiHeader
                {
                    Description = export.Template
                        ? "attachment; filename=\"<resource>-template.csv\" (or .xlsx)."
                        : "attachment; filename=\"<resource>.csv\" (or .xlsx).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
        foreach (var (status, response) in problems)
        {
            operation.Responses[status] = response;
        }
    }
}
