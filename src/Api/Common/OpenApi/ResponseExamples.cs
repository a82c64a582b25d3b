using System.Text.Json.Nodes;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Gives each response schema (and each list of them) an example: the first seed record of that resource, as the API
/// returns it on a new database. Real data reads better in Swagger UI than "string" and 0.
/// </summary>
internal sealed class ResponseExamples : ISchemaFilter
{
    private static readonly Dictionary<Type, JsonNode> Samples = Resources.All.Select(r => r.ResponseExample).ToDictionary(
        example => example.Type,
        example =>
        {
            var sample = JsonSerializer.SerializeToNode(example.Response, example.Type, RecordJson.Options)!;
            sample["id"] = example.Id;
            return sample;
        });

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var type = context.Type;
        var sample = Samples.GetValueOrDefault(type)?.DeepClone();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ListPage<>)
            && Samples.TryGetValue(type.GetGenericArguments()[0], out var item))
        {
            sample = JsonSerializer.SerializeToNode(new { Items = new[] { item }, Page = 1, PageSize = ListQuery.DefaultPageSize, TotalCount = 1 }, RecordJson.Options);
        }
        if (sample is not null && schema is OpenApiSchema concrete)
        {
            concrete.SetExample(sample);
        }
    }
}
