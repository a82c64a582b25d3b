using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Access;

/// <summary>Making, listing, revoking and checking API keys; the CLI verbs and the admin endpoints both use these.</summary>
public static partial class ApiKeys
{
    public const int MaxNameLength = 100;

    /// <summary>Every secret starts with this, so a leaked one is easy to recognise (and to search for in code).</summary>
    public const string SecretPrefix = "kkr_";

    // 32 random bytes: 256 bits, written as 43 base64url characters after the prefix.
    private const int SecretBytes = 32;

    /// <summary>Letters, digits, '.', '_' and '-', 1 to 100 of them: a name that reads the same in a log, a URL and a shell.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Makes a key; returns it with its secret, which exists nowhere else, or null when the name is taken.</summary>
    public static async Task<(ApiKey Key, string Secret)?> CreateAsync(
        RelationsDbContext db, string name, string scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("A key name is 1 to 100 letters, digits, '.', '_' or '-'.", nameof(name));
        }
        if (!KeyScopes.All.Contains(scope))
        {
            throw new ArgumentException($"A key's scope is one of: {string.Join(", ", KeyScopes.All)}.", nameof(scope));
        }
        if (await db.ApiKeys.AnyAsync(SameName(name), cancellationToken))
        {
            return null;
        }
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = new ApiKey
        {
            Name = name,
            Scope = scope,
            Hash = HashOf(secret),
            Prefix = secret[..(SecretPrefix.Length + 6)],
            CreatedAt = clock.StoredNow(),
        };
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation())
        {
            return null;   // the same name, made at the same moment by someone else
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return (key, secret);
    }

    /// <summary>
    /// The key named <paramref name="name"/> in any letter case: names are unique regardless of case, so that "tmp5" and
    /// "TMP5" can never be two keys. (Names are ASCII, so lower() folds them the same way on both engines.)
    /// </summary>
    private static System.Linq.Expressions.Expression<Func<ApiKey, bool>> SameName(string name)
    {
        var folded = name.ToLowerInvariant();
        return k => k.Name.ToLower() == folded;
    }

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    public static Task<List<ApiKey>> ListAsync(RelationsDbContext db, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>The key of this name, revoked or not; null when there is none.</summary>
    public static Task<ApiKey?> FindByNameAsync(RelationsDbContext db, string name, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(SameName(name), cancellationToken);

    /// <summary>Stops a key from working from the next request on; null when there is no such key. Revoking twice keeps the first time.</summary>
    public static async Task<ApiKey?> RevokeAsync(RelationsDbContext db, string name, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(SameName(name), cancellationToken);
        if (key is null)
        {
            return null;
        }
        key.RevokedAt ??= clock.StoredNow();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return key;
    }

    /// <summary>
    /// The key a request presents, revoked or not; null when no key was ever made with this secret. Every write looks
    /// its key up, so this is a prepared statement on a read connection rather than an EF query; it reads the latest
    /// commit, so a revocation counts from the next request.
    /// </summary>
    public static async ValueTask<ApiKey?> FindAsync(RecordReads reads, string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }
        var hash = HashOf(secret);
        var key = await reads.FindKeyAsync(hash, cancellationToken);
        // The lookup found the row by its hash; comparing again in constant time keeps the last step free of timing
        // differences whatever the database's comparison does.
        return key is not null && CryptographicOperations.FixedTimeEquals(key.Hash, hash) ? key : null;
    }

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
