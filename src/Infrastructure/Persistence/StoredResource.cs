using System.Runtime.CompilerServices;

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

    /// <summary>
    /// Every stored record of the resource, untracked, in id order. They are read a page at a time and each page is read
    /// whole before its records are handed out, so the caller may write on the same connection while it goes through
    /// them (PostgreSQL runs no command on a connection while a reader is still open on it).
    /// </summary>
    internal abstract IAsyncEnumerable<Entity> All(RelationsDbContext db, CancellationToken cancellationToken);

    private sealed class Typed<TEntity>(string name, Func<TEntity, string> snapshot) : StoredResource(name) where TEntity : Entity
    {
        public override Type EntityType => typeof(TEntity);

        internal override string Snapshot(Entity record) => snapshot((TEntity)record);

        internal override async IAsyncEnumerable<Entity> All(RelationsDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            const int PageSize = 1000;
            var after = 0;
            while (true)
            {
                var page = await db.Set<TEntity>().AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(PageSize)
                    .ToListAsync(cancellationToken);
                foreach (var record in page)
                {
                    yield return record;
                }
                if (page.Count < PageSize)
                {
                    yield break;
                }
                after = page[^1].Id;
            }
        }
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
