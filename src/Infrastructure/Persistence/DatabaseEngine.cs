using Microsoft.Extensions.Configuration;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>The database engines the API runs on.</summary>
public enum DatabaseEngine
{
    /// <summary>An embedded file (the default): one API process per file.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: any number of API processes on one database.</summary>
    Postgres,
}

/// <summary>Which engine, and where its database is: <c>Database:Provider</c> and <c>ConnectionStrings:Relations</c>.</summary>
public sealed record DatabaseSettings(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>The connection string used when configuration names none: a file beside the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=relations.db";

    /// <summary>The assembly that holds the PostgreSQL migrations; the SQLite ones are in this one.</summary>
    public const string PostgresMigrationsAssembly = "RelationsApi.Migrations.Postgres";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        DatabaseEngine engine;
        if (string.IsNullOrWhiteSpace(provider))
        {
            engine = DatabaseEngine.Sqlite;
        }
        else if (!Enum.TryParse(provider.Trim(), ignoreCase: true, out engine) || !Enum.IsDefined(engine))
        {
            throw new InvalidOperationException($"Database:Provider is '{provider}'; it must be Sqlite or Postgres.");
        }
        var connectionString = configuration.GetConnectionString("Relations");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = engine == DatabaseEngine.Sqlite
                ? DefaultSqliteConnectionString
                : throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Relations is not set; give it as, for example, " +
                    "\"Host=localhost;Database=relations;Username=relations;Password=...\".");
        }
        return new DatabaseSettings(engine, connectionString);
    }
}
