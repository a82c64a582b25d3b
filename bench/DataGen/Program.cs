using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RelationsApi.Api;
using RelationsApi.DataGen;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure;
using RelationsApi.Infrastructure.Persistence;

// Builds a benchmark database: the API's own migrations and seed, then N trade records and, in proportion, events,
// flights and agreements, all through the domain classes and RelationsDbContext. The same arguments give the same rows.
const int Seed = 20261202;
const int BatchSize = 10_000;
const int MaxEvents = 100_000;
const int FlightCount = 2_000;
const int AgreementCount = 2_000;

if (!TryParseArguments(args, out var path, out var postgres, out var tradeCount, out var tradeThroughEf))
{
    Console.Error.WriteLine("Usage: DataGen (--db <path> | --postgres <connection string>) --trade-records <N> [--trade-insert sql|ef]");
    Console.Error.WriteLine("  --db        a SQLite file, replaced if it exists");
    Console.Error.WriteLine("  --postgres  a PostgreSQL database, dropped and made again if it exists");
    return 2;
}
var eventCount = Math.Min(tradeCount / 10, MaxEvents);

var total = Stopwatch.StartNew();
string connectionString;
if (postgres)
{
    connectionString = path;
    await RecreatePostgresDatabaseAsync(connectionString);
}
else
{
    path = Path.GetFullPath(path);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(file);
    }
    connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
}
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings:Relations"] = connectionString,
    })
    .Build();
await using (var provider = new ServiceCollection().AddLogging().AddInfrastructure(configuration, Resources.Stored).BuildServiceProvider())
{
    await provider.MigrateAndSeedAsync();

    await using var scope = provider.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<RelationsDbContext>();
    db.ChangeTracker.AutoDetectChangesEnabled = false;   // entities are only ever added, never changed after Add
    await db.Database.OpenConnectionAsync();
    // A throwaway bulk load: no waiting for the disk, and (SQLite) a page cache large enough to hold the indexes being built.
    await db.Database.ExecuteSqlRawAsync(postgres ? "SET synchronous_commit = off" : "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");

    var taken = await db.TradeRecords.AsNoTracking()
        .Select(t => new { t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode })
        .ToListAsync();
    var trade = new TradeRecordGenerator(Seed, taken.Select(t => new TradeKey(t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month, t.HsCode)));
    var facts = new FactGenerator(Seed);

    if (tradeThroughEf)
    {
        await InsertAsync(db, "trade records (EF Core)", tradeCount, trade.Next);
    }
    else
    {
        await InsertTradeRecordsAsync(db, tradeCount, trade, provider.GetRequiredService<TimeProvider>());
    }
    await InsertAsync(db, "events", eventCount, facts.NextEvent);
    await InsertAsync(db, "flights", FlightCount, facts.NextFlight);
    await InsertAsync(db, "agreements", AgreementCount, facts.NextAgreement);

    // What the API's own writes would have left: a change-log entry and a search document for every record. The start-up
    // steps that give records stored before the change log and the search their entries and documents do it, once
    // their markers are gone (the seed's entries go too, so that every record has exactly one).
    var watch = Stopwatch.StartNew();
    await db.Database.ExecuteSqlRawAsync(
        """DELETE FROM "Changes"; DELETE FROM "SearchDocuments"; DELETE FROM "SeedRuns" WHERE "Name" IN ('change-log', 'search-documents');""");
    await provider.MigrateAndSeedAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote the change log and the search documents in {watch.Elapsed.TotalSeconds:F1} s"));

    if (postgres)
    {
        // Fresh planner statistics, as autovacuum would gather them in time.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
    }
    else
    {
        // Fold the write-ahead log into the file, so that copying the .db file alone copies everything.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB"));
    }
    var counts = new (string Table, int Rows)[]
    {
        ("TradeRecords", await db.TradeRecords.CountAsync()),
        ("Events", await db.Events.CountAsync()),
        ("Flights", await db.Flights.CountAsync()),
        ("FlightAirlines", await db.Flights.SelectMany(f => f.Airlines).CountAsync()),
        ("Agreements", await db.Agreements.CountAsync()),
        ("Changes", await db.Changes.CountAsync()),
        ("SearchDocuments", await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"SearchDocuments\"").SingleAsync()),
    };
    foreach (var (table, rows) in counts)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-15} {rows,10:N0} rows"));
    }
    await db.Database.CloseConnectionAsync();
}
SqliteConnection.ClearAllPools();   // closes the file, so SQLite removes the -wal and -shm files
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {total.Elapsed.TotalSeconds:F1} s (seed {Seed})."));
return 0;

static async Task InsertAsync<T>(RelationsDbContext db, string what, int count, Func<T> next) where T : class
{
    var watch = Stopwatch.StartNew();
    for (var done = 0; done < count;)
    {
        var size = Math.Min(BatchSize, count - done);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < size; i++)
            {
                db.Add(next());
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        db.ChangeTracker.Clear();   // keeps memory flat: saved entities are not needed again
        done += size;
        if (done % 100_000 == 0 && done < count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {done:N0} of {count:N0} ({watch.Elapsed.TotalSeconds:F1} s)"));
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added {count:N0} {what} in {watch.Elapsed.TotalSeconds:F1} s"));
}

static async Task InsertTradeRecordsAsync(RelationsDbContext db, int count, TradeRecordGenerator trade, TimeProvider clock)
{
    var watch = Stopwatch.StartNew();
    using var inserter = RecordInserter<TradeRecord>.For(db) ?? throw new InvalidOperationException("Trade records cannot be inserted directly.");
    for (var done = 0; done < count;)
    {
        var size = Math.Min(BatchSize, count - done);
        var now = clock.GetUtcNow().UtcDateTime;   // one timestamp per batch, as one SaveChanges would give
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < size; i++)
            {
                if (!await inserter.TryInsertAsync(trade.Next(), now, CancellationToken.None))
                {
                    throw new InvalidOperationException("The generator repeated a trade record key.");
                }
            }
            await transaction.CommitAsync();
        }
        done += size;
        if (done % 100_000 == 0 && done < count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trade records: {done:N0} of {count:N0} ({watch.Elapsed.TotalSeconds:F1} s)"));
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added {count:N0} trade records in {watch.Elapsed.TotalSeconds:F1} s"));
}

static async Task RecreatePostgresDatabaseAsync(string connectionString)
{
    var target = new NpgsqlConnectionStringBuilder(connectionString);
    var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(server.ConnectionString);
    await connection.OpenAsync();
    foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", $"CREATE DATABASE \"{target.Database}\"" })
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

static bool TryParseArguments(string[] args, out string target, out bool postgres, out int tradeCount, out bool tradeThroughEf)
{
    (target, postgres, tradeCount, tradeThroughEf) = ("", false, -1, false);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--db":
                target = args[i + 1];
                break;
            case "--postgres":
                (target, postgres) = (args[i + 1], true);
                break;
            case "--trade-records" when int.TryParse(args[i + 1].Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                tradeCount = n;
                break;
            case "--trade-insert" when args[i + 1] is "sql" or "ef":
                tradeThroughEf = args[i + 1] == "ef";
                break;
            default:
                return false;
        }
    }
    return args.Length % 2 == 0 && target.Length > 0 && tradeCount >= 0;
}
