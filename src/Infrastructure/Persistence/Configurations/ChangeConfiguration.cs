namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<Change>
{
    public void Configure(EntityTypeBuilder<Change> changes)
    {
        changes.ToTable("Changes");
        changes.HasKey(c => c.Sequence);
        // AUTOINCREMENT: a committed sequence number is never handed out again, even if its entry is ever deleted.
        changes.Property(c => c.Sequence).ValueGeneratedOnAdd().HasAnnotation("Sqlite:Autoincrement", true);
        changes.Property(c => c.Resource).HasMaxLength(20);
        changes.Property(c => c.Operation).HasMaxLength(10);
        changes.Property(c => c.Actor).HasMaxLength(100);
        changes.HasIndex(c => new { c.Resource, c.Sequence });
        changes.HasIndex(c => new { c.Actor, c.Sequence });   // the audit trail filtered by who wrote
        changes.HasIndex(c => new { c.Resource, c.RecordId, c.Sequence });   // compaction: is there a later entry of this record?
    }
}
