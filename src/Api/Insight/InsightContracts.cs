using Microsoft.AspNetCore.Mvc;
using RelationsApi.Api.Flights;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Insight;

/// <summary>How finely trade statistics are cut: by year or by month.</summary>
public enum TradeGranularity
{
    /// <summary>One value per year.</summary>
    Year,

    /// <summary>One value per month.</summary>
    Month,
}

/// <summary>Which trade statistics to compute.</summary>
public sealed class TradeStatisticsQuery
{
    /// <summary>Only values reported by this country: KZ or KR (default both).</summary>
    /// <example>KZ</example>
    [FromQuery(Name = "reporterCountry")]
    public string? ReporterCountry { get; init; }

    /// <summary>Comma-separated flows: export, import, turnover (default all).</summary>
    /// <example>turnover</example>
    [FromQuery(Name = "flow")]
    public string? Flow { get; init; }

    /// <summary>First year of the range (inclusive).</summary>
    /// <example>2015</example>
    [FromQuery(Name = "yearFrom")]
    public int? YearFrom { get; init; }

    /// <summary>Last year of the range (inclusive), not before yearFrom.</summary>
    /// <example>2024</example>
    [FromQuery(Name = "yearTo")]
    public int? YearTo { get; init; }

    /// <summary>year (default) or month.</summary>
    /// <example>year</example>
    [FromQuery(Name = "granularity")]
    public string? Granularity { get; init; }

    /// <summary>HS code prefix of 2, 4 or 6 digits: only records of goods under it, added up at the coarsest level at or below it.</summary>
    /// <example>27</example>
    [FromQuery(Name = "hsCode")]
    public string? HsCode { get; init; }
}

/// <summary>Trade values per reporter, partner and flow, one per period, never counting a record twice.</summary>
/// <param name="Granularity">year or month, as asked.</param>
/// <param name="Series">By reporter (KR, then KZ), then flow (export, import, turnover).</param>
public sealed record TradeStatistics(TradeGranularity Granularity, IReadOnlyList<TradeSeries> Series);

/// <summary>The values one reporter gives for one partner and flow.</summary>
/// <param name="ReporterCountry">Country whose statistics report the values.</param>
/// <param name="PartnerCountry">The other country.</param>
/// <param name="Flow">Direction, seen from the reporter.</param>
/// <param name="Points">One value per period that has one, in time order; a period without data is absent, never zero.</param>
/// <param name="Peak">The largest value among the points (the earliest of equal ones).</param>
public sealed record TradeSeries(string ReporterCountry, string PartnerCountry, TradeFlow Flow, IReadOnlyList<TradePoint> Points, TradePeak Peak);

/// <summary>The value of one period.</summary>
/// <param name="Period">"2022", or "2022-03" by month.</param>
/// <param name="ValueUsd">US dollars, exact to the cent.</param>
/// <param name="Change">Difference from the previous period of the series (even outside the range asked for); null when that has no value.</param>
/// <param name="ChangePercent">The change as a percentage of the previous value, to one decimal; null when there is no previous value or it is zero.</param>
/// <param name="Basis">The rule that gave the value: reported, sumOfMonths, sumOfCommodities or exportPlusImport.</param>
/// <param name="Complete">True for a reported value, a sum of all 12 months, or export plus import of complete parts.</param>
/// <param name="RecordCount">How many stored records the value was computed from.</param>
public sealed record TradePoint(
    string Period, decimal ValueUsd, decimal? Change, decimal? ChangePercent, TradeValueBasis Basis, bool Complete, int RecordCount);

/// <summary>The period with the largest value.</summary>
/// <param name="Period">"2022" or "2022-03".</param>
/// <param name="ValueUsd">Its value in US dollars.</param>
public sealed record TradePeak(string Period, decimal ValueUsd);

/// <summary>Which years to compare.</summary>
public sealed class MirrorTradeQuery
{
    /// <summary>First year (inclusive).</summary>
    /// <example>2015</example>
    [FromQuery(Name = "yearFrom")]
    public int? YearFrom { get; init; }

    /// <summary>Last year (inclusive), not before yearFrom.</summary>
    /// <example>2024</example>
    [FromQuery(Name = "yearTo")]
    public int? YearTo { get; init; }
}

/// <summary>Each side's view of the same trade.</summary>
/// <param name="Items">By year, then exporter.</param>
public sealed record MirrorTrade(IReadOnlyList<MirrorTradeItem> Items);

/// <summary>One year and direction where both sides reported.</summary>
/// <param name="Year">The year.</param>
/// <param name="Exporter">The exporting country.</param>
/// <param name="Importer">The importing country.</param>
/// <param name="ExportsReported">The exporter's yearly exports to the importer.</param>
/// <param name="ImportsReported">The importer's yearly imports from the exporter.</param>
/// <param name="GapUsd">Imports minus exports.</param>
/// <param name="GapPercent">The gap as a percentage of exports, to one decimal; null when exports are zero.</param>
public sealed record MirrorTradeItem(
    int Year, string Exporter, string Importer, decimal ExportsReported, decimal ImportsReported, decimal GapUsd, decimal? GapPercent);

/// <summary>The day to describe.</summary>
public sealed class ConnectivityQuery
{
    /// <summary>A full date, YYYY-MM-DD (default today, UTC).</summary>
    /// <example>2025-06-01</example>
    [FromQuery(Name = "date")]
    public IsoDate? Date { get; init; }
}

/// <summary>The air services on one day.</summary>
/// <param name="Date">The day described.</param>
/// <param name="WeeklyFlights">Weekly flights of the operating routes together, each route counted once.</param>
/// <param name="Routes">Operating flights whose validity covers the day, by origin, destination and id.</param>
/// <param name="ByAirline">Per airline, by code; a route served jointly counts whole for each of its airlines.</param>
/// <param name="Planned">Every planned flight, whatever its dates.</param>
/// <param name="Suspended">Suspended flights whose validity covers the day.</param>
public sealed record Connectivity(
    DateOnly Date, int WeeklyFlights, IReadOnlyList<ConnectivityRoute> Routes, IReadOnlyList<AirlineConnectivity> ByAirline,
    IReadOnlyList<ConnectivityRoute> Planned, IReadOnlyList<ConnectivityRoute> Suspended);

/// <summary>One flight of the connectivity picture.</summary>
/// <param name="FlightId">The flight's id.</param>
/// <param name="OriginAirport">IATA code of the origin.</param>
/// <param name="DestinationAirport">IATA code of the destination.</param>
/// <param name="WeeklyFrequency">Weekly flights, all its airlines together.</param>
/// <param name="DurationMinutes">Flight time in minutes, or null.</param>
/// <param name="Airlines">The airlines serving it.</param>
public sealed record ConnectivityRoute(
    int FlightId, string OriginAirport, string DestinationAirport, int WeeklyFrequency, int? DurationMinutes, IReadOnlyList<AirlineResponse> Airlines);

/// <summary>What one airline serves on the day.</summary>
/// <param name="Code">IATA airline code.</param>
/// <param name="Name">The airline's name.</param>
/// <param name="RouteCount">Operating routes it serves.</param>
/// <param name="WeeklyFrequency">Weekly flights of those routes, each counted whole even when served jointly.</param>
/// <param name="SharedRouteCount">How many of its routes other airlines serve too.</param>
public sealed record AirlineConnectivity(string Code, string Name, int RouteCount, int WeeklyFrequency, int SharedRouteCount);

/// <summary>What a timeline item marks.</summary>
public enum TimelineKind
{
    /// <summary>An event, on its date.</summary>
    Event,

    /// <summary>An agreement, on its signing date.</summary>
    AgreementSigned,

    /// <summary>An agreement, on the date it took effect.</summary>
    AgreementEffective,
}

/// <summary>Which part of the timeline to read.</summary>
public sealed class TimelineQuery
{
    /// <summary>Only items whose period ends on or after this date (YYYY-MM-DD).</summary>
    /// <example>1991-01-01</example>
    [FromQuery(Name = "from")]
    public IsoDate? From { get; init; }

    /// <summary>Only items whose period starts on or before this date (YYYY-MM-DD).</summary>
    /// <example>2030-12-31</example>
    [FromQuery(Name = "to")]
    public IsoDate? To { get; init; }

    /// <summary>Comma-separated kinds: event, agreementSigned, agreementEffective (default all).</summary>
    /// <example>event,agreementSigned</example>
    [FromQuery(Name = "kinds")]
    public string? Kinds { get; init; }

    /// <summary>Comma-separated event categories, any of which matches (events only; agreement items are not filtered by it).</summary>
    /// <example>diplomatic</example>
    [FromQuery(Name = "category")]
    public string? Category { get; init; }

    /// <summary>date (default, oldest first) or -date (exactly the reverse).</summary>
    /// <example>date</example>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    /// <summary>Page number, from 1 (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Items per page, 1..100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }
}

/// <summary>One dated item of the timeline: an event, or an agreement's signing or entry into force.</summary>
/// <param name="Kind">event, agreementSigned or agreementEffective.</param>
/// <param name="Date">The date, exactly as precise as it is known.</param>
/// <param name="EndDate">An event's end date, or null.</param>
/// <param name="Title">The record's title.</param>
/// <param name="Resource">events or agreements.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Category">An event's category (absent for agreements).</param>
/// <param name="Type">An agreement's type (absent for events).</param>
public sealed record TimelineItem(
    TimelineKind Kind,
    PartialDate Date,
    PartialDate? EndDate,
    string Title,
    string Resource,
    int Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EventCategory? Category,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AgreementType? Type);

/// <summary>What an anniversary counts from.</summary>
public enum AnniversaryKind
{
    /// <summary>Counts from an event's date.</summary>
    Event,

    /// <summary>Counts from an agreement's signing date.</summary>
    AgreementSigned,
}

/// <summary>Which anniversaries to list.</summary>
public sealed class AnniversaryQuery
{
    /// <summary>First day of the range, YYYY-MM-DD (default today, UTC).</summary>
    /// <example>2026-01-01</example>
    [FromQuery(Name = "from")]
    public IsoDate? From { get; init; }

    /// <summary>Last day of the range, YYYY-MM-DD: at most 10 years after from (default a year after from).</summary>
    /// <example>2030-12-31</example>
    [FromQuery(Name = "to")]
    public IsoDate? To { get; init; }

    /// <summary>Only anniversaries that are multiples of this many years, 1..100 (default 5).</summary>
    /// <example>5</example>
    [FromQuery(Name = "every")]
    public int? Every { get; init; }
}

/// <summary>Anniversaries in a range.</summary>
/// <param name="Items">By the start of the anniversary's period, then id.</param>
public sealed record AnniversaryList(IReadOnlyList<Anniversary> Items);

/// <summary>A round anniversary of an event or an agreement's signing.</summary>
/// <param name="Date">The anniversary, exactly as precise as the date it counts from.</param>
/// <param name="Years">How many years it marks.</param>
/// <param name="Precision">year, month or day.</param>
/// <param name="Kind">event or agreementSigned.</param>
/// <param name="Resource">events or agreements.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Title">The record's title.</param>
public sealed record Anniversary(PartialDate Date, int Years, PartialDatePrecision Precision, AnniversaryKind Kind, string Resource, int Id, string Title);

/// <summary>A dashboard's first screen in one call.</summary>
/// <param name="Counts">How many records each resource has.</param>
/// <param name="Trade">The latest year's turnover; null when no turnover can be computed.</param>
/// <param name="Connectivity">The air services today.</param>
/// <param name="Agreements">Agreements by status.</param>
/// <param name="NextAnniversary">The first five-yearly anniversary from today within a year, or null.</param>
/// <param name="LastChangedAt">When the latest change (a deletion counts) was committed; null before any.</param>
public sealed record Overview(
    OverviewCounts Counts, OverviewTrade? Trade, OverviewConnectivity Connectivity, OverviewAgreements Agreements,
    Anniversary? NextAnniversary, DateTime? LastChangedAt);

/// <summary>Records per resource.</summary>
/// <param name="Events">Events.</param>
/// <param name="Flights">Flights.</param>
/// <param name="TradeRecords">Trade records.</param>
/// <param name="Agreements">Agreements.</param>
public sealed record OverviewCounts(int Events, int Flights, int TradeRecords, int Agreements);

/// <summary>The latest year with a turnover, as KZ reports it (or KR when KZ reports none).</summary>
/// <param name="LatestYear">The year.</param>
/// <param name="TurnoverUsd">Its turnover in US dollars.</param>
/// <param name="Change">Difference from the year before, or null.</param>
/// <param name="ChangePercent">The change as a percentage, to one decimal, or null.</param>
/// <param name="Basis">The rule that gave the value.</param>
/// <param name="ReporterCountry">KZ, or KR when KZ reports no turnover.</param>
public sealed record OverviewTrade(int LatestYear, decimal TurnoverUsd, decimal? Change, decimal? ChangePercent, TradeValueBasis Basis, string ReporterCountry);

/// <summary>The air services today.</summary>
/// <param name="WeeklyFlights">Weekly flights of the operating routes, each route once.</param>
/// <param name="Routes">How many operating routes.</param>
/// <param name="Airlines">How many airlines serve them.</param>
public sealed record OverviewConnectivity(int WeeklyFlights, int Routes, int Airlines);

/// <summary>Agreements by status.</summary>
/// <param name="InForce">In force.</param>
/// <param name="Signed">Signed, not yet in force.</param>
/// <param name="UnderNegotiation">Under negotiation.</param>
public sealed record OverviewAgreements(int InForce, int Signed, int UnderNegotiation);

/// <summary>What to search for.</summary>
public sealed class SearchQuery
{
    /// <summary>
    /// The text to find, 1..200 characters, in any letter case (accents count): three characters or more are found
    /// anywhere in a word, shorter queries as whole words (an airline code such as OZ, an HS chapter such as 27).
    /// </summary>
    /// <example>Seoul</example>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Comma-separated resources to search: events, flights, trade-records, agreements (default all).</summary>
    /// <example>events,flights</example>
    [FromQuery(Name = "resources")]
    public string? Resources { get; init; }

    /// <summary>Page number, from 1 (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Items per page, 1..100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }
}

/// <summary>One record a search found.</summary>
/// <param name="Resource">events, flights, trade-records or agreements.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Title">The record's title; a flight's is "origin – destination", a trade record's its commodity, else "HS code", else "reporter flow year".</param>
/// <param name="Snippet">Up to 200 characters of the best-matching field, around the match.</param>
/// <param name="Highlights">Each match inside the snippet as [start, length], in UTF-16 code units of the snippet.</param>
/// <param name="Score">Relevance, higher first: 0.5 and up for a match in the title, less for a match elsewhere.</param>
public sealed record SearchItem(string Resource, int Id, string Title, string Snippet, IReadOnlyList<int[]> Highlights, decimal Score);
