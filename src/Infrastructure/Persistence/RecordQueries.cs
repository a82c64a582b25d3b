using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RelationsApi.Domain.Agreements;
using RelationsApi.Domain.Common;
using RelationsApi.Domain.Events;
using RelationsApi.Domain.Flights;
using RelationsApi.Domain.TradeRecords;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Reads every resource shares, compiled once rather than translated from LINQ on every request.</summary>
public static class RecordQueries<TEntity> where TEntity : Entity
{
    /// <summary>One record by id, untracked; null when there is none.</summary>
    public static readonly Func<RelationsDbContext, int, CancellationToken, Task<TEntity?>> FindAsync =
        EF.CompileAsyncQuery((RelationsDbContext db, int id, CancellationToken _) => db.Set<TEntity>().AsNoTracking().FirstOrDefault(e => e.Id == id));

    /// <summary>The id of the record with this external id; null when there is none.</summary>
    public static readonly Func<RelationsDbContext, string, CancellationToken, Task<int?>> IdOfExternalIdAsync =
        EF.CompileAsyncQuery((RelationsDbContext db, string externalId, CancellationToken _) =>
            db.Set<TEntity>().Where(e => e.ExternalId == externalId).Select(e => (int?)e.Id).FirstOrDefault());
}

/// <summary>Each resource's write rules: what makes two of its records duplicates.</summary>
public static class Writes
{
    public static readonly RecordWrites<Event> Events = new();
    public static readonly RecordWrites<Flight> Flights = new();
    public static readonly RecordWrites<Agreement> Agreements = new();

    // On the key columns the unique index covers, so the check is one index lookup.
    private static readonly Func<RelationsDbContext, string, string, TradeFlow, int, int, string, int, CancellationToken, Task<int?>> SameTradeKey =
        EF.CompileAsyncQuery((RelationsDbContext db, string reporter, string partner, TradeFlow flow, int year, int monthKey, string hsCodeKey, int exceptId, CancellationToken _) =>
            db.TradeRecords
                .Where(t => t.ReporterCountry == reporter && t.PartnerCountry == partner && t.Flow == flow && t.Year == year
                    && EF.Property<int>(t, "MonthKey") == monthKey && EF.Property<string>(t, "HsCodeKey") == hsCodeKey && t.Id != exceptId)
                .Select(t => (int?)t.Id)
                .FirstOrDefault());

    /// <summary>The trade record key: reporter, partner, flow, year, month and HS code, an absent month or code being a value too.</summary>
    public static readonly RecordWrites<TradeRecord> TradeRecords = new()
    {
        FindDuplicate = (db, t, cancellationToken) =>
            SameTradeKey(db, t.ReporterCountry, t.PartnerCountry, t.Flow, t.Year, t.Month ?? 0, t.HsCode ?? "", t.Id, cancellationToken),
        UniqueKey = t => $"{t.ReporterCountry}/{t.PartnerCountry}/{t.Flow}/{t.Year}/{t.Month?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{t.HsCode ?? "-"}",
    };
}
