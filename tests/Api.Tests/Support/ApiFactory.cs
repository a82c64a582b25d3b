using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace RelationsApi.Api.Tests.Support;

/// <summary>
/// The shipped app over HTTP with a throwaway SQLite file of its own, built by the real migrations and seed.
/// Only configuration is overridden, never services, so what is tested is what runs.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relations-api-tests-").FullName;

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing").UseSetting("ConnectionStrings:Relations", $"Data Source={DatabasePath}");
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
