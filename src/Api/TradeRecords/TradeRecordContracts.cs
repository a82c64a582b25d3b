using Microsoft.AspNetCore.Mvc;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.TradeRecords;

/// <summary>A trade value to create, or the full new state of one to replace.</summary>
public sealed class TradeRecordWrite : RecordWrite
{
    /// <summary>Country whose statistics report the value: KZ or KR.</summary>
    /// <example>KZ</example>
    public string? ReporterCountry { get; init; }

    /// <summary>The other country: KZ or KR, different from the reporter.</summary>
    /// <example>KR</example>
    public string? PartnerCountry { get; init; }

    /// <summary>Direction, seen from the reporter; turnover is both directions together.</summary>
    /// <example>turnover</example>
    public TradeFlow? Flow { get; init; }

    /// <summary>Year, 1991..the current year.</summary>
    /// <example>2022</example>
    public int? Year { get; init; }

    /// <summary>Month 1..12; absent means the whole year.</summary>
    /// <example>null</example>
    public int? Month { get; init; }

    /// <summary>HS code of 2, 4 or 6 digits; absent means all goods.</summary>
    /// <example>2709</example>
    public string? HsCode { get; init; }

    /// <summary>Description of the goods, at most 200 characters.</summary>
    /// <example>Crude petroleum oils</example>
    public string? Commodity { get; init; }

    /// <summary>Value in US dollars: 0 or more, at most 2 decimals, kept exactly.</summary>
    /// <example>6530000000.00</example>
    public decimal? ValueUsd { get; init; }
}

/// <summary>One value of bilateral trade for one period.</summary>
/// <param name="Id">Server-assigned identifier.</param>
/// <param name="ExternalId">The sender's own key for the record, or null.</param>
/// <param name="ReporterCountry">Country whose statistics report the value.</param>
/// <param name="PartnerCountry">The other country.</param>
/// <param name="Flow">Direction, seen from the reporter.</param>
/// <param name="Year">Year.</param>
/// <param name="Month">Month 1..12, or null for the whole year.</param>
/// <param name="HsCode">HS code, or null for all goods.</param>
/// <param name="Commodity">Description of the goods, or null.</param>
/// <param name="ValueUsd">Value in US dollars, exact to the cent.</param>
/// <param name="Sources">Where the facts come from.</param>
/// <param name="CreatedAt">When the record was created (UTC).</param>
/// <param name="UpdatedAt">When the record last changed (UTC).</param>
/// <param name="Version">Starts at 1 and grows by one with each change; the ETag is this number in quotes.</param>
public sealed record TradeRecordResponse(
    int Id,
    string? ExternalId,
    string ReporterCountry,
    string PartnerCountry,
    TradeFlow Flow,
    int Year,
    int? Month,
    string? HsCode,
    string? Commodity,
    decimal ValueUsd,
    IReadOnlyList<SourceResponse> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>Filters, sorting and paging for the trade record list.</summary>
public sealed class TradeRecordListQuery : ListQuery
{
    /// <summary>Only this year.</summary>
    /// <example>2022</example>
    [FromQuery(Name = "year")]
    public int? Year { get; init; }

    /// <summary>Only this year or later.</summary>
    /// <example>2020</example>
    [FromQuery(Name = "yearFrom")]
    public int? YearFrom { get; init; }

    /// <summary>Only this year or earlier.</summary>
    /// <example>2024</example>
    [FromQuery(Name = "yearTo")]
    public int? YearTo { get; init; }

    /// <summary>Comma-separated flows, any of which matches: export, import, turnover.</summary>
    /// <example>turnover</example>
    [FromQuery(Name = "flow")]
    public string? Flow { get; init; }

    /// <summary>Only values reported by this country: KZ or KR.</summary>
    /// <example>KZ</example>
    [FromQuery(Name = "reporterCountry")]
    public string? ReporterCountry { get; init; }

    /// <summary>HS code prefix of 1..6 digits: 27 matches 27, 2709 and 270900.</summary>
    /// <example>27</example>
    [FromQuery(Name = "hsCode")]
    public string? HsCode { get; init; }
}
