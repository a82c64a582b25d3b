using System.Reflection;
using RelationsApi.Api.Access;

namespace RelationsApi.Api.Common.OpenApi;

internal static class ApiDocs
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    /// <summary>Where Swagger UI and the document are served.</summary>
    public const string UiPath = "/swagger";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddEndpointsApiExplorer().AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Kazakhstan–Korea Relations API",
                Version = "v1",
                Description = "Events, flights, trade records and agreements in the relationship between Kazakhstan and the Republic of Korea, "
                    + "each with its sources. Partial dates (YYYY, YYYY-MM or YYYY-MM-DD) are returned exactly as precise as they are known. "
                    + "Errors are RFC 9457 problem details (application/problem+json) with a stable 'type' and a 'traceId'.",
                // The project has no public address and no licence file yet, so neither object carries a URL; the
                // docs/api-guide.md ("The OpenAPI document") says so. Add the URLs here once the repository is published.
                Contact = new OpenApiContact { Name = "Kazakhstan–Korea Relations API maintainers" },
                License = new OpenApiLicense { Name = "No licence granted yet: all rights reserved" },
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml"));
            options.CustomSchemaIds(SchemaId);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.MapType<PartialDate>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "partial-date",
                Pattern = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                Description = "A date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD. It stands for the whole period.",
            });
            options.MapType<IsoDate>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.SchemaFilter<ContractSchemaFilter>();
            options.SchemaFilter<ResponseExamples>();
            options.AddSecurityDefinition(KeyAuthentication.Scheme, KeySecurityOperationFilter.Scheme);
            options.OperationFilter<KeySecurityOperationFilter>();
            options.OperationFilter<HttpHeadersOperationFilter>();
            options.OperationFilter<ImportOperationFilter>();
            options.OperationFilter<RequiredBodyOperationFilter>();
            options.OperationFilter<ParameterExamplesOperationFilter>();
            options.ParameterFilter<QueryLimitsParameterFilter>();
            options.OperationFilter<QueryValuesOperationFilter>();
            options.OperationFilter<ExportOperationFilter>();
            options.DocumentFilter<MergePatchDocumentFilter>();
            options.DocumentFilter<HealthDocumentFilter>();
            options.DocumentFilter<DocumentMetadataFilter>();
        });

    /// <summary>Plain type names, except a page of a list: ListPage&lt;EventResponse&gt; is "EventList".</summary>
    private static string SchemaId(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ListPage<>)
            ? type.GetGenericArguments()[0].Name.Replace("Response", "", StringComparison.Ordinal) + "List"
            : type.Name;

    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            // Relative to wherever the document was fetched from: behind a proxy, over HTTPS or on another port, the
            // client's own view of the address is the right one, and the document saved for offline tools names no host.
            // Paths already carry /api/v1 (and /problems), so the server is the root of the app.
            document.Servers = [new OpenApiServer
            {
                Url = request.PathBase.HasValue ? request.PathBase.Value : "/",
                Description = "This API, at the address the document was fetched from.",
            }]));
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "Kazakhstan–Korea Relations API v1");
            options.DocumentTitle = "Kazakhstan–Korea Relations API";
        });
        app.MapGet("/", (HttpRequest request) => TypedResults.Redirect(request.AbsoluteUrl(UiPath))).ExcludeFromDescription();
        return app;
    }
}
