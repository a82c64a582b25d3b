using System.Text.Json.Nodes;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// An import body is a JSON array of write bodies, a CSV file, or a form with a CSV or XLSX file in its part "file".
/// The CSV form is documented as a string with an example, so Swagger UI's "Try it out" offers a text box and sends it
/// as text/csv; the form as an object with a binary "file", so it offers a file chooser.
/// </summary>
internal sealed class ImportOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ImportCsvExample>().FirstOrDefault() is not { } example
            || operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }
        body.Required = true;
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "mode") is OpenApiParameter mode)
        {
            // Bound as text (any letter case), documented as the enum it is, under its own name for generated clients.
            mode.Schema = context.SchemaGenerator.GenerateSchema(typeof(ImportMode), context.SchemaRepository);
        }
        body.Description = "The rows: a JSON array of write bodies, or CSV (UTF-8, a header row naming write fields; arrays joined with ';', "
            + "an airline written code|name, a source name|url|publishedOn), or an uploaded CSV or XLSX file in the same layout "
            + "(GET .../import/template gives one to fill in). At most 100,000 rows or 50 MB by default.";
        if (body.Content?.TryGetValue(CsvFormat.ContentType, out var csv) == true && csv is OpenApiMediaType media)
        {
            media.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "CSV text: a header row, then one record a line.",
            };
            media.Example = JsonValue.Create(example.Csv);
        }
        if (body.Content is { } content && content.ContainsKey(UploadedFile.ContentType))
        {
            content[UploadedFile.ContentType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [UploadedFile.PartName] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Format = "binary",
                            Description = "A CSV or XLSX file (first worksheet, row 1 the header): its part's Content-Type (text/csv or the XLSX type), "
                                + "else its name's extension (.csv, .tsv, .txt or .xlsx), says which.",
                        },
                    },
                    Required = new HashSet<string> { UploadedFile.PartName },
                },
            };
        }
        if (body.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType jsonMedia)
        {
            jsonMedia.Example = example.Json.DeepClone();
        }
    }
}
