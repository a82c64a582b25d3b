namespace RelationsApi.Infrastructure.Persistence.Configurations;

internal sealed class TradeRecordConfiguration(Engine engine) : IEntityTypeConfiguration<TradeRecord>
{
    public void Configure(EntityTypeBuilder<TradeRecord> trade)
    {
        trade.ToTable("TradeRecords");
        trade.ConfigureEntity();
        trade.Property(t => t.ReporterCountry).HasMaxLength(2);
        trade.Property(t => t.PartnerCountry).HasMaxLength(2);
        trade.Property(t => t.HsCode).HasMaxLength(6);
        trade.Property(t => t.Commodity).HasMaxLength(TradeRecord.MaxCommodityLength);
        trade.Property(t => t.ValueUsd).HasConversion<CentsConverter>().HasColumnName("ValueUsdCents");

        // SQLite treats NULLs as distinct in a unique index, so the optional key parts get non-null twins.
        trade.Property<int>("MonthKey").HasComputedColumnSql("coalesce(\"Month\", 0)", stored: true);
        trade.Property<string>("HsCodeKey").IsRequired().HasComputedColumnSql("coalesce(\"HsCode\", '')", stored: true);
        trade.HasIndex("ReporterCountry", "PartnerCountry", "Flow", "Year", "MonthKey", "HsCodeKey").IsUnique();

        trade.HasIndex(t => new { t.Year, t.Id });
        // A year and flow together, the list's most common filter: in id order for the default sort, and by value for
        // sort=valueUsd, so a page is read straight off the index without sorting. SQLite ends every index with the
        // rowid, which is the id; PostgreSQL's indexes end with no such thing, so there the id is named.
        if (engine.Kind == DatabaseEngine.Postgres)
        {
            trade.HasIndex(t => new { t.Year, t.Flow, t.Id });
            trade.HasIndex(t => new { t.Year, t.Flow, t.ValueUsd, t.Id });
        }
        else
        {
            trade.HasIndex(t => new { t.Year, t.Flow });
            trade.HasIndex(t => new { t.Year, t.Flow, t.ValueUsd });
        }
        trade.HasIndex(t => new { t.Flow, t.Id });
        trade.HasIndex(t => new { t.HsCode, t.Id });
        trade.HasIndex(t => new { t.ValueUsd, t.Id });
    }
}
