using Npgsql;
using RelationsApi.Infrastructure.Persistence.Postgres;

namespace RelationsApi.Api.Tests.Persistence;

public sealed class PostgresPoolSettingsTests
{
    [Fact]
    public void A_connection_string_without_them_gets_statement_preparation_no_reset_on_close_and_small_pools()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresEngine.WithPoolSettings("Host=db;Database=relations;Username=api"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(10, settings.MaxPoolSize);
        Assert.Equal("db", settings.Host);
        Assert.Equal("relations", settings.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Maximum Pool Size=40")]
    [InlineData("Host=db;max auto prepare=0;NoResetOnClose=false;maxpoolsize=40")]
    public void Settings_the_connection_string_names_itself_are_kept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresEngine.WithPoolSettings(connectionString));

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
        Assert.Equal(40, settings.MaxPoolSize);
    }
}
