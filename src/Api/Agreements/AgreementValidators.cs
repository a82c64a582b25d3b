using RelationsApi.Domain.Agreements;

namespace RelationsApi.Api.Agreements;

internal sealed class AgreementWriteValidator : RecordWriteValidator<AgreementWrite>
{
    public AgreementWriteValidator()
    {
        RuleFor(a => a.Title).NotNull().Text(Agreement.MaxTitleLength);
        RuleFor(a => a.Type).NotNull().Defined();
        RuleFor(a => a.Status).NotNull().Defined();
        RuleFor(a => a.SignedDate).Null().When(a => a.Status is { } status && Agreement.IsStillDiscussed(status))
            .WithMessage("An agreement still proposed or under negotiation has no 'signedDate'.");
        RuleFor(a => a.EffectiveDate)
            .Must((a, effective) => effective is null || a.SignedDate is null || effective.Value.End >= a.SignedDate.Value.Start)
            .WithMessage("'effectiveDate' must not be before 'signedDate'.");
        RuleFor(a => a.Parties)
            .Must(p => p is null || p.Count is >= Agreement.MinParties and <= Agreement.MaxParties)
            .WithMessage($"'parties' lists {Agreement.MinParties}..{Agreement.MaxParties} countries.")
            .Must(p => p is null || p.Distinct(StringComparer.Ordinal).Count() == p.Count)
            .WithMessage("'parties' must not list a country twice.");
        RuleForEach(a => a.Parties).NotNull().CountryCode();
        RuleFor(a => a.Summary).OptionalText(Agreement.MaxSummaryLength);
    }
}

internal sealed class AgreementListQueryValidator : ListQueryValidator<AgreementListQuery>
{
    public AgreementListQueryValidator() : base(AgreementResource.Sorting)
    {
        DateRange(q => q.From, q => q.To);
        RuleFor(q => q.Status).EnumList<AgreementListQuery, AgreementStatus>();
        RuleFor(q => q.Type).EnumList<AgreementListQuery, AgreementType>();
        RuleFor(q => q.Q).OptionalText(200);
    }
}
