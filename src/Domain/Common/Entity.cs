namespace RelationsApi.Domain.Common;

/// <summary>
/// What every record has: an identity, server-managed timestamps and version, and its sources.
/// The timestamps and the version are stamped by persistence when a change is saved.
/// </summary>
public abstract class Entity
{
    private List<Source> _sources = [];

    public int Id { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<Source> Sources
    {
        get => _sources;
        private set => _sources = [.. value];
    }

    public void SetSources(IEnumerable<Source> sources)
    {
        var list = sources.ToList();
        if (list.Count > Source.MaxPerRecord)
        {
            throw new DomainRuleException("sources", $"A record cites at most {Source.MaxPerRecord} sources.");
        }
        _sources = list;
    }

    /// <summary>Marks the record as created at <paramref name="now"/>, version 1.</summary>
    public void StampCreated(DateTime now) => (CreatedAt, UpdatedAt, Version) = (now, now, 1);

    /// <summary>Marks the record as changed at <paramref name="now"/>: the next version.</summary>
    public void StampUpdated(DateTime now) => (UpdatedAt, Version) = (now, Version + 1);
}
