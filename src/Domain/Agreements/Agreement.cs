using System.Diagnostics.CodeAnalysis;
using RelationsApi.Domain.Common;

namespace RelationsApi.Domain.Agreements;

public enum AgreementType
{
    Treaty,
    Agreement,
    Memorandum,
    Framework,
    Declaration,
    Other,
}

public enum AgreementStatus
{
    Proposed,
    UnderNegotiation,
    Signed,
    InForce,
    Terminated,
}

/// <summary>A treaty, agreement, memorandum or framework, signed or still being discussed.</summary>
public sealed class Agreement : Entity
{
    public const int MaxTitleLength = 300;
    public const int MaxSummaryLength = 4000;
    public const int MinParties = 2;
    public const int MaxParties = 20;

    private List<string> _parties = [CountryCode.Kazakhstan, CountryCode.SouthKorea];

    public Agreement(string title, AgreementType type, AgreementStatus status)
    {
        Describe(title, type, null);
        SetStatus(status, null, null);
    }

    private Agreement()
    {
        Title = string.Empty;
    }

    public string Title { get; private set; }
    public AgreementType Type { get; private set; }
    public AgreementStatus Status { get; private set; }
    public PartialDate? SignedDate { get; private set; }
    public PartialDate? EffectiveDate { get; private set; }
    public string? Summary { get; private set; }

    public IReadOnlyList<string> Parties
    {
        get => _parties;
        private set => _parties = [.. value];
    }

    public static bool IsStillDiscussed(AgreementStatus status) =>
        status is AgreementStatus.Proposed or AgreementStatus.UnderNegotiation;

    [MemberNotNull(nameof(Title))]
    public void Describe(string title, AgreementType type, string? summary)
    {
        Title = Guard.Text("title", title, MaxTitleLength);
        Type = Guard.Defined("type", type);
        Summary = Guard.OptionalText("summary", summary, MaxSummaryLength);
    }

    /// <summary>Status and dates change together: an agreement still being discussed has no signing date.</summary>
    public void SetStatus(AgreementStatus status, PartialDate? signedDate, PartialDate? effectiveDate)
    {
        if (IsStillDiscussed(Guard.Defined("status", status)) && signedDate is not null)
        {
            throw new DomainRuleException("signedDate", "An agreement still proposed or under negotiation has no 'signedDate'.");
        }
        if (signedDate is { } signed && effectiveDate is { } effective && effective.End < signed.Start)
        {
            throw new DomainRuleException("effectiveDate", "'effectiveDate' must not be before 'signedDate'.");
        }
        (Status, SignedDate, EffectiveDate) = (status, signedDate, effectiveDate);
    }

    public void SetParties(IEnumerable<string> parties)
    {
        var list = parties.ToList();
        if (list.Count is < MinParties or > MaxParties)
        {
            throw new DomainRuleException("parties", $"An agreement has {MinParties}..{MaxParties} parties.");
        }
        for (var i = 0; i < list.Count; i++)
        {
            Guard.Country($"parties[{i}]", list[i]);
        }
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            throw new DomainRuleException("parties", "The parties must be distinct.");
        }
        _parties = list;
    }
}
