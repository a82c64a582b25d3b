namespace RelationsApi.Domain.Common;

/// <summary>A rule of the domain was broken; <see cref="Field"/> names the offending field in camelCase.</summary>
public sealed class DomainRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
