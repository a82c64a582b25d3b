namespace RelationsApi.Infrastructure.Access;

/// <summary>What a key may do. Reading needs no key at all.</summary>
public static class KeyScopes
{
    /// <summary>Read only: the key names its holder (and gives it a rate-limit allowance of its own) but may not write.</summary>
    public const string Read = "read";

    /// <summary>Create, change, delete and import records.</summary>
    public const string Write = "write";

    /// <summary>Everything <see cref="Write"/> may, plus managing keys and reading the audit trail.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];
}

/// <summary>
/// A key that names its holder and, with scope write or admin, lets it write. Only a hash of the secret is kept: the secret is shown once, when the key is made,
/// and cannot be recovered from the database.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; init; }

    /// <summary>Who holds the key, unique among all keys ever made: the audit trail names writes by it.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="KeyScopes.Read"/>, <see cref="KeyScopes.Write"/> or <see cref="KeyScopes.Admin"/>.</summary>
    public required string Scope { get; init; }

    /// <summary>SHA-256 of the secret's UTF-8 text.</summary>
    public required byte[] Hash { get; init; }

    /// <summary>The first characters of the secret, enough for its holder to tell keys apart in a list.</summary>
    public required string Prefix { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When the key stopped working; null while it works.</summary>
    public DateTime? RevokedAt { get; set; }
}
