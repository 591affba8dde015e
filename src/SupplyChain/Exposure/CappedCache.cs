using System.Collections.Concurrent;

namespace SupplyChain.Exposure;

/// <summary>
/// A concurrent map of values made on demand that starts again (empties) once it has taken <paramref name="capacity"/>
/// entries: the per-snapshot exposure caches, so a server read brand by brand for days does not end up holding every
/// brand's paths and views. A value dropped is made again when next asked for.
/// </summary>
sealed class CappedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, TValue> held = new();
    int added;

    public int Count => held.Count;

    public bool TryGetValue(TKey key, out TValue value) => held.TryGetValue(key, out value!);

    /// <summary>The value held for the key, else made and kept (another reader's, if it was first: one value per key while held).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> make)
    {
        if (held.TryGetValue(key, out var value)) return value;
        if (Interlocked.Increment(ref added) > capacity) { held.Clear(); Interlocked.Exchange(ref added, 1); }
        return held.GetOrAdd(key, make);
    }

    public void Remove(TKey key) => held.TryRemove(key, out _);
}
