namespace Billing.Core.Storage.InMemory;

/// <summary>
/// The in-memory store's index of idempotency keys: every entry by the hash of its key, in an open-addressing table with linear
/// probing over a power-of-two number of 8-byte slots, kept at most half full. The keys themselves live in the store's entries,
/// so the index holds only (hash, entry) pairs and its caller checks a candidate's key and ledger; one key used in ledgers that
/// share nothing simply has several slots.
/// </summary>
/// <remarks>Not thread-safe: the store calls it under its lock. Entry 0 marks a free slot, so entries are never 0.</remarks>
internal sealed class IdempotencyKeyIndex
{
    private readonly int _maxSlots;
    private Slot[] _slots = new Slot[16];

    /// <summary>Creates an empty index.</summary>
    /// <param name="maxSlots">The most slots the table may grow to (a power of two, at least 16): it then holds half as many entries.</param>
    public IdempotencyKeyIndex(int maxSlots)
    {
        if (maxSlots < 16 || (maxSlots & (maxSlots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSlots), maxSlots, "A power of two, at least 16.");
        }

        _maxSlots = maxSlots;
    }

    /// <summary>How many entries the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many slots the table has now.</summary>
    public int Capacity => _slots.Length;

    /// <summary>The hash the index files a key under.</summary>
    public static int Hash(string key) => string.GetHashCode(key, StringComparison.Ordinal);

    /// <summary>The entries filed under <paramref name="hash"/>, oldest first; the caller checks each one's key.</summary>
    public Candidates Find(int hash) => new(_slots, hash);

    /// <summary>
    /// Makes room for one more entry, doubling the table when one more would make it more than half full. Called once a write is
    /// decided and before it starts, so a full index refuses the write with nothing written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The table is at its largest and half full.</exception>
    public void EnsureRoomForOne()
    {
        if ((Count + 1) * 2L <= _slots.Length)
        {
            return;
        }

        if (_slots.Length >= _maxSlots)
        {
            throw new InvalidOperationException($"The store is full: it holds {Count} idempotency keys, the most it can index.");
        }

        var grown = new Slot[_slots.Length * 2];
        foreach (var slot in _slots)
        {
            if (slot.Entry != 0)
            {
                Place(grown, slot);
            }
        }

        _slots = grown;
    }

    /// <summary>Files an entry under its key's hash; <see cref="EnsureRoomForOne"/> has made room.</summary>
    public void Add(int hash, int entry)
    {
        if (entry == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), entry, "Entry 0 marks a free slot.");
        }

        Place(_slots, new Slot(hash, entry));
        Count++;
    }

    private static void Place(Slot[] slots, Slot slot)
    {
        var mask = slots.Length - 1;
        var i = slot.Hash & mask;
        while (slots[i].Entry != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = slot;
    }

    /// <summary>A slot: the key's hash and the entry (0: free).</summary>
    internal readonly struct Slot(int hash, int entry)
    {
        public int Hash { get; } = hash;

        public int Entry { get; } = entry;
    }

    /// <summary>The entries filed under one hash: walks the probe sequence from the hash's home slot to the first free slot.</summary>
    public ref struct Candidates
    {
        private readonly Slot[] _slots;
        private readonly int _hash;
        private readonly int _mask;
        private int _next;

        internal Candidates(Slot[] slots, int hash)
        {
            _slots = slots;
            _hash = hash;
            _mask = slots.Length - 1;
            _next = hash & _mask;
            Current = 0;
        }

        /// <summary>The current entry.</summary>
        public int Current { get; private set; }

        /// <summary>Enumerating itself, for <c>foreach</c>.</summary>
        public readonly Candidates GetEnumerator() => this;

        /// <summary>Moves to the next entry filed under the hash.</summary>
        public bool MoveNext()
        {
            while (true)
            {
                var slot = _slots[_next];
                if (slot.Entry == 0)
                {
                    return false;
                }

                _next = (_next + 1) & _mask;
                if (slot.Hash == _hash)
                {
                    Current = slot.Entry;
                    return true;
                }
            }
        }
    }
}
