using System.Buffers.Text;
using System.Text.Json;
using FluentValidation;
using RelationsApi.Domain.Common;
using RelationsApi.Infrastructure.Persistence;

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
    public string? ExternalId { get; init; }

    /// <summary>Where the facts come from: 0..10 sources (absent means none).</summary>
    public IReadOnlyList<SourceWrite>? Sources { get; init; }
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
            .MaximumLength(Source.MaxUrlLength)
            .Must(url => url is null || Source.IsWebAddress(url))
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

    /// <summary>A text column as a JSON string, or null.</summary>
    public static void WriteText(this Utf8JsonWriter json, ReadOnlySpan<byte> name, Utf8Value value)
    {
        if (value.IsNull)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value.Bytes);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter json, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>An amount of whole cents as the decimal number the response type writes: always two decimals ("6530000000.00").</summary>
    public static void WriteCents(this Utf8JsonWriter json, ReadOnlySpan<byte> name, long cents)
    {
        Span<byte> text = stackalloc byte[24];
        var length = 0;
        if (cents < 0)
        {
            text[length++] = (byte)'-';
        }
        Utf8Formatter.TryFormat(Math.Abs(cents / 100), text[length..], out var written);
        length += written;
        var hundredths = (int)Math.Abs(cents % 100);
        text[length++] = (byte)'.';
        text[length++] = (byte)('0' + (hundredths / 10));
        text[length++] = (byte)('0' + (hundredths % 10));
        json.WritePropertyName(name);
        json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>An instant as stored, written as the DateTime it holds would be (see <see cref="StoredInstant.TryWriteIso"/>).</summary>
    public static void WriteInstant(this Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> stored)
    {
        Span<byte> iso = stackalloc byte[28];
        if (StoredInstant.TryWriteIso(stored, iso, out var length))
        {
            json.WriteString(name, iso[..length]);
        }
        else
        {
            json.WriteString(name, StoredInstant.Parse(stored));
        }
    }

    /// <summary>A sources column as the JSON of its <see cref="SourceResponse"/> list: name, url, publishedOn, nulls included.</summary>
    public static void WriteSources(this Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> sourcesJson)
    {
        json.WriteStartArray(name);
        var sources = new SourceReader(sourcesJson);
        while (sources.Read())
        {
            json.WriteStartObject();
            json.WriteText("name"u8, sources.Name);
            json.WriteText("url"u8, sources.Url);
            json.WriteText("publishedOn"u8, sources.PublishedOn);   // a DateOnly the column wrote as yyyy-MM-dd, as the response does
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
