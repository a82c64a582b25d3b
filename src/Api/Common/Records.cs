using System.Buffers.Text;

namespace RelationsApi.Api.Common;

/// <summary>
/// What every write body has. The server-managed fields are accepted so that "GET, edit, PUT back" works,
/// and ignored: the server sets them.
/// </summary>
public abstract class RecordWrite
{
    /// <summary>Read-only: ignored on write.</summary>
    public int? Id { get; init; }

    /// <summary>Read-only: ignored on write. Send If-Match to guard against overwriting someone else's change.</summary>
    public int? Version { get; init; }

    /// <summary>Read-only: ignored on write.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>Read-only: ignored on write.</summary>
    public DateTime? UpdatedAt { get; init; }

    /// <summary>
    /// Your own key for the record, unique per resource: 1..100 letters, digits, '.', '_', ':' or '-'. Absent means none.
    /// An import in upsert mode finds the record to update by it.
    /// </summary>
    /// <example>partner-a:2022-01</example>
    public string? ExternalId { get; set; }

    /// <summary>Where the facts come from: 0..10 sources (absent means none).</summary>
    public IReadOnlyList<SourceWrite>? Sources { get; set; }
}

/// <summary>A source to cite.</summary>
public sealed class SourceWrite
{
    /// <summary>Name of the publication or document (required, 1..300 characters).</summary>
    /// <example>Korea Herald</example>
    public string? Name { get; init; }

    /// <summary>Absolute http or https address, if it has one.</summary>
    /// <example>https://www.koreaherald.com/</example>
    public string? Url { get; init; }

    /// <summary>Publication date (a full date), if known.</summary>
    /// <example>2023-11-02</example>
    public DateOnly? PublishedOn { get; init; }
}

/// <summary>A source a record cites.</summary>
/// <param name="Name">Name of the publication or document.</param>
/// <param name="Url">Absolute http or https address, or null.</param>
/// <param name="PublishedOn">Publication date, or null when unknown.</param>
public sealed record SourceResponse(string Name, string? Url, DateOnly? PublishedOn);

internal sealed class SourceWriteValidator : AbstractValidator<SourceWrite>
{
    public SourceWriteValidator()
    {
        RuleFor(s => s.Name).Text(Source.MaxNameLength);
        RuleFor(s => s.Url)
            .OptionalText(Source.MaxUrlLength)
            .Must(url => TextRules.IsBlank(url) || Source.IsWebAddress(url))
            .WithMessage("'url' must be an absolute http or https address.");
    }
}

/// <summary>Rules every write body shares.</summary>
internal abstract class RecordWriteValidator<T> : AbstractValidator<T> where T : RecordWrite
{
    protected RecordWriteValidator()
    {
        RuleFor(w => w.ExternalId).Must(id => id is null || Entity.IsExternalId(id))
            .WithMessage($"'externalId' must be 1..{Entity.MaxExternalIdLength} characters of letters, digits and . _ : -");
        RuleFor(w => w.Sources).Must(s => s is null || s.Count <= Source.MaxPerRecord)
            .WithMessage($"'sources' holds at most {Source.MaxPerRecord} items.");
        RuleForEach(w => w.Sources).NotNull().SetValidator(new SourceWriteValidator());
    }
}

internal static class RecordMapping
{
    public static IReadOnlyList<SourceResponse> ToResponse(this IReadOnlyList<Source> sources) =>
        sources.Select(s => new SourceResponse(s.Name, s.Url, s.PublishedOn)).ToList();

    public static IReadOnlyList<Source> ToDomain(this IReadOnlyList<SourceWrite>? sources) =>
        sources?.Select(s => new Source(s.Name!, s.Url, s.PublishedOn)).ToList() ?? [];

    public static IReadOnlyList<SourceWrite> ToWrite(this IReadOnlyList<Source> sources) =>
        sources.Select(s => new SourceWrite { Name = s.Name, Url = s.Url, PublishedOn = s.PublishedOn }).ToList();
}
