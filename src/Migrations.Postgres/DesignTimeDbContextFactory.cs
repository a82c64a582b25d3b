using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model without starting the API or reaching a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RelationsDbContext>
{
    public RelationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RelationsDbContext>()
            .UseNpgsql("Host=localhost;Database=relations", npgsql => npgsql.MigrationsAssembly(DatabaseSettings.PostgresMigrationsAssembly))
            .Options);
}
