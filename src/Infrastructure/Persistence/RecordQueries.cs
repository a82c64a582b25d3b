using System.Globalization;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Reads every resource shares, compiled once rather than translated from LINQ on every request.</summary>
public static class RecordQueries<TEntity> where TEntity : Entity
{
    /// <summary>One record by id, untracked; null when there is none.</summary>
    public static Task<TEntity?> FindAsync(RelationsDbContext db, int id, CancellationToken cancellationToken) =>
        Untracked.For(db)(db, id, cancellationToken);

    private static readonly CompiledPerEngine<Func<RelationsDbContext, int, CancellationToken, Task<TEntity?>>> Untracked =
        new(() => EF.CompileAsyncQuery((RelationsDbContext db, int id, CancellationToken _) => db.Set<TEntity>().AsNoTracking().FirstOrDefault(e => e.Id == id)));

    private static string? _idOfExternalId;

    /// <summary>The id of the record with this external id, as the context's open transaction sees it; null when there is none.</summary>
    public static Task<int?> IdOfExternalIdAsync(RelationsDbContext db, string externalId, CancellationToken cancellationToken)
    {
        _idOfExternalId ??= $"SELECT \"Id\" FROM \"{db.Model.FindEntityType(typeof(TEntity))!.GetTableName()}\" WHERE \"ExternalId\" = @p0";
        return db.IdAsync(_idOfExternalId, [externalId], cancellationToken);
    }
}

/// <summary>The single-value lookups of the write path, on the write's own connection.</summary>
internal static class WriteLookups
{
    /// <summary>
    /// The first column of the first row <paramref name="sql"/> selects, as an id, run on the context's connection and in
    /// its transaction (so it sees what the transaction has written); null when there is no row. Every write checks its
    /// unique keys this way: a command costs a small part of what an EF query, even a compiled one, costs per call.
    /// </summary>
    public static async Task<int?> IdAsync(this RelationsDbContext db, string sql, object[] values, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql + " LIMIT 1";
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = Sql.ParameterName(i);
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }
            return await command.ExecuteScalarAsync(cancellationToken) switch
            {
                null => null,
                var id => Convert.ToInt32(id, CultureInfo.InvariantCulture),   // a long from SQLite, an int from PostgreSQL
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
