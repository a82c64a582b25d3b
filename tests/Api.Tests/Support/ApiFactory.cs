using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Support;

/// <summary>
/// The shipped app over HTTP with a throwaway database of its own, built by the real migrations and seed: a SQLite file,
/// or, when <see cref="PostgresVariable"/> names a PostgreSQL server, a new database on it (dropped afterwards).
/// Only configuration is overridden, never services, so what is tested is what runs. Its clients send a key with scope
/// write (<see cref="WriteKey"/>), as a partner would; rate limits are off unless a test sets them.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// The environment variable that runs the tests on PostgreSQL: a connection string of a login that may create
    /// databases, e.g. "Host=127.0.0.1;Port=5432;Username=relations;Password=...;Database=postgres".
    /// </summary>
    public const string PostgresVariable = "RELATIONS_TEST_POSTGRES";

    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    private readonly string _directory;
    private bool _ownsDatabase;
    private bool _handedOver;
    private readonly Dictionary<string, string> _keys = [];

    // Key names are unique in a database for good, and two factories may open the same file one after the other.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];

    public ApiFactory()
        : this(databasePath: null)
    {
    }

    private ApiFactory(string? databasePath, DatabaseEngine? engine = null, string? connectionString = null, string? directory = null)
    {
        _directory = directory ?? Directory.CreateTempSubdirectory("relations-api-tests-").FullName;
        DatabasePath = databasePath ?? Path.Combine(_directory, "relations.db");
        Engine = engine ?? (databasePath is null && PostgresServer is not null ? DatabaseEngine.Postgres : DatabaseEngine.Sqlite);
        if (connectionString is not null)
        {
            ConnectionString = connectionString;
        }
        else if (Engine == DatabaseEngine.Postgres)
        {
            ConnectionString = TestDatabases.Create(PostgresServer!, "relations_test_" + _instance);
            _ownsDatabase = true;
        }
        else
        {
            ConnectionString = $"Data Source={DatabasePath}";
        }
    }

    /// <summary>A second app over the same database as <paramref name="other"/>: a restart of the API, or another process beside it.</summary>
    public static ApiFactory Reopening(ApiFactory other) => new(other.DatabasePath, other.Engine, other.ConnectionString);

    /// <summary>
    /// Stops this app, keeping its database, and starts the API again on it, as a restart of the process does (on SQLite a
    /// second process may not serve the file beside the first). The new app owns the database from then on.
    /// </summary>
    public ApiFactory Restart()
    {
        var next = new ApiFactory(DatabasePath, Engine, ConnectionString, _directory) { _ownsDatabase = _ownsDatabase };
        _handedOver = true;
        Dispose();
        return next;
    }

    /// <summary>The API started on an existing SQLite database file, such as one an earlier version left behind.</summary>
    public static ApiFactory Over(string databasePath) => new(databasePath, DatabaseEngine.Sqlite);

    /// <summary>The API on a new SQLite file whatever engine the run uses: for what only SQLite has (backup files, the file's lock).</summary>
    public static ApiFactory OnSqlite() => new(null, DatabaseEngine.Sqlite);

    /// <summary>The engine this run's tests use: PostgreSQL when <see cref="PostgresVariable"/> is set, else SQLite.</summary>
    public static DatabaseEngine TestEngine => PostgresServer is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;

    public DatabaseEngine Engine { get; }

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string DatabasePath { get; }

    /// <summary>The database's connection string, as the API is given it.</summary>
    public string ConnectionString { get; }

    /// <summary>The configuration a process needs to use this database: for the maintenance verbs run as processes.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment => new Dictionary<string, string>
    {
        ["Database__Provider"] = Engine.ToString(),
        ["ConnectionStrings__Relations"] = ConnectionString,
    };

    /// <summary>A new open connection to the database, outside the API: for looking at what is stored, or getting in its way.</summary>
    public async Task<DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Engine == DatabaseEngine.Postgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Holds the database's write lock as another writer would (another process on SQLite; another API instance on
    /// PostgreSQL) until disposed: writes through the API wait meanwhile.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenDatabaseAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);   // on SQLite, BEGIN IMMEDIATE: the write lock
        if (Engine == DatabaseEngine.Postgres)
        {
            // The lock the API's writers take at the start of every write transaction.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(1802203745)";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new Held(connection, transaction);
    }

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Configuration to set on top of appsettings.json, such as a smaller body limit.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The name of the key <see cref="WriteKey"/> is the secret of: what the audit trail shows for the default client's writes.</summary>
    public string WriteKeyName => $"tests-writer-{_instance}";

    /// <summary>The secret of a key with scope write, made in this app's database the first time it is asked for.</summary>
    public string WriteKey => Key(WriteKeyName, KeyScopes.Write);

    /// <summary>The secret of a key with scope admin.</summary>
    public string AdminKey => Key($"tests-admin-{_instance}", KeyScopes.Admin);

    /// <summary>The secret of the key of this name, made with <paramref name="scope"/> the first time it is asked for.</summary>
    public string Key(string name, string scope)
    {
        lock (_keys)
        {
            if (!_keys.TryGetValue(name, out var secret))
            {
                using var services = Services.CreateScope();
                var db = services.ServiceProvider.GetRequiredService<RelationsDbContext>();
                var made = ApiKeys.CreateAsync(db, name, scope, TimeProvider.System, actor: null, CancellationToken.None).GetAwaiter().GetResult()
                    ?? throw new InvalidOperationException($"A key named '{name}' already exists in this database.");
                _keys[name] = secret = made.Secret;
            }
            return secret;
        }
    }

    /// <summary>A client that sends no key: what an anonymous browser is.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        return client;
    }

    /// <summary>
    /// A client (with the write key) that sends a request body as it is produced: the default client follows redirects,
    /// and to replay a body on one it reads the whole body before sending anything.
    /// </summary>
    public HttpClient CreateStreamingClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", WriteKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing")
            .UseSetting("Database:Provider", Engine.ToString())
            .UseSetting("ConnectionStrings:Relations", ConnectionString);
        builder.UseSetting("RateLimits:ReadsPerMinute", "0").UseSetting("RateLimits:WritesPerMinute", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_handedOver)
        {
            return;
        }
        if (disposing && _ownsDatabase)
        {
            TestDatabases.Drop(PostgresServer!, ConnectionString);
        }
        if (disposing && DatabasePath.StartsWith(_directory, StringComparison.Ordinal) && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
