using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RelationsApi.Domain.TradeRecords;
using RelationsApi.Infrastructure.Persistence;

namespace RelationsApi.DataGen;

/// <summary>
/// Saves trade records with one prepared INSERT: SaveChanges costs about 200 µs a row here, too slow for a million.
/// The columns, and how each value is converted for the database, are read from the EF Core model, so a row is
/// written exactly as RelationsDbContext would write it. What the database generates (the id and the computed key
/// columns) is left out, and the entity is stamped as created, as a save through the context would stamp it.
/// </summary>
internal sealed class TradeRecordWriter : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly Column[] _columns;

    private sealed record Column(IProperty Property, ValueConverter? Converter, SqliteParameter Parameter);

    public TradeRecordWriter(RelationsDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TradeRecord))
            ?? throw new InvalidOperationException("The model has no TradeRecord.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();

        _insert = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        _columns = [.. entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never && !p.IsShadowProperty())
            .Select((p, i) => new Column(p, p.GetTypeMapping().Converter, _insert.Parameters.Add(new SqliteParameter($"$p{i}", null))))];
        var names = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
        var values = string.Join(", ", _columns.Select(c => c.Parameter.ParameterName));
        _insert.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name)} ({names}) VALUES ({values})";
    }

    /// <summary>Inserts the record within <paramref name="transaction"/>, stamped as created at <paramref name="now"/>.</summary>
    public void Insert(TradeRecord record, IDbContextTransaction transaction, DateTime now)
    {
        record.StampCreated(now);
        _insert.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        foreach (var column in _columns)
        {
            var value = column.Property.GetGetter().GetClrValue(record);
            column.Parameter.Value = value is null ? DBNull.Value : column.Converter?.ConvertToProvider(value) ?? value;
        }
        _insert.ExecuteNonQuery();
    }

    public void Dispose() => _insert.Dispose();
}
