using System.Data.Common;
using Npgsql;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL connections for the hand-written reads, from Npgsql's pools. A command is prepared on the server the first
/// time its SQL runs on a physical connection; Npgsql keeps that statement with the connection through the pool, so a
/// later read of the same SQL on it binds and executes without parsing again.
/// </summary>
/// <remarks>
/// The server still plans a prepared statement again at each execution when it judges a plan made for the values
/// cheaper than its one plan for any values, and it always does for a page (its LIMIT and OFFSET are parameters). At a
/// million trade records that planning cost as much as running the page. A statement whose plan does not depend on its
/// values (<see cref="Sql.PlanOnce"/>) therefore runs on a second pool whose sessions keep one plan per statement
/// (plan_cache_mode force_generic_plan); every other statement keeps the server's choice. A connection is taken from
/// its pool when the first statement that needs it runs: most reads use one pool only.
/// </remarks>
internal sealed class PostgresReadConnections(string connectionString) : IReadConnections
{
    private readonly NpgsqlDataSource _planned = new NpgsqlDataSourceBuilder(connectionString).Build();

    private readonly NpgsqlDataSource _plannedOnce = new NpgsqlDataSourceBuilder(PlanningOnce(connectionString)).Build();

    public ValueTask<ReadConnection> RentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ReadConnection>(new Connection(this));

    /// <summary>The connection string with the session setting added to any options it gives the server.</summary>
    private static string PlanningOnce(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".TrimStart();
        return builder.ConnectionString;
    }

    public void Dispose()
    {
        _planned.Dispose();
        _plannedOnce.Dispose();
    }

    private sealed class Connection(PostgresReadConnections pools) : ReadConnection
    {
        private NpgsqlConnection? _planned;
        private NpgsqlConnection? _plannedOnce;
        private NpgsqlCommand? _last;

        public override async ValueTask<DbDataReader> ExecuteAsync(Sql sql, CancellationToken cancellationToken)
        {
            _last?.Dispose();
            var connection = sql.PlanOnce
                ? _plannedOnce ??= await pools._plannedOnce.OpenConnectionAsync(cancellationToken)
                : _planned ??= await pools._planned.OpenConnectionAsync(cancellationToken);
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
            _planned?.Dispose();
            _plannedOnce?.Dispose();
        }
    }
}
