using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RelationsApi.Infrastructure.Persistence;
using RelationsApi.Infrastructure.Persistence.Reading;

namespace RelationsApi.Infrastructure.Access;

/// <summary>Making, listing, revoking and checking API keys; the CLI verbs and the admin endpoints both use these.</summary>
public static partial class ApiKeys
{
    public const int MaxNameLength = 100;

    /// <summary>The audit trail's name for keys: their making and revoking are entries of this resource.</summary>
    public const string AuditResource = "keys";

    /// <summary>The audit trail's operations on keys.</summary>
    public const string Created = "created", Revoked = "revoked";

    /// <summary>Every secret starts with this, so a leaked one is easy to recognise (and to search for in code).</summary>
    public const string SecretPrefix = "kkr_";

    // 32 random bytes: 256 bits, written as 43 base64url characters after the prefix.
    private const int SecretBytes = 32;

    /// <summary>Letters, digits, '.', '_' and '-', 1 to 100 of them: a name that reads the same in a log, a URL and a shell.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>
    /// Makes a key; returns it with its secret, which exists nowhere else, or null when the name is taken. The making is
    /// in the audit trail (resource "keys"), naming <paramref name="actor"/>: the admin key that made it, or null for the CLI.
    /// </summary>
    public static async Task<(ApiKey Key, string Secret)?> CreateAsync(
        RelationsDbContext db, string name, string scope, TimeProvider clock, string? actor, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("A key name is 1 to 100 letters, digits, '.', '_' or '-'.", nameof(name));
        }
        if (!KeyScopes.All.Contains(scope))
        {
            throw new ArgumentException($"A key's scope is one of: {string.Join(", ", KeyScopes.All)}.", nameof(scope));
        }
        // Under the write lock, like every write, so that the audit entry's sequence follows commit order and no other
        // process makes a key of the same name in between.
        await using var transaction = await WriteTransaction.BeginAsync(db, actor, cancellationToken);
        try
        {
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
            await db.SaveChangesAsync(cancellationToken);
            await AuditAsync(db, key, Created, version: 1, key.CreatedAt, actor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (key, secret);
        }
        catch (DbUpdateException failure) when (failure.IsUniqueViolation())
        {
            return null;   // the same name, made at the same moment by someone else
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
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

    /// <summary>
    /// Stops a key from working from the next request on; null when there is no such key. Revoking twice keeps the first
    /// time, and only the first is in the audit trail, naming <paramref name="actor"/>.
    /// </summary>
    public static async Task<ApiKey?> RevokeAsync(RelationsDbContext db, string name, TimeProvider clock, string? actor, CancellationToken cancellationToken)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, actor, cancellationToken);
        try
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(SameName(name), cancellationToken);
            if (key is null)
            {
                return null;
            }
            if (key.RevokedAt is null)
            {
                key.RevokedAt = clock.StoredNow();
                await db.SaveChangesAsync(cancellationToken);
                await AuditAsync(db, key, Revoked, version: 2, key.RevokedAt.Value, actor, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return key;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The audit trail's entry of a key's making or revoking: a change of resource "keys" that carries no data, and that
    /// the change feed (which rebuilds records) leaves out.
    /// </summary>
    private static async Task AuditAsync(
        RelationsDbContext db, ApiKey key, string operation, int version, DateTime at, string? actor, CancellationToken cancellationToken)
    {
        db.Changes.Add(new Change { Resource = AuditResource, RecordId = key.Id, Operation = operation, Version = version, ChangedAt = at, Actor = actor });
        await db.SaveChangesAsync(cancellationToken);
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

    internal static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>One row (1) when the key of id @key works, that is, exists and is not revoked; 0 otherwise.</summary>
    internal const string WorksSql = """SELECT count(*) FROM "ApiKeys" WHERE "Id" = @key AND "RevokedAt" IS NULL""";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();
}
