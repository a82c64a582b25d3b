using System.Data.Common;
using Npgsql;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL connections for the hand-written reads, from Npgsql's pool. A command is prepared on the server the first
/// time its SQL runs on a physical connection; Npgsql keeps that statement with the connection through the pool, so a
/// later read of the same SQL on it binds and executes without parsing or planning again.
/// </summary>
internal sealed class PostgresReadConnections(string connectionString) : IReadConnections
{
    private readonly NpgsqlDataSource _source = new NpgsqlDataSourceBuilder(connectionString).Build();

    public async ValueTask<ReadConnection> RentAsync(CancellationToken cancellationToken) =>
        new Connection(await _source.OpenConnectionAsync(cancellationToken));

    public void Dispose() => _source.Dispose();

    private sealed class Connection(NpgsqlConnection connection) : ReadConnection
    {
        private NpgsqlCommand? _last;

        public override async ValueTask<DbDataReader> ExecuteAsync(Sql sql, CancellationToken cancellationToken)
        {
            _last?.Dispose();
            var command = _last = new NpgsqlCommand(sql.Text, connection);
            for (var i = 0; i < sql.Values.Count; i++)
            {
                command.Parameters.Add(new NpgsqlParameter(Sql.ParameterName(i), sql.Values[i]));
            }
            await command.PrepareAsync(cancellationToken);   // a lookup when this physical connection has prepared the same SQL before
            return await command.ExecuteReaderAsync(cancellationToken);
        }

        public override void Dispose()
        {
            _last?.Dispose();
            connection.Dispose();
        }
    }
}
