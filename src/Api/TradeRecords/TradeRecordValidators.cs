using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Api.TradeRecords;

internal sealed class TradeRecordWriteValidator : RecordWriteValidator<TradeRecordWrite>
{
    public TradeRecordWriteValidator(TimeProvider clock)
    {
        RuleFor(t => t.ReporterCountry).NotNull().Must(TradeRecord.IsPartyCountry).WithMessage(PartyMessage);
        RuleFor(t => t.PartnerCountry).NotNull().Must(TradeRecord.IsPartyCountry).WithMessage(PartyMessage)
            .NotEqual(t => t.ReporterCountry).When(t => t.ReporterCountry is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("'partnerCountry' must differ from 'reporterCountry'.");
        RuleFor(t => t.Flow).NotNull().Defined();
        RuleFor(t => t.Year).NotNull()
            .Must(year => year is null || (year >= TradeRecord.FirstYear && year <= clock.GetUtcNow().Year))
            .WithMessage(_ => $"'year' must be {TradeRecord.FirstYear}..{clock.GetUtcNow().Year}.");
        RuleFor(t => t.Month).InclusiveBetween(1, 12);
        RuleFor(t => t.HsCode).Must(code => code is null || TradeRecord.IsHsCode(code))
            .WithMessage("'hsCode' must be an HS code of 2, 4 or 6 digits.");
        RuleFor(t => t.Commodity).OptionalText(TradeRecord.MaxCommodityLength);
        RuleFor(t => t.ValueUsd).NotNull()
            .InclusiveBetween(0m, TradeRecord.MaxValueUsd)
            .Must(value => value is null || TradeRecord.IsWholeCents(value.Value))
            .WithMessage("'valueUsd' has at most 2 decimals (whole cents).");
    }

    private const string PartyMessage = "'{PropertyName}' must be KZ or KR.";
}

internal sealed class TradeRecordListQueryValidator : ListQueryValidator<TradeRecordListQuery>
{
    public TradeRecordListQueryValidator() : base(TradeRecordResource.Sorting)
    {
        RuleFor(q => q.YearTo).GreaterThanOrEqualTo(q => q.YearFrom).When(q => q.YearFrom is not null && q.YearTo is not null)
            .WithMessage("'yearTo' must not be before 'yearFrom'.");
        RuleFor(q => q.Flow).EnumList<TradeRecordListQuery, TradeFlow>();
        RuleFor(q => q.ReporterCountry).OneOf(TradeRecord.PartyCountries).WithMessage("'reporterCountry' must be KZ or KR.");
        RuleFor(q => q.HsCode).Must(c => string.IsNullOrEmpty(c) || c is { Length: <= 6 } && c.All(char.IsAsciiDigit))
            .WithMessage("'hsCode' must be 1..6 digits (a prefix of HS codes).");
    }
}
