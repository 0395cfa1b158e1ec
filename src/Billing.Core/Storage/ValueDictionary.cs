using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Billing.Core.Storage;

/// <summary>
/// The dictionary a snapshot holds: an immutable copy keyed ordinally and enumerated in ordinal key order (so a serialised
/// snapshot is the same text every time), equal to another when both hold the same keys with equal values.
/// </summary>
/// <typeparam name="TValue">The value type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
internal sealed class ValueDictionary<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueDictionary<TValue>>
{
    public static readonly ValueDictionary<TValue> Empty = new(ImmutableSortedDictionary.Create<string, TValue>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, TValue> _items;

    private ValueDictionary(ImmutableSortedDictionary<string, TValue> items) => _items = items;

    public int Count => _items.Count;

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public TValue this[string key] => _items[key];

    /// <summary>Copies <paramref name="items"/>; null stays null, so <c>Restore</c> can refuse it by name.</summary>
    public static ValueDictionary<TValue>? From(IEnumerable<KeyValuePair<string, TValue>>? items) => items switch
    {
        null => null,
        ValueDictionary<TValue> dictionary => dictionary,
        _ => Of(items),
    };

    private static ValueDictionary<TValue> Of(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        var copy = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, items);
        return copy.IsEmpty ? Empty : new(copy);
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueDictionary<TValue>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        var comparer = EqualityComparer<TValue>.Default;
        foreach (var (key, value) in _items)
        {
            if (!other._items.TryGetValue(key, out var otherValue) || !comparer.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueDictionary<TValue>);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (key, value) in _items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>The entries in braces, so a record's <c>ToString</c> shows them rather than a type name.</summary>
    public override string ToString() => "{" + string.Join(", ", _items.Select(p => $"{p.Key}: {p.Value}")) + "}";
}
