using System.Text.Json.Nodes;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Makes the schemas say what the wire does, so generated clients get accurate types:
/// write bodies mark required exactly what their validator requires, flag the server-managed fields read-only and
/// refuse unknown properties; responses mark every property required (present, though maybe null);
/// problem bodies document the traceId and the field errors the API always sends.
/// </summary>
internal sealed class ContractSchemaFilter(IServiceProvider services) : ISchemaFilter
{
    private static readonly HashSet<string> ServerManaged = ["id", "version", "createdAt", "updatedAt"];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } model)
        {
            return;
        }
        var type = context.Type;
        if (typeof(RecordWrite).IsAssignableFrom(type) || type == typeof(SourceWrite))
        {
            DescribeWriteBody(model, type);
        }
        else if (typeof(ProblemDetails).IsAssignableFrom(type))
        {
            DescribeProblem(model, type == typeof(HttpValidationProblemDetails));
        }
        else if (type.Namespace?.StartsWith("RelationsApi.Api", StringComparison.Ordinal) == true)
        {
            model.Required = new SortedSet<string>(model.Properties!.Keys, StringComparer.Ordinal);
        }
    }

    private void DescribeWriteBody(OpenApiSchema model, Type type)
    {
        var validator = (IValidator?)services.GetService(typeof(IValidator<>).MakeGenericType(type));
        var descriptor = validator?.CreateDescriptor();
        model.AdditionalPropertiesAllowed = false;
        model.Required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, property) in model.Properties!)
        {
            if (ServerManaged.Contains(name) && property is OpenApiSchema serverManaged)
            {
                serverManaged.ReadOnly = true;
            }
            else if (descriptor is not null && IsRequired(descriptor, name))
            {
                model.Required.Add(name);
                if (property is OpenApiSchema { Type: { } propertyType } required)
                {
                    required.Type = propertyType & ~JsonSchemaType.Null;
                }
            }
            if (descriptor is not null && property is OpenApiSchema limited && !ServerManaged.Contains(name))
            {
                ValidatorLimits.Apply(descriptor, name, limited);
            }
        }
    }

    /// <summary>A non-conditional NotNull or NotEmpty on the property itself (not on its items) makes it required.</summary>
    private static bool IsRequired(IValidatorDescriptor descriptor, string property) =>
        descriptor.GetRulesForMember(property)
            .Where(rule => !rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>)))
            .SelectMany(rule => rule.Components)
            .Any(c => c.Validator is INotNullValidator or INotEmptyValidator && !c.HasCondition && !c.HasAsyncCondition);

    private static void DescribeProblem(OpenApiSchema model, bool hasFieldErrors)
    {
        var traceId = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Identifies this request in the server's logs; quote it when reporting a problem.",
        };
        traceId.SetExample(JsonValue.Create("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        model.Properties!["traceId"] = traceId;
        model.Properties["existingId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Description = "On 409 only: the id of the record that already has the unique key.",
        };
        model.Required = new SortedSet<string>(["type", "title", "status", "traceId"], StringComparer.Ordinal);
        // Always sent, never null: a generated client types them as plain string and number.
        foreach (var name in new[] { "type", "title", "status" })
        {
            if (model.Properties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } propertyType } always)
            {
                always.Type = propertyType & ~JsonSchemaType.Null;
            }
        }
        if (hasFieldErrors)
        {
            model.Required.Add("errors");
        }
    }
}
