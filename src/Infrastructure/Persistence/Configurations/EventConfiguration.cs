namespace RelationsApi.Infrastructure.Persistence.Configurations;

/// <summary>Applied by <see cref="RelationsDbContext"/> with the engine, which spells the period columns.</summary>
internal sealed class EventConfiguration(Engine engine) : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> events)
    {
        events.ToTable("Events");
        events.ConfigureEntity();
        events.Property(e => e.Title).HasMaxLength(Event.MaxTitleLength);
        events.Property(e => e.Summary).HasMaxLength(Event.MaxSummaryLength);
        events.HasPeriodColumns(engine, "Period", nameof(Event.Date), nameof(Event.EndDate));
        events.Property(e => e.CountryCode).HasMaxLength(2);
        events.Property(e => e.City).HasMaxLength(Event.MaxCityLength);
        events.Property(e => e.Venue).HasMaxLength(Event.MaxVenueLength);
        events.PrimitiveCollection(e => e.Participants).IsRequired();
        events.Property<string>(SearchText.Column).IsRequired();

        events.HasIndex(e => new { e.Category, e.Id });
        events.HasIndex(e => new { e.CountryCode, e.Id });
        events.HasIndex(e => new { e.Title, e.Id });
        events.HasIndex(e => new { e.CreatedAt, e.Id });
    }
}
