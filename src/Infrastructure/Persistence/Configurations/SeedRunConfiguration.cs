using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class SeedRunConfiguration : IEntityTypeConfiguration<SeedRun>
{
    public void Configure(EntityTypeBuilder<SeedRun> runs)
    {
        runs.ToTable("SeedRuns");
        runs.HasKey(r => r.Name);
        runs.Property(r => r.Name).HasMaxLength(200);
    }
}
