namespace RelationsApi.Api.Common.OpenApi;

/// <summary>Documents the conditional request headers and the response headers (ETag, Location, Link) the API uses.</summary>
internal sealed class HttpHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod;
        var path = context.ApiDescription.RelativePath ?? "";
        var isSingle = path.EndsWith("{id}", StringComparison.Ordinal);   // a record: keys are named, not numbered, and carry no version
        if (!path.StartsWith("api/", StringComparison.Ordinal))
        {
            return;
        }
        AddResponseHeader(operation, "429", "Retry-After", "Seconds to wait before the limit allows another request.");
        if (method == "GET" && isSingle)
        {
            AddHeaderParameter(operation, "If-None-Match", "An ETag from an earlier response, such as \"3\"; 304 when it is still current.");
            AddResponseHeader(operation, "200", "ETag", "The record's version in quotes, such as \"3\".", required: true);
        }
        else if (method == "GET" && ReturnsPage(context))
        {
            AddResponseHeader(operation, "200", "Link", "URLs of the first, prev, next and last pages (rel=\"first\" and so on), GitHub style.", required: true);
        }
        else if (method is "PUT" or "PATCH" or "DELETE" && isSingle)
        {
            AddHeaderParameter(operation, "If-Match", "The ETag you last saw, such as \"3\"; 412 and no change when the record has moved on.");
            AddResponseHeader(operation, "200", "ETag", "The new version in quotes.", required: true);
        }
        else if (method == "POST")
        {
            AddResponseHeader(operation, "201", "Location", "The new resource's absolute address.", required: true);
            if (!path.Contains("/admin/", StringComparison.Ordinal))   // a record has a version; a key has none
            {
                AddResponseHeader(operation, "201", "ETag", "The new record's version in quotes: \"1\".", required: true);
            }
        }
    }

    /// <summary>Only paged lists (ListPage&lt;T&gt;) send Link; the change feed pages with its cursor instead.</summary>
    private static bool ReturnsPage(OperationFilterContext context) =>
        context.ApiDescription.SupportedResponseTypes.Any(r =>
            r.StatusCode == StatusCodes.Status200OK && r.Type is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ListPage<>));

    private static void AddHeaderParameter(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddResponseHeader(OpenApiOperation operation, string status, string name, string description, bool required = false)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
        {
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[name] = new OpenApiHeader
            {
                Description = description,
                Required = required,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
