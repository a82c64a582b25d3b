using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RelationsApi.Infrastructure.Access;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Api.Tests.Support;

/// <summary>
/// The shipped app over HTTP with a throwaway SQLite file of its own, built by the real migrations and seed.
/// Only configuration is overridden, never services, so what is tested is what runs. Its clients send a key with scope
/// write (<see cref="WriteKey"/>), as a partner would; rate limits are off unless a test sets them.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relations-api-tests-").FullName;
    private readonly Dictionary<string, string> _keys = [];

    // Key names are unique in a database for good, and two factories may open the same file one after the other.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];

    public ApiFactory()
        : this(databasePath: null)
    {
    }

    private ApiFactory(string? databasePath)
    {
        DatabasePath = databasePath ?? Path.Combine(_directory, "relations.db");
    }

    /// <summary>A second app over the same database file as <paramref name="other"/>: a restart of the API.</summary>
    public static ApiFactory Reopening(ApiFactory other) => new(other.DatabasePath);

    /// <summary>The API started on an existing database file, such as one an earlier version left behind.</summary>
    public static ApiFactory Over(string databasePath) => new(databasePath);

    public string DatabasePath { get; }

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
                var made = ApiKeys.CreateAsync(db, name, scope, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult()
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

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("X-Api-Key", WriteKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing").UseSetting("ConnectionStrings:Relations", $"Data Source={DatabasePath}");
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
        if (disposing && DatabasePath.StartsWith(_directory, StringComparison.Ordinal) && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
