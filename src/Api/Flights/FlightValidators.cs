using RelationsApi.Domain.Flights;

namespace RelationsApi.Api.Flights;

internal sealed class FlightWriteValidator : RecordWriteValidator<FlightWrite>
{
    public FlightWriteValidator()
    {
        RuleFor(f => f.OriginAirport).NotNull().Must(Flight.IsAirportCode).WithMessage(AirportMessage);
        RuleFor(f => f.DestinationAirport).NotNull().Must(Flight.IsAirportCode).WithMessage(AirportMessage)
            .NotEqual(f => f.OriginAirport).WithMessage("'destinationAirport' must differ from 'originAirport'.");
        RuleFor(f => f.Airlines).Must(a => a is null || a.Count <= Flight.MaxAirlines)
            .WithMessage($"'airlines' holds at most {Flight.MaxAirlines} items.");
        RuleFor(f => f.Airlines).Must(a => a is { Count: > 0 }).When(f => f.Status == FlightStatus.Operating)
            .WithMessage("An operating service names at least one airline.");
        RuleForEach(f => f.Airlines).NotNull().SetValidator(new AirlineWriteValidator());
        RuleFor(f => f.WeeklyFrequency).NotNull().InclusiveBetween(0, Flight.MaxWeeklyFrequency);
        RuleFor(f => f.DurationMinutes).InclusiveBetween(1, Flight.MaxDurationMinutes);
        RuleFor(f => f.Status).NotNull().Defined();
        RuleFor(f => f.ValidTo).GreaterThanOrEqualTo(f => f.ValidFrom).When(f => f.ValidFrom is not null && f.ValidTo is not null)
            .WithMessage("'validTo' must not be before 'validFrom'.");
    }

    private const string AirportMessage = "'{PropertyName}' must be an IATA airport code: three upper-case letters, such as ALA or ICN.";
}

internal sealed class AirlineWriteValidator : AbstractValidator<AirlineWrite>
{
    public AirlineWriteValidator()
    {
        RuleFor(a => a.Code).NotNull().Must(Flight.IsAirlineCode)
            .WithMessage("'{PropertyName}' must be an IATA airline code: two upper-case letters or digits, such as KC or OZ.");
        RuleFor(a => a.Name).NotNull().Text(Airline.MaxNameLength);
    }
}

internal sealed class FlightListQueryValidator : ListQueryValidator<FlightListQuery>
{
    public FlightListQueryValidator() : base(FlightResource.Sorting)
    {
        RuleFor(q => q.AirlineCode).Must(c => string.IsNullOrEmpty(c) || Flight.IsAirlineCode(c))
            .WithMessage("'airlineCode' must be an IATA airline code: two upper-case letters or digits.");
        RuleFor(q => q.OriginAirport).Must(IsAirportOrEmpty).WithMessage(AirportMessage);
        RuleFor(q => q.DestinationAirport).Must(IsAirportOrEmpty).WithMessage(AirportMessage);
        RuleFor(q => q.Airport).Must(IsAirportOrEmpty).WithMessage(AirportMessage);
        RuleFor(q => q.Status).EnumList<FlightListQuery, FlightStatus>();
    }

    private const string AirportMessage = "'{PropertyName}' must be an IATA airport code: three upper-case letters.";

    private static bool IsAirportOrEmpty(string? code) => string.IsNullOrEmpty(code) || Flight.IsAirportCode(code);
}
