using System.Data.Common;
using Npgsql;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL connections for the hand-written reads, from Npgsql's pools, multiplexed: the commands of all the reads
/// running at once go out together on a few physical connections, and their results come back together, instead of
/// one connection, one send and one wait per read. Reads hold no session state (no transaction, no setting of their
/// own), which multiplexing requires. A statement is prepared on the server once it has run twice on a physical
/// connection (Npgsql's automatic preparation, see <see cref="PostgresEngine.WithPoolSettings"/>), so a later read of
/// the same SQL binds and executes without parsing again.
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
    private readonly NpgsqlDataSource _planned = new NpgsqlDataSourceBuilder(Multiplexed(connectionString)).Build();

    private readonly NpgsqlDataSource _plannedOnce = new NpgsqlDataSourceBuilder(Multiplexed(PlanningOnce(connectionString))).Build();

    public ValueTask<ReadConnection> RentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ReadConnection>(new Connection(this));

    /// <summary>The connection string with the session setting added to any options it gives the server.</summary>
    private static string PlanningOnce(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".TrimStart();
        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string with multiplexing on, unless it says otherwise. Lookups by id from 32 connections at 10k
    /// trade records, alternating: 13,239 and 15,584 per second against 7,704 and 6,527, at 63–74 µs of the API's CPU
    /// and 29–40 µs of the server's per lookup against 127–153 and 76–96 (fewer sends, receives and wake-ups on both).
    /// </summary>
    private static string Multiplexed(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Multiplexing")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { Multiplexing = true }.ConnectionString;
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
