using System.Collections.Concurrent;
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
/// interceptor fills in other than the search text of events and agreements, which the inserter fills the same way.
/// </summary>
public sealed class RecordInserter<TEntity> : IDisposable where TEntity : Entity
{
    // What an insert needs from the model (the statement, the columns and how each is bound, the id's setter) is worked
    // out once per model, and so once per engine: a single create makes an inserter too, and must not pay for it.
    private static readonly ConcurrentDictionary<IModel, Plan?> Plans = new();

    private readonly RelationsDbContext _db;
    private readonly Plan _plan;
    private readonly DbCommand _insert;
    private readonly DbParameter[] _parameters;

    private sealed record Column(Func<TEntity, object?> Value, RelationalTypeMapping Mapping, bool IsNullable);

    /// <summary>The insert, and where the engine can (<see cref="Engine.InsertWith"/>) the insert that logs its record too.</summary>
    private sealed record Plan(string Sql, string? LoggingSql, Column[] Columns, Action<TEntity, int> SetId);

    private RecordInserter(RelationsDbContext db, Plan plan, bool logging)
    {
        _db = db;
        _plan = plan;
        _insert = db.Database.GetDbConnection().CreateCommand();
        _insert.CommandText = logging ? plan.LoggingSql : plan.Sql;
        // Created the way EF creates a parameter for each property (type, size), then only their values change.
        _parameters = [.. plan.Columns.Select((c, i) => c.Mapping.CreateParameter(_insert, $"@p{i}", null, c.IsNullable))];
        _insert.Parameters.AddRange(_parameters);
        if (logging)
        {
            ChangeLog.AddParameters(_insert, ChangeLog.OfInsertedParameters);
        }
        Logging = logging;
    }

    /// <summary>
    /// An inserter for <typeparamref name="TEntity"/> on <paramref name="db"/>'s connection, or null when a save writes
    /// more for it than its own mapped values (owned rows, a shadow column an interceptor fills), which this cannot copy.
    /// </summary>
    public static RecordInserter<TEntity>? For(RelationsDbContext db) =>
        Plans.GetOrAdd(db.Model, static (_, db) => PlanFor(db), db) is { } plan ? new RecordInserter<TEntity>(db, plan, logging: false) : null;

    /// <summary>
    /// As <see cref="For"/>, for one new record: where the engine can, its insert also writes its change log entry and
    /// search document (<see cref="Logging"/>), so that a create is one statement.
    /// </summary>
    public static RecordInserter<TEntity>? ForOne(RelationsDbContext db) =>
        Plans.GetOrAdd(db.Model, static (_, db) => PlanFor(db), db) is { } plan ? new RecordInserter<TEntity>(db, plan, logging: plan.LoggingSql is not null) : null;

    /// <summary>Whether <see cref="Command"/> writes the record's change log entry too; if not, <see cref="LogCreatedAsync"/> must.</summary>
    public bool Logging { get; }

    private static Plan? PlanFor(RelationsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity));
        if (entity is null
            || entity.GetNavigations().Any() || entity.GetSkipNavigations().Any() || entity.GetComplexProperties().Any()
            || entity.GetDerivedTypes().Any() || entity.BaseType is not null
            || entity.GetProperties().Any(p => p.ValueGenerated == ValueGenerated.Never && p.IsShadowProperty() && ShadowValue(p) is null)
            || entity.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd, FieldInfo: not null } key]
            || key.ClrType != typeof(int))
        {
            return null;
        }
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        var names = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"@p{i}"));
        // DO NOTHING concerns unique keys only (a NOT NULL or CHECK failure is still an error): see TryInsertAsync. A row
        // that was inserted returns its id; one that was not returns nothing. Both engines read this the same.
        var engine = Engine.Of(db);
        var plain = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) ON CONFLICT DO NOTHING";
        var keyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);

        // The key has no public setter; EF sets it through its backing field, and so does this.
        var record = Expression.Parameter(typeof(TEntity));
        var id = Expression.Parameter(typeof(int));
        var setId = Expression.Lambda<Action<TEntity, int>>(
            Expression.Assign(Expression.Field(Expression.Convert(record, key.FieldInfo!.DeclaringType!), key.FieldInfo), id), record, id).Compile();
        return new Plan(
            engine.InsertReturningKey(plain, keyColumn),
            engine.InsertWith(plain, keyColumn, ChangeLog.OfInserted),
            [.. properties.Select(p => new Column(ShadowValue(p) ?? p.GetGetter().GetClrValue, (RelationalTypeMapping)p.GetTypeMapping(), p.IsNullable))],
            setId);
    }

    /// <summary>
    /// How a shadow column is filled, for the one an interceptor fills on every save (<see cref="SearchTextColumns"/>):
    /// the same text, from the same function. Null for any other: a record with one cannot be inserted this way.
    /// </summary>
    private static Func<TEntity, object?>? ShadowValue(IProperty property) => property.Name == SearchText.Column
        ? typeof(TEntity) == typeof(Event) ? record => SearchText.Of((Event)(object)record)
            : typeof(TEntity) == typeof(Agreement) ? record => SearchText.Of((Agreement)(object)record)
            : null
        : null;

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
        _insert.Connection = _db.Database.GetDbConnection();   // the write's, which may not be the one it was made on
        _insert.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        return Inserted(record, await Command(record, now, actor: null).ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>
    /// The command that inserts <paramref name="record"/>, stamped as created at <paramref name="now"/>, and returns its
    /// id (see <see cref="Inserted"/>), to be run in a write transaction; with <see cref="Logging"/>, it also writes the
    /// record's change log entry, naming <paramref name="actor"/>, and its search document.
    /// </summary>
    public DbCommand Command(TEntity record, DateTime now, string? actor)
    {
        record.StampCreated(now);
        for (var i = 0; i < _parameters.Length; i++)
        {
            var column = _plan.Columns[i];
            var value = column.Value(record);
            if (value is not null && column.Mapping.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            _parameters[i].Value = value ?? DBNull.Value;
        }
        if (Logging)
        {
            Interceptor<ChangeLog>().SetCreated(_insert.Parameters, _parameters.Length, record, actor);
        }
        return _insert;
    }

    /// <summary>
    /// Gives <paramref name="record"/> the id <see cref="Command"/> returned; false when it returned none, because a
    /// unique index already holds one of the record's keys and nothing was written.
    /// </summary>
    public bool Inserted(TEntity record, object? result)
    {
        if (result is null or DBNull)
        {
            return false;
        }
        _plan.SetId(record, Convert.ToInt32(result, CultureInfo.InvariantCulture));
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
