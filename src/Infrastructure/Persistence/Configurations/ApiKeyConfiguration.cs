using RelationsApi.Infrastructure.Access;

namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> keys)
    {
        keys.ToTable("ApiKeys");
        keys.HasKey(k => k.Id);
        keys.Property(k => k.Name).HasMaxLength(ApiKeys.MaxNameLength);
        keys.Property(k => k.Scope).HasMaxLength(10);
        keys.Property(k => k.Hash).HasMaxLength(32);
        keys.Property(k => k.Prefix).HasMaxLength(20);
        keys.HasIndex(k => k.Name).IsUnique();
        keys.HasIndex(k => k.Hash).IsUnique();
    }
}
