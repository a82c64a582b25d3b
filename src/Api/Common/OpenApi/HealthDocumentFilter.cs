using System.Text.Json.Nodes;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Documents the two health endpoints, which the framework's health-check middleware answers and the API explorer
/// therefore never sees: load balancers and orchestrators are clients too.
/// </summary>
internal sealed class HealthDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Paths[Health.LivePath] = Path(
            "getLiveness", "Tells whether the process is up and answering; it checks nothing else.");
        document.Paths[Health.ReadyPath] = Path(
            "getReadiness", "Tells whether the API can serve: the database answers and is migrated. 503 while it cannot.");

        OpenApiPathItem Path(string operationId, string summary) => new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Description = "Needs no API key and is not rate-limited. The body is one word: Healthy, Degraded or Unhealthy.",
                    Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Answer("Healthy (or Degraded).", "Healthy"),
                        ["503"] = Answer("Unhealthy.", "Unhealthy"),
                    },
                },
            },
        };
    }

    private static OpenApiResponse Answer(string description, string example) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(example) },
        },
    };
}
