namespace RelationsApi.Domain.Common;

/// <summary>Where a fact comes from: a named publication, optionally with its web address and publication date.</summary>
public sealed record Source
{
    public const int MaxPerRecord = 10;
    public const int MaxNameLength = 300;
    public const int MaxUrlLength = 2000;

    public Source(string name, string? url = null, DateOnly? publishedOn = null)
    {
        if (TextRules.IsBlank(name) || name.Length > MaxNameLength)
        {
            throw new DomainRuleException("name", $"A source needs a name of 1..{MaxNameLength} characters.");
        }
        url = TextRules.IsBlank(url) ? null : url;   // optional: a blank address is none
        if (url is not null && (url.Length > MaxUrlLength || !IsWebAddress(url)))
        {
            throw new DomainRuleException("url", "A source's url must be an absolute http or https address.");
        }
        (Name, Url, PublishedOn) = (name, url, publishedOn);
    }

    public string Name { get; }
    public string? Url { get; }
    public DateOnly? PublishedOn { get; }

    /// <summary>True for an absolute http or https address.</summary>
    public static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
