using System.Collections.Concurrent;

namespace RelationsApi.Infrastructure.Access;

/// <summary>
/// The keys this process has found working, by the hash of their secret, so that a write need not look its key up in a
/// round trip of its own before it begins. Knowing a key is never enough to let it write: a key taken from here comes
/// with a <see cref="KeyCheck"/>, which the write transaction settles under the write lock in the round trip that takes
/// the lock, and which the Api settles with a lookup before it gives any other answer. So a key revoked anywhere, by any
/// process, is refused from the next request on, as if nothing were remembered.
/// </summary>
public sealed class KnownKeys
{
    /// <summary>How many keys are remembered at most; past it the memory starts again, empty.</summary>
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    /// <summary>The working key whose secret this is, as last found; null when it was never found here or was refused since.</summary>
    public ApiKey? Find(string secret) => _keys.GetValueOrDefault(Entry(secret));

    /// <summary>Remembers a key just found working.</summary>
    public void Remember(string secret, ApiKey key)
    {
        if (key.RevokedAt is not null)
        {
            return;
        }
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }
        _keys[Entry(secret)] = key;
    }

    /// <summary>Forgets the key of this secret, once it was refused.</summary>
    public void Forget(string secret) => _keys.TryRemove(Entry(secret), out _);

    // The hash, not the secret, is what the process keeps, as the database does.
    private static string Entry(string secret) => Convert.ToBase64String(ApiKeys.HashOf(secret));
}

/// <summary>
/// Whether a remembered key (<see cref="KnownKeys"/>) still works, for one request: unsettled until the request's write
/// transaction or a lookup settles it.
/// </summary>
public sealed class KeyCheck(int keyId)
{
    public int KeyId { get; } = keyId;

    /// <summary>True when the key was found working, false when it was found revoked or gone; null until then.</summary>
    public bool? Works { get; set; }
}

/// <summary>A write transaction found the key of its request revoked or gone, before it read or wrote anything.</summary>
public sealed class KeyRefusedException() : Exception("The request's API key no longer works.");
