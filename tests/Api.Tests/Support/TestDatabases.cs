using Npgsql;

namespace RelationsApi.Api.Tests.Support;

/// <summary>Throwaway PostgreSQL databases, one per test app, on the server the tests were pointed at.</summary>
internal static class TestDatabases
{
    /// <summary>Creates database <paramref name="name"/> and returns the connection string of <paramref name="server"/> pointed at it.</summary>
    public static string Create(string server, string name)
    {
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever connections are left to it.</summary>
    public static void Drop(string server, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
