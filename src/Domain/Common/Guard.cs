namespace RelationsApi.Domain.Common;

/// <summary>The checks entities run on what they are given; each failure names the field.</summary>
internal static class Guard
{
    public static string Text(string field, string? value, int maxLength)
    {
        if (TextRules.IsBlank(value) || value!.Length > maxLength)
        {
            throw new DomainRuleException(field, $"'{field}' must be 1..{maxLength} characters and not blank.");
        }
        return value;
    }

    /// <summary>The text, or null when it is absent or blank.</summary>
    public static string? OptionalText(string field, string? value, int maxLength)
    {
        if (TextRules.IsBlank(value))
        {
            return null;
        }
        if (value!.Length > maxLength)
        {
            throw new DomainRuleException(field, $"'{field}' must be at most {maxLength} characters.");
        }
        return value;
    }

    public static string Country(string field, string? code)
    {
        if (!CountryCode.IsValid(code))
        {
            throw new DomainRuleException(field, $"'{code}' is not an ISO 3166-1 alpha-2 country code.");
        }
        return code!;
    }

    public static T Defined<T>(string field, T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainRuleException(field, $"'{value}' is not a known value.");
        }
        return value;
    }
}
