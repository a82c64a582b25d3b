using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Api.Common;

/// <summary>
/// Keeps one connection to the database file open for as long as the API runs, so that a restore can always tell that
/// the database is in use (see <see cref="DatabaseBackup"/>): the pool closes idle connections, this one stays.
/// </summary>
internal sealed class DatabaseHold(IServiceProvider services) : IHostedService
{
    private SqliteConnection? _connection;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<DatabaseSettings>().Engine != DatabaseEngine.Sqlite)
        {
            return;   // a server database: restores are pg_restore's business
        }
        await using var scope = services.CreateAsyncScope();
        var settings = new SqliteConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<RelationsDbContext>().Database.GetConnectionString())
        {
            Pooling = false,
        };
        if (settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:")
        {
            return;
        }
        _connection = new SqliteConnection(settings.ToString());
        await _connection.OpenAsync(cancellationToken);
        // Opening alone reads nothing; after one read SQLite holds the file's shared lock until the connection closes.
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
