using System.Globalization;
using FluentValidation.Validators;
using FluentValidation.Resources;
using FluentValidation.Results;

namespace RelationsApi.Api.Common;

internal static class Validation
{
    /// <summary>
    /// Error keys and names in messages follow the JSON ("airlines[0].code", not "Airlines[0].Code"), and messages are
    /// English. Global settings: made once at start-up, before any validator is built, since a rule takes its name then.
    /// </summary>
    public static void UseCamelCaseNames()
    {
        // Messages in English whatever the server's locale, with a plainer word for a missing field.
        ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("en");
        ((LanguageManager)ValidatorOptions.Global.LanguageManager).AddTranslation("en", "NotNullValidator", "'{PropertyName}' is required.");
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    /// <summary>
    /// Runs the validator of the endpoint's <typeparamref name="T"/> argument (a body or a query) before the handler.
    /// Synchronously: no rule here does I/O, and FluentValidation's asynchronous path costs every rule a state machine.
    /// </summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder endpoint) where T : class =>
        endpoint.AddEndpointFilter((context, next) =>
            {
                // A body sent as nothing (or as null) binds as null when the handler's body type is generic.
                if (context.Arguments.OfType<T>().SingleOrDefault() is not { } argument)
                {
                    return ValueTask.FromResult<object?>(Problems.Malformed("This operation needs a JSON body."));
                }
                var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
                var result = validator.Validate(argument);
                return result.IsValid ? next(context) : ValueTask.FromResult<object?>(Problems.Invalid(result.ToErrors()));
            })
            .ProducesValidationProblem();

    public static Dictionary<string, string[]> ToErrors(this ValidationResult result) =>
        result.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    public static IRuleBuilderOptions<T, string?> CountryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(code => code is null || Domain.Common.CountryCode.IsValid(code))
            .WithMessage("'{PropertyName}' must be an ISO 3166-1 alpha-2 country code in upper case, such as KZ or KR; '{PropertyValue}' is not one.");

    /// <summary>
    /// Required free text: not blank (white space and zero-width characters alone are blank, see
    /// <see cref="TextRules.IsBlank"/>), at most <paramref name="maxLength"/> characters, no control characters.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotNull().WithMessage("'{PropertyName}' must not be empty or blank.")   // NotNull also marks it required in the OpenAPI document
            .MinimumLength(1).WithMessage("'{PropertyName}' must not be empty or blank.")   // as minLength in the document
            .Must(text => !TextRules.IsBlank(text)).WithMessage("'{PropertyName}' must not be empty or blank.")
            .OptionalText(maxLength);

    /// <summary>Optional free text: at most <paramref name="maxLength"/> characters, no control characters; blank text is stored as absent.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Must(text => text is null || !HasControlCharacter(text))
            .WithMessage("'{PropertyName}' must not hold control characters other than tab, line feed and carriage return, nor bidirectional overrides.");

    /// <summary>
    /// C0 controls other than tab, line feed and carriage return, DEL, and the bidirectional overrides and isolates:
    /// characters no text here needs, which a terminal or an editor would act on, and which PostgreSQL's text refuses (NUL).
    /// </summary>
    public static bool HasControlCharacter(ReadOnlySpan<char> text) => text.IndexOfAny(ControlCharacters) >= 0;

    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f" +
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");

    /// <summary>A known value of the enum, when there is one. Like IsInEnum, without reflection for each value checked.</summary>
    public static IRuleBuilderOptions<T, TEnum?> Defined<T, TEnum>(this IRuleBuilder<T, TEnum?> rule) where TEnum : struct, Enum =>
        rule.Must(value => value is null || Enum.IsDefined(value.Value))
            .WithMessage("'{PropertyName}' has a range of values which does not include '{PropertyValue}'.");

    /// <summary>An optional enum list filter ("diplomatic,cultural"), in any letter case.</summary>
    public static IRuleBuilderOptions<T, string?> EnumList<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.SetValidator(new AllowedValuesValidator<T>(EnumText<TEnum>.Values, isList: true, ignoreCase: true, typeof(TEnum)));

    /// <summary>An optional single enum value, in any letter case.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule) where TEnum : struct, Enum =>
        rule.Must(text => text is null || EnumText<TEnum>.TryParse(text, ignoreCase: true, out _))
            .WithMessage($"'{{PropertyName}}' is one of: {EnumText<TEnum>.AllowedList}.");

    /// <summary>An optional filter that is one of <paramref name="values"/>.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values, bool ignoreCase = false) =>
        rule.SetValidator(new AllowedValuesValidator<T>(values, isList: false, ignoreCase));

    /// <summary>An optional filter that is a comma-separated list of <paramref name="values"/> ("events,flights").</summary>
    public static IRuleBuilderOptions<T, string?> ListOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values, bool ignoreCase = false) =>
        rule.SetValidator(new AllowedValuesValidator<T>(values, isList: true, ignoreCase));
}

/// <summary>A rule that takes its values from a fixed set: the OpenAPI document lists them as the parameter's enum.</summary>
internal interface IAllowedValues
{
    /// <summary>The values, as the document lists them.</summary>
    IReadOnlyList<string> Values { get; }

    /// <summary>True for a comma-separated list of the values, false for one value.</summary>
    bool IsList { get; }

    /// <summary>The enum whose names the values are, if any: the document then refers to its schema.</summary>
    Type? EnumType { get; }
}

/// <summary>
/// Text that is one of a fixed set of values or, for a list, a comma-separated list of them (each item trimmed). Null
/// and empty text are left alone: an absent filter. The set is the one the document shows (<see cref="IAllowedValues"/>),
/// so the two cannot disagree.
/// </summary>
internal sealed class AllowedValuesValidator<T>(IReadOnlyList<string> values, bool isList, bool ignoreCase, Type? enumType = null)
    : PropertyValidator<T, string?>, IAllowedValues
{
    private readonly StringComparer _comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public IReadOnlyList<string> Values => values;

    public bool IsList => isList;

    public Type? EnumType => enumType;

    public override string Name => nameof(AllowedValuesValidator<T>);

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        string.IsNullOrEmpty(value) || (isList ? value.Split(',').All(item => IsAllowed(item.Trim())) : IsAllowed(value));

    protected override string GetDefaultMessageTemplate(string errorCode) => isList
        ? $"'{{PropertyName}}' takes a comma-separated list of: {string.Join(", ", values)}."
        : $"'{{PropertyName}}' is one of: {string.Join(", ", values)}.";

    private bool IsAllowed(string text) => values.Contains(text, _comparer);
}

/// <summary>Paging and sort rules shared by every list's query validator.</summary>
internal abstract class ListQueryValidator<TQuery> : AbstractValidator<TQuery>
    where TQuery : ListQuery
{
    protected ListQueryValidator(ISortCheck sorting)
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListQuery.MaxPageSize);
        RuleFor(q => q.Sort).Must(sort => sorting.Check(sort) is null).WithMessage(q => sorting.Check(q.Sort)!);
        RuleFor(q => q.ExternalId).Must(id => string.IsNullOrEmpty(id) || Entity.IsExternalId(id))
            .WithMessage($"'externalId' must be 1..{Entity.MaxExternalIdLength} characters of letters, digits and . _ : -");
    }

    protected void DateRange(Func<TQuery, IsoDate?> from, Func<TQuery, IsoDate?> to) =>
        RuleFor(q => q).Must(q => from(q) is not { } f || to(q) is not { } t || f.Value <= t.Value)
            .WithName("to").OverridePropertyName("to").WithMessage("'to' must not be before 'from'.");
}
