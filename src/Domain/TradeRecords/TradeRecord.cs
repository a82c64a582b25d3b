using System.Diagnostics.CodeAnalysis;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.TradeRecords;

public enum TradeFlow
{
    Export,
    Import,

    /// <summary>Both directions together.</summary>
    Turnover,
}

/// <summary>One value of bilateral trade between Kazakhstan and Korea for one year or month.</summary>
public sealed class TradeRecord : Entity
{
    public const int FirstYear = 1991;
    public const int MaxCommodityLength = 200;

    /// <summary>The largest value accepted: under a quadrillion dollars, so whole cents always fit a 64-bit integer.</summary>
    public const decimal MaxValueUsd = 999_999_999_999_999.99m;

    public TradeRecord(string reporterCountry, string partnerCountry, TradeFlow flow, int year, int? month, string? hsCode, decimal valueUsd)
    {
        SetKey(reporterCountry, partnerCountry, flow, year, month, hsCode);
        SetValue(valueUsd, null);
    }

    private TradeRecord()
    {
        ReporterCountry = PartnerCountry = string.Empty;
    }

    public string ReporterCountry { get; private set; }
    public string PartnerCountry { get; private set; }
    public TradeFlow Flow { get; private set; }
    public int Year { get; private set; }
    public int? Month { get; private set; }
    public string? HsCode { get; private set; }
    public string? Commodity { get; private set; }
    public decimal ValueUsd { get; private set; }

    /// <summary>The two countries whose trade is recorded: every reporter and partner is one of them.</summary>
    public static IReadOnlyList<string> PartyCountries { get; } = [Common.CountryCode.Kazakhstan, Common.CountryCode.SouthKorea];

    public static bool IsPartyCountry(string? code) => code is not null && PartyCountries.Contains(code, StringComparer.Ordinal);

    /// <summary>True for an HS code of 2, 4 or 6 digits.</summary>
    public static bool IsHsCode(string? code) => code is { Length: 2 or 4 or 6 } && code.All(char.IsAsciiDigit);

    /// <summary>True when the value has at most two decimals (whole cents).</summary>
    public static bool IsWholeCents(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>The fields of the unique key change together.</summary>
    [MemberNotNull(nameof(ReporterCountry), nameof(PartnerCountry))]
    public void SetKey(string reporterCountry, string partnerCountry, TradeFlow flow, int year, int? month, string? hsCode)
    {
        if (!IsPartyCountry(reporterCountry))
        {
            throw new DomainRuleException("reporterCountry", "'reporterCountry' must be KZ or KR.");
        }
        if (!IsPartyCountry(partnerCountry))
        {
            throw new DomainRuleException("partnerCountry", "'partnerCountry' must be KZ or KR.");
        }
        if (reporterCountry == partnerCountry)
        {
            throw new DomainRuleException("partnerCountry", "'partnerCountry' must differ from 'reporterCountry'.");
        }
        if (year < FirstYear)
        {
            throw new DomainRuleException("year", $"'year' must be {FirstYear} or later.");
        }
        if (month is < 1 or > 12)
        {
            throw new DomainRuleException("month", "'month' must be 1..12.");
        }
        if (hsCode is not null && !IsHsCode(hsCode))
        {
            throw new DomainRuleException("hsCode", "'hsCode' must be 2, 4 or 6 digits.");
        }
        (ReporterCountry, PartnerCountry, Flow, Year, Month, HsCode) =
            (reporterCountry, partnerCountry, Guard.Defined("flow", flow), year, month, hsCode);
    }

    public void SetValue(decimal valueUsd, string? commodity)
    {
        if (valueUsd < 0 || valueUsd > MaxValueUsd || !IsWholeCents(valueUsd))
        {
            throw new DomainRuleException("valueUsd", "'valueUsd' must be 0 or more, with at most 2 decimals.");
        }
        // Always two decimals (12.3 becomes 12.30), so a value reads the same however it was written.
        (ValueUsd, Commodity) = (decimal.Round(valueUsd * 1.00m, 2), Guard.OptionalText("commodity", commodity, MaxCommodityLength));
    }
}
