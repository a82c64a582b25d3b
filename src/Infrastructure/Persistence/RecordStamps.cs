using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>Stamps <c>CreatedAt</c>, <c>UpdatedAt</c> and <c>Version</c> on every record a save adds or changes.</summary>
internal sealed class RecordStamps(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>The instant a save made now would stamp.</summary>
    public DateTime Now() => clock.StoredNow();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var now = Now();
        foreach (var entry in eventData.Context!.ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.StampCreated(now);
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.StampUpdated(now);
                // Marked, not left to change detection: a bulk import saves with automatic detection off.
                entry.Property(e => e.UpdatedAt).IsModified = true;
            }
        }
        return ValueTask.FromResult(result);
    }
}
