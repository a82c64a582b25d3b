namespace RelationsApi.Infrastructure.Persistence.Configurations;

/// <summary>Applied by <see cref="RelationsDbContext"/> with the engine, which spells the period columns.</summary>
internal sealed class AgreementConfiguration(Engine engine) : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> agreements)
    {
        agreements.ToTable("Agreements");
        agreements.ConfigureEntity();
        agreements.Property(a => a.Title).HasMaxLength(Agreement.MaxTitleLength);
        agreements.Property(a => a.Summary).HasMaxLength(Agreement.MaxSummaryLength);
        agreements.HasPeriodColumns(engine, "SignedPeriod", nameof(Agreement.SignedDate));
        agreements.PrimitiveCollection(a => a.Parties).IsRequired();
        agreements.Property<string>(SearchText.Column).IsRequired();

        agreements.HasIndex(a => new { a.Status, a.Id });
        agreements.HasIndex(a => new { a.Type, a.Id });
        agreements.HasIndex(a => new { a.Title, a.Id });
    }
}
