using Microsoft.EntityFrameworkCore;
using RelationsApi.Domain.Common;

namespace RelationsApi.Infrastructure.Persistence;

/// <summary>
/// A resource as storage sees it: its entity type, the name the change log gives it (its path segment), and the JSON a
/// change entry keeps of a record (the record as the API shows it). The Api registers one per resource.
/// </summary>
public abstract class StoredResource
{
    private protected StoredResource(string name) => Name = name;

    /// <summary>The resource's name in the change log, the same as its path segment ("trade-records").</summary>
    public string Name { get; }

    public abstract Type EntityType { get; }

    public static StoredResource Of<TEntity>(string name, Func<TEntity, string> snapshot) where TEntity : Entity =>
        new Typed<TEntity>(name, snapshot);

    /// <summary>The record as the API shows it, as JSON text.</summary>
    internal abstract string Snapshot(Entity record);

    /// <summary>Every stored record of the resource, untracked, in id order.</summary>
    internal abstract IAsyncEnumerable<Entity> All(RelationsDbContext db);

    private sealed class Typed<TEntity>(string name, Func<TEntity, string> snapshot) : StoredResource(name) where TEntity : Entity
    {
        public override Type EntityType => typeof(TEntity);

        internal override string Snapshot(Entity record) => snapshot((TEntity)record);

        internal override IAsyncEnumerable<Entity> All(RelationsDbContext db) =>
            db.Set<TEntity>().AsNoTracking().OrderBy(r => r.Id).AsAsyncEnumerable();
    }
}

/// <summary>Every resource the API serves, by entity type.</summary>
public sealed class StoredResources
{
    private readonly Dictionary<Type, StoredResource> _byType;

    public StoredResources(IEnumerable<StoredResource> resources)
    {
        All = resources.ToList();
        _byType = All.ToDictionary(r => r.EntityType);
    }

    public IReadOnlyList<StoredResource> All { get; }

    public StoredResource Of(Entity record) =>
        _byType.TryGetValue(record.GetType(), out var resource)
            ? resource
            : throw new ArgumentException($"{record.GetType().Name} is not a registered resource.", nameof(record));
}
