namespace Billing.Core.Storage.InMemory;

/// <summary>
/// A list that only grows, kept in chunks so that growing never copies or reallocates what is already stored: small lists
/// double one array up to a chunk, larger ones add chunks of <see cref="ChunkSize"/>. Not thread-safe.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class AppendOnlyList<T>
{
    /// <summary>Items per chunk once the list is past its first chunk (a power of two).</summary>
    internal const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 10;
    private readonly int _maxCount;
    private T[][] _chunks = [new T[4]];

    /// <summary>Creates an empty list.</summary>
    /// <param name="maxCount">The most items it may hold; lower than <see cref="int.MaxValue"/> only in tests.</param>
    internal AppendOnlyList(int maxCount = int.MaxValue) => _maxCount = maxCount;

    /// <summary>How many items the list holds.</summary>
    public int Count { get; private set; }

    /// <summary>The item at an index.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        }
    }

    /// <summary>A read-only reference to the item at an index, which avoids copying a large struct.</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    /// <returns>The reference; valid until the next <see cref="Add"/>, which may move the first chunk.</returns>
    public ref readonly T ItemRef(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
    }

    /// <summary>Adds an item at the end.</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="InvalidOperationException">The list is full (<see cref="int.MaxValue"/> items).</exception>
    public void Add(T item)
    {
        var index = Count;
        if (index == _maxCount)
        {
            throw new InvalidOperationException($"The list is full: it holds {_maxCount} items.");
        }

        var chunk = index >> ChunkShift;
        var offset = index & (ChunkSize - 1);
        if (chunk == 0)
        {
            var first = _chunks[0];
            if (offset == first.Length)
            {
                Array.Resize(ref first, first.Length * 2);
                _chunks[0] = first;
            }
        }
        else if (offset == 0)
        {
            if (chunk == _chunks.Length)
            {
                Array.Resize(ref _chunks, _chunks.Length * 2);
            }

            _chunks[chunk] = new T[ChunkSize];
        }

        _chunks[chunk][offset] = item;
        Count = index + 1;
    }
}
