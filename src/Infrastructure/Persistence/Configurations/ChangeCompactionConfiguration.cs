namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class ChangeCompactionConfiguration : IEntityTypeConfiguration<ChangeCompaction>
{
    public void Configure(EntityTypeBuilder<ChangeCompaction> compactions)
    {
        compactions.ToTable("ChangeCompactions");
        compactions.HasKey(c => new { c.Run, c.Resource });   // also what the feed looks runs up by
        compactions.Property(c => c.Run).ValueGeneratedNever();
        compactions.Property(c => c.Resource).HasMaxLength(20);
    }
}
