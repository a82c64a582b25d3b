using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RelationsApi.Domain.Common;

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

    /// <summary>Stores a partial date as its text, exactly as precise as it was given.</summary>
    public static void HasPartialDate(this EntityTypeBuilder builder, string property) =>
        builder.Property(property).HasConversion<PartialDateConverter>().HasMaxLength(10);

    /// <summary>
    /// Adds two computed, indexed date columns, {prefix}Start and {prefix}End: the first day of the period of
    /// <paramref name="startProperty"/> and the last day of the period of <paramref name="endProperty"/> (or of the start
    /// when there is no end). Date filters and sorts work on these real dates; the text stays as given.
    /// </summary>
    public static void HasPeriodColumns(this EntityTypeBuilder builder, string prefix, string startProperty, string? endProperty = null)
    {
        var start = $"\"{startProperty}\"";
        var end = endProperty is null ? start : $"coalesce(\"{endProperty}\", {start})";
        builder.Property<DateOnly?>(prefix + "Start").HasComputedColumnSql(
            $"CASE length({start}) WHEN 4 THEN {start} || '-01-01' WHEN 7 THEN {start} || '-01' ELSE {start} END",
            stored: true);
        builder.Property<DateOnly?>(prefix + "End").HasComputedColumnSql(
            $"CASE length({end}) WHEN 4 THEN {end} || '-12-31' WHEN 7 THEN date({end} || '-01', '+1 month', '-1 day') ELSE {end} END",
            stored: true);
        builder.HasIndex(prefix + "Start", "Id");
        builder.HasIndex(prefix + "End");
    }
}
