using Microsoft.EntityFrameworkCore.Design;
using RelationsApi.Infrastructure.Persistence.Sqlite;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the API.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RelationsDbContext>
{
    public RelationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RelationsDbContext>()
            .UseSqlite(DatabaseSettings.DefaultSqliteConnectionString)
            .AddInterceptors(ConnectionSetup.Instance)   // `dotnet ef database update` runs migrations that call fold()
            .Options);
}
