using RelationsApi.Domain.Events;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.Insight;

/// <summary>Rules the insight queries share.</summary>
internal static class InsightRules
{
    public const int MinYear = PartialDate.MinYear;
    public const int MaxYear = PartialDate.MaxYear;

    /// <summary>A year of a range, 1..9999.</summary>
    public static IRuleBuilderOptions<T, int?> Year<T>(this IRuleBuilder<T, int?> rule) => rule.InclusiveBetween(MinYear, MaxYear);

    /// <summary>A range whose start is after its end is an error naming both ends.</summary>
    public static void Range<T>(this AbstractValidator<T> validator, Func<T, IComparable?> start, Func<T, IComparable?> end, string startName, string endName)
    {
        var message = $"'{startName}' must not be after '{endName}'.";
        foreach (var name in new[] { startName, endName })
        {
            validator.RuleFor(q => q).Must(q => start(q) is not { } s || end(q) is not { } e || s.CompareTo(e) <= 0)
                .WithName(name).OverridePropertyName(name).WithMessage(message);
        }
    }
}

internal sealed class TradeStatisticsQueryValidator : AbstractValidator<TradeStatisticsQuery>
{
    public TradeStatisticsQueryValidator()
    {
        // Unlike the trade record list, the statistics refuse an empty reporterCountry.
        RuleFor(q => q.ReporterCountry)
            .NotEqual(string.Empty).WithMessage(PartyMessage)
            .OneOf(TradeRecord.PartyCountries).WithMessage(PartyMessage);
        RuleFor(q => q.Flow).EnumList<TradeStatisticsQuery, TradeFlow>();
        RuleFor(q => q.YearFrom).Year();
        RuleFor(q => q.YearTo).Year();
        this.Range(q => q.YearFrom, q => q.YearTo, "yearFrom", "yearTo");
        RuleFor(q => q.Granularity).OneOf<TradeStatisticsQuery, TradeGranularity>();
        RuleFor(q => q.HsCode).Must(code => code is null || TradeRecord.IsHsCode(code)).WithMessage("'hsCode' must be 2, 4 or 6 digits.");
    }

    private const string PartyMessage = "'reporterCountry' must be KZ or KR.";
}

internal sealed class MirrorTradeQueryValidator : AbstractValidator<MirrorTradeQuery>
{
    public MirrorTradeQueryValidator()
    {
        RuleFor(q => q.YearFrom).Year();
        RuleFor(q => q.YearTo).Year();
        this.Range(q => q.YearFrom, q => q.YearTo, "yearFrom", "yearTo");
    }
}

internal sealed class TimelineQueryValidator : AbstractValidator<TimelineQuery>
{
    public TimelineQueryValidator()
    {
        this.Range(q => q.From?.Value, q => q.To?.Value, "from", "to");
        RuleFor(q => q.Kinds).EnumList<TimelineQuery, TimelineKind>();
        RuleFor(q => q.Category).EnumList<TimelineQuery, EventCategory>();
        RuleFor(q => q.Sort).Must(s => s is null or "date" or "-date").WithMessage("'sort' is date or -date.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListQuery.MaxPageSize);
    }
}

internal sealed class AnniversaryQueryValidator : AbstractValidator<AnniversaryQuery>
{
    public const int MaxEvery = 100;
    public const int MaxYears = 10;

    public AnniversaryQueryValidator()
    {
        RuleFor(q => q.Every).InclusiveBetween(1, MaxEvery);
        this.Range(q => q.From?.Value, q => q.To?.Value, "from", "to");
        RuleFor(q => q.To).Must((q, to) => q.From is not { } from || to is not { } end || end.Value <= AnniversaryAnswers.LatestEnd(from.Value))
            .WithMessage($"'to' must be at most {MaxYears} years after 'from'.");
    }
}

internal sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public const int MaxQueryLength = 200;

    public SearchQueryValidator()
    {
        RuleFor(q => q.Q).Text(MaxQueryLength);
        RuleFor(q => q.Resources).ListOf(SearchAnswers.ResourceNames, ignoreCase: true);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListQuery.MaxPageSize);
    }
}
