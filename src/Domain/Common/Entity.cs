namespace RelationsApi.Domain.Common;

/// <summary>
/// What every record has: an identity, an optional key of the partner that sent it, server-managed timestamps and
/// version, and its sources. The timestamps and the version are stamped by persistence when a change is saved.
/// </summary>
public abstract class Entity
{
    /// <summary>The longest external id accepted.</summary>
    public const int MaxExternalIdLength = 100;

    private List<Source> _sources = [];

    public int Id { get; private set; }

    /// <summary>The sender's own key for the record (unique per resource), or null.</summary>
    public string? ExternalId { get; private set; }
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

    public void SetExternalId(string? externalId)
    {
        if (externalId is not null && !IsExternalId(externalId))
        {
            throw new DomainRuleException("externalId",
                $"'externalId' must be 1..{MaxExternalIdLength} characters of letters, digits and . _ : -");
        }
        ExternalId = externalId;
    }

    /// <summary>1..100 characters of ASCII letters and digits, '.', '_', ':' and '-'.</summary>
    public static bool IsExternalId(string value) =>
        value.Length is > 0 and <= MaxExternalIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    /// <summary>Marks the record as created at <paramref name="now"/>, version 1.</summary>
    public void StampCreated(DateTime now) => (CreatedAt, UpdatedAt, Version) = (now, now, 1);

    /// <summary>Gives a record read from storage by hand (not through EF) the identity, timestamps and version it has there.</summary>
    public void Restore(int id, DateTime createdAt, DateTime updatedAt, int version) =>
        (Id, CreatedAt, UpdatedAt, Version) = (id, createdAt, updatedAt, version);

    /// <summary>Marks the record as changed at <paramref name="now"/>: the next version.</summary>
    public void StampUpdated(DateTime now) => (UpdatedAt, Version) = (now, Version + 1);
}
