namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class FlightConfiguration : IEntityTypeConfiguration<Flight>
{
    public void Configure(EntityTypeBuilder<Flight> flights)
    {
        flights.ToTable("Flights");
        flights.ConfigureEntity();
        flights.Property(f => f.OriginAirport).HasMaxLength(3);
        flights.Property(f => f.DestinationAirport).HasMaxLength(3);

        // Airlines get a table of their own so that the airlineCode filter has an index to use.
        flights.OwnsMany(f => f.Airlines, airlines =>
        {
            airlines.ToTable("FlightAirlines");
            airlines.WithOwner().HasForeignKey("FlightId");
            // A surrogate key in insertion order keeps the airlines in the order they were given.
            airlines.Property<int>("Id");
            airlines.HasKey("Id");
            airlines.Property(a => a.Code).HasMaxLength(2);
            airlines.Property(a => a.Name).HasMaxLength(Airline.MaxNameLength);
            airlines.HasIndex(a => a.Code);
        });
        flights.Navigation(f => f.Airlines).AutoInclude();

        flights.HasIndex(f => new { f.OriginAirport, f.Id });
        flights.HasIndex(f => new { f.DestinationAirport, f.Id });
        flights.HasIndex(f => new { f.Status, f.Id });
        flights.HasIndex(f => new { f.WeeklyFrequency, f.Id });
        flights.HasIndex(f => new { f.ValidFrom, f.Id });
    }
}
