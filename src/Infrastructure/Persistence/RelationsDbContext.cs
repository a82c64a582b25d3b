using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence.Configurations;
using RelationsApi.Infrastructure.Seeding;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// The database. Contexts are pooled, so a context holds no state of its own beyond what EF resets; saving stamps
/// timestamps and versions through <see cref="RecordStamps"/>.
/// </summary>
public sealed class RelationsDbContext(DbContextOptions<RelationsDbContext> options) : DbContext(options)
{
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Flight> Flights => Set<Flight>();
    public DbSet<TradeRecord> TradeRecords => Set<TradeRecord>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<Change> Changes => Set<Change>();
    public DbSet<ChangeCompaction> ChangeCompactions => Set<ChangeCompaction>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    internal DbSet<SeedRun> SeedRuns => Set<SeedRun>();

    /// <summary>The changes the save in progress makes, kept by <see cref="ChangeLog"/> from before the save to after it.</summary>
    internal List<(Entity Record, string Operation)> PendingChanges { get; } = [];

    /// <summary>Who the write transaction in progress is for (an API key's name); null for the system itself.</summary>
    internal string? Actor { get; set; }

    /// <summary>
    /// The check of the request's remembered API key that its first write transaction settles (under the write lock,
    /// before anything is read), when there is one: set by the Api for a request, and taken off again after it.
    /// </summary>
    public KeyCheck? KeyCheck { get; set; }

    /// <summary>
    /// Makes the next save record a new version of <paramref name="entity"/>, even when only its owned rows changed
    /// or nothing changed at all: every accepted replace or patch is a version.
    /// </summary>
    public void MarkUpdated(Entity entity) => Entry(entity).Property(e => e.Version).IsModified = true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: writes are asynchronous throughout.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Named one by one rather than scanned for: two of them take the engine, whose period columns differ.
        var engine = Engine.Of(this);
        modelBuilder.ApplyConfiguration(new EventConfiguration(engine));
        modelBuilder.ApplyConfiguration(new FlightConfiguration());
        modelBuilder.ApplyConfiguration(new TradeRecordConfiguration(engine));
        modelBuilder.ApplyConfiguration(new AgreementConfiguration(engine));
        modelBuilder.ApplyConfiguration(new ChangeConfiguration());
        modelBuilder.ApplyConfiguration(new ChangeCompactionConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new SearchDocumentConfiguration());
        modelBuilder.HasDbFunction(typeof(TextFolding).GetMethod(nameof(TextFolding.Fold))!).HasName(TextFolding.FunctionName);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is written as UTC and read back marked as UTC: SQLite keeps no time zone, and PostgreSQL's
        // timestamp with time zone takes only UTC values from Npgsql.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // A partial date is stored as its text, exactly as precise as it was given.
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);
        // The records' enums are stored by name.
        StoredByName<AgreementType>(configurationBuilder);
        StoredByName<AgreementStatus>(configurationBuilder);
        StoredByName<EventCategory>(configurationBuilder);
        StoredByName<FlightStatus>(configurationBuilder);
        configurationBuilder.Properties<TradeFlow>().HaveConversion<FlowConverter>().HaveMaxLength(16);
    }

    private static void StoredByName<T>(ModelConfigurationBuilder configurationBuilder) where T : struct, Enum =>
        configurationBuilder.Properties<T>().HaveConversion<string>().HaveMaxLength(16);
}
