using Microsoft.Data.Sqlite;
using RelationsApi.Infrastructure.Persistence.Reading;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Api.Tests.Persistence;

/// <summary>The SQLite read pool on a file of its own: what a read sees, and how connections are lent, kept and closed.</summary>
public sealed class SqliteReadConnectionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("read-pool-").FullName;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;

    public SqliteReadConnectionsTests()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "pool.db"), Pooling = false }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Run(_writer, "PRAGMA journal_mode = WAL; CREATE TABLE Numbers (Value INTEGER NOT NULL); INSERT INTO Numbers VALUES (1), (2), (3);");
    }

    public void Dispose()
    {
        _writer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_read_sees_every_commit_made_before_it_on_a_connection_it_kept()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        Assert.Equal(3, await CountAsync(pool));

        Run(_writer, "INSERT INTO Numbers VALUES (4);");

        Assert.Equal(4, await CountAsync(pool));
        Assert.Equal(1, pool.OpenSlots);
    }

    [Fact]
    public async Task A_read_during_a_write_transaction_sees_the_last_commit_without_waiting()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        Run(_writer, "BEGIN IMMEDIATE; INSERT INTO Numbers VALUES (4);");
        try
        {
            Assert.Equal(3, await CountAsync(pool));
        }
        finally
        {
            Run(_writer, "COMMIT;");
        }
        Assert.Equal(4, await CountAsync(pool));
    }

    [Fact]
    public async Task A_burst_beyond_the_slots_gets_connections_of_its_own_that_close_when_given_back()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        var lent = new List<ReadConnection>();
        for (var i = 0; i < SqliteReadConnections.Slots + 3; i++)
        {
            lent.Add(await pool.RentAsync(Cancel));
        }

        foreach (var connection in lent)
        {
            Assert.Equal(3, await CountAsync(connection));   // every one of them reads, the extra ones too
        }
        Assert.Equal(SqliteReadConnections.Slots, pool.OpenSlots);

        lent.ForEach(c => c.Dispose());
        Assert.Equal(SqliteReadConnections.Slots, pool.OpenSlots);   // kept for the next reads, the extra ones closed
        Assert.Equal(3, await CountAsync(pool));
    }

    [Fact]
    public async Task Concurrent_reads_each_get_a_connection_of_their_own()
    {
        using var pool = new SqliteReadConnections(_connectionString);

        var counts = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => CountAsync(pool))));

        Assert.All(counts, count => Assert.Equal(3, count));
        Assert.InRange(pool.OpenSlots, 1, SqliteReadConnections.Slots);
    }

    [Fact]
    public async Task More_shapes_of_query_than_a_connection_keeps_still_read_right()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        using var connection = await pool.RentAsync(Cancel);

        for (var i = 0; i < SqliteReadConnections.MaxCommands * 2 + 5; i++)
        {
            // A different text each time, so each is a new prepared command; the connection drops them all at its limit.
            var sql = new Sql($"SELECT count(*) + {i} FROM Numbers WHERE Value >= ").Parameter(2);
            await using var reader = await connection.ExecuteAsync(sql, Cancel);
            Assert.True(await reader.ReadAsync(Cancel));
            Assert.Equal(2 + i, reader.GetInt64(0));
        }
    }

    [Fact]
    public async Task A_kept_command_binds_its_new_values_each_time()
    {
        using var pool = new SqliteReadConnections(_connectionString);

        for (var least = 1; least <= 4; least++)
        {
            using var connection = await pool.RentAsync(Cancel);
            await using var reader = await connection.ExecuteAsync(new Sql("SELECT count(*) FROM Numbers WHERE Value >= ").Parameter(least), Cancel);
            Assert.True(await reader.ReadAsync(Cancel));
            Assert.Equal(4 - least, reader.GetInt64(0));
        }
    }

    [Fact]
    public async Task Disposing_the_pool_while_a_connection_is_lent_lets_that_read_finish_and_closes_it_when_given_back()
    {
        var pool = new SqliteReadConnections(_connectionString);
        var idle = await pool.RentAsync(Cancel);
        var lent = await pool.RentAsync(Cancel);
        idle.Dispose();
        Assert.Equal(2, pool.OpenSlots);

        pool.Dispose();

        Assert.Equal(1, pool.OpenSlots);   // the idle one is closed at once
        Assert.Equal(3, await CountAsync(lent));   // the lent one still reads
        lent.Dispose();
        Assert.Equal(0, pool.OpenSlots);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync(Cancel));
    }

    [Fact]
    public async Task A_read_waits_while_a_writer_holds_the_database_and_reads_once_it_commits()
    {
        // A rollback-journal database, where a writer's exclusive lock keeps every reader out (in WAL mode readers never wait).
        var path = Path.Combine(_directory, "journal.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        Run(writer, "PRAGMA journal_mode = DELETE; CREATE TABLE Numbers (Value INTEGER NOT NULL); INSERT INTO Numbers VALUES (1), (2), (3);");
        using var pool = new SqliteReadConnections(connectionString);
        Assert.Equal(3, await CountAsync(pool));
        Run(writer, "BEGIN EXCLUSIVE; INSERT INTO Numbers VALUES (4);");
        var committed = false;
        var commit = Task.Run(async () =>
        {
            await Task.Delay(300, Cancel);
            committed = true;
            Run(writer, "COMMIT;");
        }, Cancel);

        var count = await CountAsync(pool);   // busy until then: SQLite waits instead of failing

        Assert.True(committed);
        Assert.Equal(4, count);
        await commit;
    }

    [Fact]
    public async Task A_failed_statement_leaves_the_connection_and_its_kept_statements_usable()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        using var connection = await pool.RentAsync(Cancel);
        Assert.Equal(3, await CountAsync(connection));

        await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var reader = await connection.ExecuteAsync(new Sql("SELECT Value / 0 FROM Missing WHERE Value >= ").Parameter(0), Cancel);
        });

        Assert.Equal(3, await CountAsync(connection));
    }

    [Fact]
    public async Task Values_and_text_read_back_as_stored()
    {
        Run(_writer, "CREATE TABLE Texts (Name TEXT, Amount REAL, Data BLOB); INSERT INTO Texts VALUES ('Қазақ 한국', 2.5, x'0102'), (NULL, NULL, NULL), ('', 0, x'');");
        using var pool = new SqliteReadConnections(_connectionString);
        using var connection = await pool.RentAsync(Cancel);

        await using var reader = await connection.ExecuteAsync(new Sql("SELECT Name, Amount, Data, Name = ").Parameter("Қазақ 한국").Append(" FROM Texts ORDER BY rowid"), Cancel);

        Assert.True(await reader.ReadAsync(Cancel));
        Assert.Equal(("Қазақ 한국", 2.5, 1L), (reader.GetString(0), reader.GetDouble(1), reader.GetInt64(3)));
        Assert.Equal([1, 2], (byte[])reader.GetValue(2));
        Assert.True(await reader.ReadAsync(Cancel));
        Assert.Equal([true, true, true], Enumerable.Range(0, 3).Select(reader.IsDBNull));
        Assert.Equal(DBNull.Value, reader.GetValue(0));
        Assert.True(await reader.ReadAsync(Cancel));
        Assert.Equal(("", false), (reader.GetString(0), reader.IsDBNull(0)));
        Assert.False(await reader.ReadAsync(Cancel));
    }

    [Fact]
    public async Task Read_connections_refuse_to_write()
    {
        using var pool = new SqliteReadConnections(_connectionString);
        using var connection = await pool.RentAsync(Cancel);

        var refused = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var reader = await connection.ExecuteAsync(new Sql("DELETE FROM Numbers WHERE Value >= ").Parameter(0), Cancel);
        });

        Assert.Equal(8, refused.SqliteErrorCode);   // SQLITE_READONLY
        Assert.Equal(3, await CountAsync(connection));
    }

    private static async Task<long> CountAsync(SqliteReadConnections pool)
    {
        using var connection = await pool.RentAsync(Cancel);
        return await CountAsync(connection);
    }

    private static async Task<long> CountAsync(ReadConnection connection)
    {
        await using var reader = await connection.ExecuteAsync(new Sql("SELECT count(*) FROM Numbers WHERE Value >= ").Parameter(0), Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return reader.GetInt64(0);
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
