namespace RelationsApi.Infrastructure.Persistence.Configurations;

/// <summary>
/// The search documents' table. The engines' text indexes over it (SQLite's FTS5 table and its triggers, PostgreSQL's
/// GIN trigram indexes) are not part of the model: the SearchDocuments migration of each engine creates them.
/// </summary>
internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public void Configure(EntityTypeBuilder<SearchDocument> documents)
    {
        documents.ToTable("SearchDocuments");
        documents.HasKey(d => d.Id);
        documents.Property(d => d.Resource).HasMaxLength(20);
        documents.HasIndex(d => new { d.Resource, d.RecordId }).IsUnique();
    }
}
