using System.Linq.Expressions;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// Inserts new records with one prepared INSERT, its parameters reused row after row: a save through the change tracker
/// costs far more per row than the insert itself, which matters for bulk loads. The columns, and how each value is
/// converted and bound, are read from the EF Core model, so a row is stored exactly as <see cref="RelationsDbContext"/>
/// would store it; what the database generates (the id and the computed columns) is left to it, and the id is read back
/// with the insert (<see cref="Engine.InsertReturningKey"/>). Only resources whose rows a save writes with nothing but
/// their own mapped values can be inserted this way (<see cref="For"/> says which): no owned rows, and no column an
/// interceptor fills in.
/// </summary>
public sealed class RecordInserter<TEntity> : IDisposable where TEntity : Entity
{
    private readonly RelationsDbContext _db;
    private readonly DbCommand _insert;
    private readonly Column[] _columns;
    private readonly Action<TEntity, int> _setId;

    private sealed record Column(IProperty Property, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, DbParameter Parameter);

    private RecordInserter(RelationsDbContext db, IEntityType entity, IProperty key)
    {
        _db = db;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _insert = db.Database.GetDbConnection().CreateCommand();
        _columns = [.. entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select((p, i) =>
            {
                var mapping = (RelationalTypeMapping)p.GetTypeMapping();
                // Created the way EF creates a parameter for this property (type, size), then only its value changes.
                var parameter = mapping.CreateParameter(_insert, $"@p{i}", null, p.IsNullable);
                _insert.Parameters.Add(parameter);
                return new Column(p, p.GetGetter(), mapping, parameter);
            })];
        var names = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
        var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
        // DO NOTHING concerns unique keys only (a NOT NULL or CHECK failure is still an error): see TryInsertAsync. A row
        // that was inserted returns its id; one that was not returns nothing. Both engines read this the same.
        _insert.CommandText = Engine.Of(db).InsertReturningKey(
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING",
            sql.DelimitIdentifier(key.GetColumnName(table)!));

        // The key has no public setter; EF sets it through its backing field, and so does this.
        var record = Expression.Parameter(typeof(TEntity));
        var id = Expression.Parameter(typeof(int));
        _setId = Expression.Lambda<Action<TEntity, int>>(
            Expression.Assign(Expression.Field(Expression.Convert(record, key.FieldInfo!.DeclaringType!), key.FieldInfo), id), record, id).Compile();
    }

    /// <summary>
    /// An inserter for <typeparamref name="TEntity"/> on <paramref name="db"/>'s connection, or null when a save writes
    /// more for it than its own mapped values (owned rows, a shadow column an interceptor fills), which this cannot copy.
    /// </summary>
    public static RecordInserter<TEntity>? For(RelationsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity));
        if (entity is null
            || entity.GetNavigations().Any() || entity.GetSkipNavigations().Any() || entity.GetComplexProperties().Any()
            || entity.GetDerivedTypes().Any() || entity.BaseType is not null
            || entity.GetProperties().Any(p => p.ValueGenerated == ValueGenerated.Never && p.IsShadowProperty())
            || entity.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd, FieldInfo: not null } key]
            || key.ClrType != typeof(int))
        {
            return null;
        }
        return new RecordInserter<TEntity>(db, entity, key);
    }

    /// <summary>The instant a save made now would stamp on the records it creates.</summary>
    public DateTime Now() => Interceptor<RecordStamps>().Now();

    /// <summary>
    /// Inserts <paramref name="record"/> in the context's current transaction, stamped as created at <paramref name="now"/>
    /// (as a save would stamp it), and gives it the id the database assigned. False, with nothing written, when a unique
    /// index already holds one of its keys: the insert doubles as the duplicate check, and the caller's write rules then
    /// decide what the clash means. Nothing is logged: see <see cref="LogCreatedAsync"/>.
    /// </summary>
    public async Task<bool> TryInsertAsync(TEntity record, DateTime now, CancellationToken cancellationToken)
    {
        record.StampCreated(now);
        _insert.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var column in _columns)
        {
            var value = column.Getter.GetClrValue(record);
            if (value is not null && column.Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            column.Parameter.Value = value ?? DBNull.Value;
        }
        if (await _insert.ExecuteScalarAsync(cancellationToken) is not { } id || id is DBNull)
        {
            return false;
        }
        _setId(record, Convert.ToInt32(id, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Adds a "created" entry to the change log for each record inserted, as a save adding them would.</summary>
    public Task LogCreatedAsync(IReadOnlyCollection<TEntity> records, CancellationToken cancellationToken) =>
        Interceptor<ChangeLog>().AppendAsync(_db, [.. records.Select(r => ((Entity)r, ChangeLog.Created))], cancellationToken);

    private T Interceptor<T>() =>
        (_db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? []).OfType<T>().Single();

    public void Dispose()
    {
        _insert.Dispose();
    }
}
