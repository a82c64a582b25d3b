namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal static class ModelBuilderExtensions
{
    /// <summary>The columns every record has: key, unique external id, version as concurrency token, timestamps and sources as JSON.</summary>
    public static void ConfigureEntity<T>(this EntityTypeBuilder<T> builder) where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ExternalId).HasMaxLength(Entity.MaxExternalIdLength);
        builder.HasIndex(e => e.ExternalId).IsUnique();   // SQLite lets any number of rows have none
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Sources)
            .HasConversion(new JsonListConverter<Source>(), new JsonListComparer<Source>())
            .HasColumnType("TEXT")
            .IsRequired();
    }

    /// <summary>
    /// Adds two computed, indexed date columns, {prefix}Start and {prefix}End: the first day of the period of
    /// <paramref name="startProperty"/> and the last day of the period of <paramref name="endProperty"/> (or of the start
    /// when there is no end). Date filters and sorts work on these real dates; the text stays as given.
    /// </summary>
    public static void HasPeriodColumns(this EntityTypeBuilder builder, Engine engine, string prefix, string startProperty, string? endProperty = null)
    {
        var start = $"\"{startProperty}\"";
        var end = endProperty is null ? start : $"coalesce(\"{endProperty}\", {start})";
        var sql = engine.PeriodSql(start, end);
        builder.Property<DateOnly?>(prefix + "Start").HasComputedColumnSql(sql.Start, stored: true);
        builder.Property<DateOnly?>(prefix + "End").HasComputedColumnSql(sql.End, stored: true);
        builder.HasIndex(prefix + "Start", "Id");
        builder.HasIndex(prefix + "End");
    }
}
