using Microsoft.AspNetCore.Mvc;

namespace RelationsApi.Api.Access;

/// <summary>A key to make.</summary>
public sealed class KeyCreate
{
    /// <summary>Who will hold the key: 1 to 100 letters, digits, '.', '_' or '-', unique among all keys ever made.</summary>
    /// <example>partner-b</example>
    public string? Name { get; init; }

    /// <summary>read (no writes: its own rate-limit allowance), write (records) or admin (records, keys and the audit trail).</summary>
    /// <example>write</example>
    public string? Scope { get; init; }
}

/// <summary>An API key as listed: everything but its secret.</summary>
/// <param name="Name">Who holds the key; the audit trail names writes by it.</param>
/// <param name="Scope">read, write or admin.</param>
/// <param name="Prefix">The secret's first characters, to tell keys apart.</param>
/// <param name="CreatedAt">When the key was made (UTC).</param>
/// <param name="RevokedAt">When the key was revoked (UTC); null while it works.</param>
public sealed record KeyResponse(string Name, string Scope, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>A key just made, with its secret: the only time the secret is shown.</summary>
/// <param name="Name">Who holds the key.</param>
/// <param name="Scope">read, write or admin.</param>
/// <param name="Prefix">The secret's first characters.</param>
/// <param name="CreatedAt">When the key was made (UTC).</param>
/// <param name="Key">The secret to send in X-Api-Key. Store it now: only a hash of it is kept.</param>
public sealed record CreatedKeyResponse(string Name, string Scope, string Prefix, DateTime CreatedAt, string Key);

/// <summary>Every key, revoked ones included, oldest first.</summary>
/// <param name="Items">The keys.</param>
public sealed record KeyList(IReadOnlyList<KeyResponse> Items);

/// <summary>Which writes to list from the audit trail, newest first.</summary>
public sealed class AuditQuery
{
    /// <summary>Page number, from 1 (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Entries per page, 1..100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    /// <summary>Only writes made with the key of this name.</summary>
    /// <example>partner-a</example>
    [FromQuery(Name = "actor")]
    public string? Actor { get; init; }

    /// <summary>Only changes of this resource: events, flights, trade-records or agreements, or keys for the making and revoking of API keys.</summary>
    /// <example>events</example>
    [FromQuery(Name = "resource")]
    public string? Resource { get; init; }

    /// <summary>Only changes of the record with this id (together with resource).</summary>
    /// <example>1</example>
    [FromQuery(Name = "recordId")]
    public int? RecordId { get; init; }

    /// <summary>Only changes of this kind: created, updated or deleted (revoked, for keys).</summary>
    /// <example>created</example>
    [FromQuery(Name = "operation")]
    public string? Operation { get; init; }

    /// <summary>Only changes at or after this instant (ISO 8601, e.g. 2026-12-01T00:00:00Z).</summary>
    /// <example>2024-01-01T00:00:00Z</example>
    [FromQuery(Name = "since")]
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only changes before this instant (ISO 8601).</summary>
    /// <example>2030-01-01T00:00:00Z</example>
    [FromQuery(Name = "until")]
    public DateTimeOffset? Until { get; init; }

    internal ListQuery Paging => new() { Page = Page, PageSize = PageSize };
}

/// <summary>One committed change of one record, or the making or revoking of a key, and who made it.</summary>
/// <param name="Sequence">The change's place in the change log (the change feed lists those of records).</param>
/// <param name="Resource">events, flights, trade-records or agreements; keys for the making or revoking of an API key.</param>
/// <param name="Id">The record's id (for keys, the key's own number).</param>
/// <param name="Operation">created, updated or deleted; for keys, created or revoked.</param>
/// <param name="Version">The record's version after the change (for a deletion, the version deleted); for keys 1 when made, 2 when revoked.</param>
/// <param name="ChangedAt">When the change was committed (UTC).</param>
/// <param name="Actor">The name of the API key the write was made with; null for the system (seed data, upgrades).</param>
public sealed record AuditEntry(long Sequence, string Resource, int Id, string Operation, int Version, DateTime ChangedAt, string? Actor);
