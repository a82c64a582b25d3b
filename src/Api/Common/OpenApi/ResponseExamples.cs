using System.Text.Json;
using Microsoft.OpenApi;
using RelationsApi.Api.Agreements;
using RelationsApi.Api.Events;
using RelationsApi.Api.Flights;
using RelationsApi.Api.TradeRecords;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Seeding;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Gives each response schema (and each list of them) an example: the first seed record of that resource, as the API
/// returns it on a new database. Real data reads better in Swagger UI than "string" and 0.
/// </summary>
internal sealed class ResponseExamples : ISchemaFilter
{
    private static readonly DateTime Created = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(EventResponse)] = SeedArticle.Events().First().ToResponse() with { Id = 1, CreatedAt = Created, UpdatedAt = Created, Version = 1 },
        [typeof(FlightResponse)] = SeedArticle.Flights().First().ToResponse() with { Id = 1, CreatedAt = Created, UpdatedAt = Created, Version = 1 },
        [typeof(TradeRecordResponse)] = SeedArticle.TradeRecords().First().ToResponse() with { Id = 1, CreatedAt = Created, UpdatedAt = Created, Version = 1 },
        [typeof(AgreementResponse)] = SeedArticle.Agreements().ElementAt(1).ToResponse() with { Id = 2, CreatedAt = Created, UpdatedAt = Created, Version = 1 },
    };

    private static readonly JsonSerializerOptions Options = CreateOptions();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var type = context.Type;
        object? sample = Samples.GetValueOrDefault(type);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ListPage<>)
            && Samples.TryGetValue(type.GetGenericArguments()[0], out var item))
        {
            sample = new { Items = new[] { item }, Page = 1, PageSize = ListQuery.DefaultPageSize, TotalCount = 1 };
        }
        if (sample is not null && schema is OpenApiSchema concrete)
        {
#pragma warning disable CS0618 // OpenAPI 3.0 documents carry a single "example"; "examples" on a schema is 3.1 only.
            concrete.Example = JsonSerializer.SerializeToNode(sample, Options);
#pragma warning restore CS0618
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }
}
