using FluentValidation.Validators;

namespace RelationsApi.Api.Common.OpenApi;

/// <summary>
/// Puts the limits a validator enforces into the document, so that generated clients and validating proxies know them:
/// lengths become minLength and maxLength, ranges minimum and maximum. Only rules that always apply count (none under
/// a condition, none that compares with another field); the validator stays the one place the limits are written.
/// </summary>
internal static class ValidatorLimits
{
    /// <summary>Applies the unconditional length and range rules <paramref name="descriptor"/> has for <paramref name="member"/>.</summary>
    public static void Apply(IValidatorDescriptor descriptor, string member, OpenApiSchema schema)
    {
        var components = descriptor.GetRulesForMember(member)
            .Where(rule => !rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>)))
            .SelectMany(rule => rule.Components)
            .Where(c => !c.HasCondition && !c.HasAsyncCondition);
        foreach (var component in components)
        {
            switch (component.Validator)
            {
                case ILengthValidator length:
                    if (length.Min > 0)
                    {
                        schema.MinLength = length.Min;
                    }
                    if (length.Max > 0)
                    {
                        schema.MaxLength = length.Max;
                    }
                    break;
                case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                    schema.Minimum = from;
                    schema.Maximum = to;
                    break;
                case IComparisonValidator { MemberToCompare: null } comparison when Number(comparison.ValueToCompare) is { } bound:
                    switch (comparison.Comparison)
                    {
                        case Comparison.GreaterThanOrEqual:
                            schema.Minimum = bound;
                            break;
                        case Comparison.LessThanOrEqual:
                            schema.Maximum = bound;
                            break;
                    }
                    break;
            }
        }
    }

    private static string? Number(object? value) => value switch
    {
        int or long or decimal => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}

/// <summary>The limits of the query validators on the query parameters they check (see <see cref="ValidatorLimits"/>).</summary>
internal sealed class QueryLimitsParameterFilter(IServiceProvider services) : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var query = context.ApiParameterDescription.ModelMetadata?.ContainerType;
        if (query is null || parameter is not OpenApiParameter { Name: { } name, Schema: OpenApiSchema schema })
        {
            return;
        }
        if (QueryValidators.Of(services, query) is { } validator)
        {
            ValidatorLimits.Apply(validator.CreateDescriptor(), name, schema);
        }
    }
}

/// <summary>Finds the validator that checks a query's members, for the filters that document its rules.</summary>
internal static class QueryValidators
{
    /// <summary>
    /// The validator of <paramref name="query"/>; for a base class such as <see cref="ListQuery"/> (whose members the
    /// framework reports as its own), that of a query derived from it, which checks the inherited members the same way.
    /// </summary>
    public static IValidator? Of(IServiceProvider services, Type query) =>
        Validator(services, query) ?? query.Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(query) && !type.IsAbstract)
            .Select(type => Validator(services, type))
            .FirstOrDefault(validator => validator is not null);

    private static IValidator? Validator(IServiceProvider services, Type query) =>
        services.GetService(typeof(IValidator<>).MakeGenericType(query)) as IValidator;
}
