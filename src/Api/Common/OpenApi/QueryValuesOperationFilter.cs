using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Puts the values a query parameter may take into the document, read from what the API checks them with: a filter whose
/// validator rule takes a fixed set (<see cref="IAllowedValues"/>) gets that set as its enum, an array of them when the
/// filter is a comma-separated list; a list's sort (<see cref="ISortCheck"/>) is an array of its fields in both
/// directions. Arrays are documented with style form and explode false, so "category=diplomatic,cultural" is what a
/// generated client sends.
/// </summary>
internal sealed class QueryValuesOperationFilter(IServiceProvider services) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var sorting = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ISortCheck>().FirstOrDefault();
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            if (parameter.Name == "sort" && sorting is not null)
            {
                DocumentSort(parameter, sorting);
            }
            else if (AllowedValues(context.ApiDescription, parameter.Name) is { } allowed)
            {
                DocumentValues(parameter, allowed, context);
            }
        }
    }

    private static void DocumentSort(OpenApiParameter parameter, ISortCheck sorting)
    {
        var fields = sorting.DefaultSort.Split(',').ToList();
        // The default and one more field: a two-field example that shows the list form and works on any data.
        var extra = sorting.FieldNames.FirstOrDefault(name => !fields.Any(f => f.TrimStart('-') == name));
        if (extra is not null)
        {
            fields.Add(extra);
        }
        var keys = sorting.FieldNames.SelectMany(name => new[] { name, "-" + name });
        parameter.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            UniqueItems = true,
            Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. keys.Select(Text)] },
        };
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        parameter.Example = new JsonArray(fields.Select(Text).ToArray());
        parameter.Description =
            $"{parameter.Description} Fields: {string.Join(", ", sorting.FieldNames)}; each at most once, in either direction "
            + $"(default {sorting.DefaultSort}; e.g. {string.Join(",", fields)}).";
    }

    private static void DocumentValues(OpenApiParameter parameter, IAllowedValues allowed, OperationFilterContext context)
    {
        if (!allowed.IsList)
        {
            if (parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = [.. allowed.Values.Select(Text)];
            }
            return;
        }
        // The comma-separated example of the XML comment ("inForce,signed"), as the array it stands for.
        var example = (parameter.Example as JsonValue)?.GetValue<string>() is { } text ? text.Split(',') : [allowed.Values[0]];
        parameter.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            // An enum's values are its names, as its own schema lists them: generated clients then take a list of that
            // type (FlightStatus) rather than of one made up for the parameter.
            Items = allowed.EnumType is { } type
                ? context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository)
                : new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. allowed.Values.Select(Text)] },
        };
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        parameter.Example = new JsonArray(example.Select(Text).ToArray());
    }

    /// <summary>The fixed set the validator of the parameter's query checks it against, when there is one.</summary>
    private IAllowedValues? AllowedValues(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, string? name)
    {
        var query = description.ParameterDescriptions
            .FirstOrDefault(p => p.Name == name && p.Source == BindingSource.Query)?.ModelMetadata?.ContainerType;
        if (name is null || query is null || QueryValidators.Of(services, query) is not { } validator)
        {
            return null;
        }
        return validator.CreateDescriptor().GetRulesForMember(name)
            .SelectMany(rule => rule.Components)
            .Where(c => !c.HasCondition && !c.HasAsyncCondition)
            .Select(c => c.Validator)
            .OfType<IAllowedValues>()
            .FirstOrDefault();
    }

    private static JsonNode Text(string value) => JsonValue.Create(value)!;
}
