using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace RelationsApi.Api.Common;

/// <summary>
/// A full date in a query string, strictly YYYY-MM-DD. The framework's own DateOnly binding would also take
/// "06/01/2019" or "1 June 2019" and guess; a public API should refuse what it would have to guess at.
/// </summary>
public readonly record struct IsoDate(DateOnly Value) : IParsable<IsoDate>
{
    /// <summary>Parses YYYY-MM-DD or throws.</summary>
    public static IsoDate Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var date) ? date : throw new FormatException($"'{s}' is not a YYYY-MM-DD date.");

    /// <summary>Parses YYYY-MM-DD and nothing else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out IsoDate result)
    {
        var parsed = DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value);
        result = new IsoDate(value);
        return parsed;
    }

    /// <summary>The date as YYYY-MM-DD.</summary>
    public override string ToString() => Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
