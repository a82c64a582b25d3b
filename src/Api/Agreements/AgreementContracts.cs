using Microsoft.AspNetCore.Mvc;
using RelationsApi.Domain.Agreements;

namespace RelationsApi.Api.Agreements;

/// <summary>An agreement to create, or the full new state of one to replace.</summary>
public sealed class AgreementWrite : RecordWrite
{
    /// <summary>Title, 1..300 characters.</summary>
    /// <example>Trade and Investment Promotion Framework (TIPF)</example>
    public string? Title { get; init; }

    /// <summary>Kind of instrument.</summary>
    /// <example>framework</example>
    public AgreementType? Type { get; init; }

    /// <summary>Where it stands.</summary>
    /// <example>underNegotiation</example>
    public AgreementStatus? Status { get; init; }

    /// <summary>When it was signed: a partial date; must be absent while proposed or under negotiation.</summary>
    /// <example>null</example>
    public PartialDate? SignedDate { get; init; }

    /// <summary>When it took effect: a partial date, not before signedDate.</summary>
    /// <example>null</example>
    public PartialDate? EffectiveDate { get; init; }

    /// <summary>2..20 distinct ISO 3166-1 alpha-2 country codes; absent means ["KZ","KR"].</summary>
    /// <example>["KZ","KR"]</example>
    public IReadOnlyList<string>? Parties { get; init; }

    /// <summary>Summary, at most 4000 characters.</summary>
    /// <example>A bilateral framework to strengthen trade and economic ties.</example>
    public string? Summary { get; init; }
}

/// <summary>A treaty, agreement, memorandum or framework, signed or still being discussed.</summary>
/// <param name="Id">Server-assigned identifier.</param>
/// <param name="ExternalId">The sender's own key for the record, or null.</param>
/// <param name="Title">Title.</param>
/// <param name="Type">Kind of instrument.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="SignedDate">When it was signed, exactly as precise as known, or null.</param>
/// <param name="EffectiveDate">When it took effect, or null.</param>
/// <param name="Parties">Countries that are party to it (ISO 3166-1 alpha-2).</param>
/// <param name="Summary">Summary, or null.</param>
/// <param name="Sources">Where the facts come from.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
/// <param name="Version">Starts at 1 and grows by one with each change; the ETag is this number in quotes.</param>
public sealed record AgreementResponse(
    int Id,
    string? ExternalId,
    string Title,
    AgreementType Type,
    AgreementStatus Status,
    PartialDate? SignedDate,
    PartialDate? EffectiveDate,
    IReadOnlyList<string> Parties,
    string? Summary,
    IReadOnlyList<SourceResponse> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>Filters, sorting and paging for the agreement list.</summary>
public sealed class AgreementListQuery : ListQuery
{
    /// <summary>Comma-separated statuses, any of which matches: proposed, underNegotiation, signed, inForce, terminated.</summary>
    /// <example>inForce,signed</example>
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>Comma-separated types, any of which matches: treaty, agreement, memorandum, framework, declaration, other.</summary>
    /// <example>other</example>
    [FromQuery(Name = "type")]
    public string? Type { get; init; }

    /// <summary>Only agreements whose signing date's period overlaps from this full date (YYYY-MM-DD) on.</summary>
    /// <example>1991-01-01</example>
    [FromQuery(Name = "from")]
    public IsoDate? From { get; init; }

    /// <summary>Only agreements whose signing date's period overlaps up to this full date (YYYY-MM-DD), inclusive.</summary>
    /// <example>2030-12-31</example>
    [FromQuery(Name = "to")]
    public IsoDate? To { get; init; }

    /// <summary>Case-insensitive text to find in the title or summary.</summary>
    /// <example>visa</example>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }
}
