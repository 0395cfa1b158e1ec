using System.Collections;
using System.Collections.Immutable;

namespace Billing.Core.Storage;

/// <summary>
/// The list a snapshot holds: an immutable copy of what it was given, equal to another when the items are equal in order.
/// Records compare their members with <see cref="EqualityComparer{T}.Default"/>, so a snapshot whose list members are
/// stored in this type gets value equality without a hand-written <c>Equals</c> that a new member could be forgotten in.
/// </summary>
/// <typeparam name="T">The item type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);

    private readonly ImmutableArray<T> _items;

    private ValueList(ImmutableArray<T> items) => _items = items;

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    /// <summary>Copies <paramref name="items"/>; null stays null, so <c>Restore</c> can refuse it by name.</summary>
    public static ValueList<T>? From(IEnumerable<T>? items) => items switch
    {
        null => null,
        ValueList<T> list => list,
        _ => Of([.. items]),
    };

    public static ValueList<T> Of(ImmutableArray<T> items) => items.IsDefaultOrEmpty ? Empty : new(items);

    public ImmutableArray<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)_items).GetEnumerator();

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._items.Length != _items.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The items in brackets, so a record's <c>ToString</c> shows them rather than a type name.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
