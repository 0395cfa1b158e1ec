using Billing.Core.Balances;
using Billing.Core.Charging;
using Billing.Core.ExchangeRates;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Storage.InMemory;

/// <summary>
/// The in-memory <see cref="ILedgerStore"/>: ledgers held in process memory behind one lock, so that authorising and appending a
/// charge across a chain of levels is a single atomic step and idempotency keys cannot race.
/// </summary>
/// <remarks>
/// <para>Thread-safe. Never throws <see cref="ConcurrencyConflictException"/>: writers are serialised instead.</para>
/// <para>Built for the charge hot path: a charge is kept once, as a compact record copied from its request, however many levels
/// it is written to; each ledger keeps the positions of its entries and its running sum, and one store-wide open-addressing
/// index finds a key's entries. A charge's transaction is built from its record for the ledger read, so each read returns an
/// equal but new <see cref="LedgerTransaction"/>; other transactions are kept as appended.</para>
/// <para>Holds up to 2^29 (about 537 million) transactions, the most its key index holds while at most half full; past that,
/// appends throw <see cref="InvalidOperationException"/> and write nothing.</para>
/// </remarks>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LedgerOwner, Book> _books = [];

    // Every charge once, and every other transaction (each in one ledger). An entry names one of them: e > 0 is _charges[e - 1],
    // e < 0 is _postings[~e]. Ledgers and the key index hold entries.
    private readonly AppendOnlyList<ChargeRecord> _charges = new();
    private readonly AppendOnlyList<Posting> _postings = new();

    // The idempotency-key index: every entry by the hash of its key, open addressing with linear probing over a power-of-two
    // table kept at most half full. The keys themselves live in the entries, so a slot is 8 bytes; one key used in ledgers that
    // share nothing simply has several slots.
    private readonly int _maxKeySlots;
    private KeySlot[] _keySlots = new KeySlot[16];
    private int _keyCount;
    private BalanceLevel[] _levels = new BalanceLevel[8];
    private Book[] _chainBooks = new Book[8];

    // The stored books of the last charge written, by level: consecutive charges on one account find their books without hashing.
    private Book?[] _recentBooks = new Book?[8];

    /// <summary>Creates an empty store.</summary>
    public InMemoryLedgerStore()
        : this(maxKeySlots: 1 << 30)
    {
    }

    /// <summary>Creates an empty store whose key index stops growing at <paramref name="maxKeySlots"/> slots (tests use a small one).</summary>
    internal InMemoryLedgerStore(int maxKeySlots) => _maxKeySlots = maxKeySlots;

    /// <inheritdoc />
    public ValueTask<LedgerHead?> GetHeadAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_books.TryGetValue(owner, out var book) ? book.Head() : (LedgerHead?)null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<LedgerTransaction>> GetTransactionsAsync(LedgerOwner owner, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<LedgerTransaction> copy = _books.TryGetValue(owner, out var book) ? Materialise(book) : [];
            return ValueTask.FromResult(copy);
        }
    }

    /// <inheritdoc />
    public ValueTask<LedgerTransaction?> FindByIdempotencyKeyAsync(LedgerOwner owner, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _books.TryGetValue(owner, out var book) && FindKey(idempotencyKey, KeyHash(idempotencyKey), book, out var entry)
                ? Read(book, entry)
                : null;
            return ValueTask.FromResult(found);
        }
    }

    /// <inheritdoc />
    public ValueTask<LedgerAppendOutcome> AppendAsync(
        LedgerOwner owner,
        Currency currency,
        TransactionRequest request,
        ExchangeRateTable? rates = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureOwner(owner);
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger currency must not be default(Currency).", nameof(currency));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var book = PeekBook(owner, currency);
            var hash = KeyHash(request.IdempotencyKey);
            if (FindKey(request.IdempotencyKey, hash, book, out var original))
            {
                return ValueTask.FromResult(new LedgerAppendOutcome(Read(book, original), isReplay: true));
            }

            // Converting (which may throw for a missing rate) happens before anything is written.
            var transaction = LedgerTransaction.Record(request, owner, book.Currency, rates);
            EnsureKeyCapacity();
            var entry = ~_postings.Count;
            _postings.Add(new Posting(transaction, book));
            AddKey(hash, entry);
            book.Add(entry, transaction.FundsEffect);
            Store(book);
            return ValueTask.FromResult(new LedgerAppendOutcome(transaction, isReplay: false));
        }
    }

    /// <inheritdoc />
    public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            throw new ArgumentException("The chain needs at least one level (the account).", nameof(chain));
        }

        for (var i = 1; i < chain.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (chain[i].Owner == chain[j].Owner)
                {
                    throw new ArgumentException($"The chain names {chain[i].Owner} twice; each level is a different ledger.", nameof(chain));
                }
            }
        }

        if (charge.Kind != TransactionKind.Charge)
        {
            throw new BillingRuleException("TransactionRequest.Kind", charge.Kind.ToString(), "only charges are authorised; append other kinds with AppendAsync");
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(AuthoriseAndAppendLocked(charge, chain));
        }
    }

    private ChargeOutcome AuthoriseAndAppendLocked(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain)
    {
        var count = chain.Count;
        if (_levels.Length < count)
        {
            _levels = new BalanceLevel[count * 2];
            _chainBooks = new Book[count * 2];
            _recentBooks = new Book?[count * 2];
        }

        var levels = _levels;
        var books = _chainBooks;
        var key = charge.IdempotencyKey;
        var hash = KeyHash(key);
        var keyKnown = KeyInUse(key, hash);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var level = chain[i];
                var recent = _recentBooks[i];
                var book = books[i] = recent is not null && recent.Owner == level.Owner && recent.Currency == level.Currency
                    ? recent
                    : PeekBook(level.Owner, level.Currency);
                if (keyKnown && FindKey(key, hash, book, out var original))
                {
                    if (i != 0)
                    {
                        throw new BillingRuleException(
                            "TransactionRequest.IdempotencyKey",
                            key,
                            $"the key is already used by another transaction in the ledger of {level.Owner}, but not in the account's ledger");
                    }

                    return ChargeOutcome.Replayed(Read(book, original));
                }

                levels[i] = level.WithFunds(book.Funds);
            }

            var decision = Authoriser.Authorise(charge.Amount, levels.AsSpan(0, count));
            if (!decision.IsApproved)
            {
                return ChargeOutcome.Declined(decision);
            }

            // Charges are in the levels' currency (the decision checked it), so every level records the request's amount as it is.
            EnsureKeyCapacity();
            var entry = _charges.Count + 1;
            _charges.Add(new ChargeRecord(charge, books[0].ChainOf(books.AsSpan(0, count))));
            AddKey(hash, entry);
            var amount = charge.Amount.Amount;
            for (var i = 0; i < count; i++)
            {
                books[i].Add(entry, -amount);
                Store(books[i]);
                _recentBooks[i] = books[i];
            }

            return ChargeOutcome.Appended(charge, chain[0].Owner);
        }
        finally
        {
            Array.Clear(books, 0, count);
        }
    }

    private static int KeyHash(string key) => string.GetHashCode(key, StringComparison.Ordinal);

    /// <summary>Whether any ledger holds the key.</summary>
    private bool KeyInUse(string key, int hash)
    {
        var slots = _keySlots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; slots[i].Entry != 0; i = (i + 1) & mask)
        {
            if (slots[i].Hash == hash && string.Equals(KeyOf(slots[i].Entry), key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the entry with the key that the book holds.</summary>
    private bool FindKey(string key, int hash, Book book, out int entry)
    {
        var slots = _keySlots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; slots[i].Entry != 0; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot.Hash == hash && Holds(slot.Entry, book) && string.Equals(KeyOf(slot.Entry), key, StringComparison.Ordinal))
            {
                entry = slot.Entry;
                return true;
            }
        }

        entry = 0;
        return false;
    }

    /// <summary>Puts an entry in the first free slot from its hash; <see cref="EnsureKeyCapacity"/> has made room.</summary>
    private void AddKey(int hash, int entry)
    {
        Place(_keySlots, new KeySlot(hash, entry));
        _keyCount++;
    }

    private static void Place(KeySlot[] slots, KeySlot slot)
    {
        var mask = slots.Length - 1;
        var i = slot.Hash & mask;
        while (slots[i].Entry != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = slot;
    }

    /// <summary>Doubles the key index when one more key would make it more than half full; called once a write is decided, before it starts.</summary>
    private void EnsureKeyCapacity()
    {
        if ((_keyCount + 1) * 2L <= _keySlots.Length)
        {
            return;
        }

        if (_keySlots.Length >= _maxKeySlots)
        {
            throw new InvalidOperationException($"The store is full: it holds {_keyCount} idempotency keys, the most it can index.");
        }

        var grown = new KeySlot[_keySlots.Length * 2];
        foreach (var slot in _keySlots)
        {
            if (slot.Entry != 0)
            {
                Place(grown, slot);
            }
        }

        _keySlots = grown;
    }

    private string KeyOf(int entry)
        => entry > 0 ? _charges.ItemRef(entry - 1).IdempotencyKey : _postings.ItemRef(~entry).Transaction.IdempotencyKey;

    private bool Holds(int entry, Book book)
        => entry > 0 ? Array.IndexOf(_charges.ItemRef(entry - 1).Ledgers, book) >= 0 : ReferenceEquals(_postings.ItemRef(~entry).Book, book);

    /// <summary>The transaction an entry of the book is: a stored one, or a charge built for the book's owner.</summary>
    private LedgerTransaction Read(Book book, int entry)
        => entry > 0 ? _charges.ItemRef(entry - 1).ToTransaction(book) : _postings.ItemRef(~entry).Transaction;

    private LedgerTransaction[] Materialise(Book book)
    {
        var result = new LedgerTransaction[book.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Read(book, book[i]);
        }

        return result;
    }

    /// <summary>The stored book, or a new empty one (not yet stored: it is stored on its first transaction).</summary>
    private Book PeekBook(LedgerOwner owner, Currency currency)
    {
        if (_books.TryGetValue(owner, out var book))
        {
            if (book.Currency != currency)
            {
                throw new BillingRuleException("Ledger.Currency", currency.Code, $"the ledger of {owner} is kept in {book.Currency.Code}");
            }

            return book;
        }

        return new Book(owner, currency);
    }

    private void Store(Book book)
    {
        if (book.Count == 1)
        {
            _books[book.Owner] = book;
        }
    }

    private static void EnsureOwner(LedgerOwner owner)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }
    }

    /// <summary>A slot of the key index: the key's hash and the entry (0: empty).</summary>
    private readonly struct KeySlot(int hash, int entry)
    {
        public int Hash { get; } = hash;

        public int Entry { get; } = entry;
    }

    /// <summary>A transaction other than a charge, and the one ledger that holds it.</summary>
    private readonly struct Posting(LedgerTransaction transaction, Book book)
    {
        public LedgerTransaction Transaction { get; } = transaction;

        public Book Book { get; } = book;
    }

    /// <summary>
    /// A charge as stored, once for all its levels: what its request said. Its currency is not kept: a charge is written only to
    /// levels in its own currency, so it is the currency of any ledger that holds it.
    /// </summary>
    private readonly struct ChargeRecord(TransactionRequest charge, Book[] ledgers)
    {
        private readonly TransactionId _id = charge.Id;
        private readonly decimal _amount = charge.Amount.Amount;
        private readonly NodaTime.Instant _timestamp = charge.Timestamp;
        private readonly string _notes = charge.Notes;
        private readonly string? _reference = charge.Reference;

        public string IdempotencyKey { get; } = charge.IdempotencyKey;

        /// <summary>The ledgers of every level of its chain.</summary>
        public Book[] Ledgers { get; } = ledgers;

        public LedgerTransaction ToTransaction(Book book)
        {
            var amount = new Money(_amount, book.Currency);
            return new(_id, book.Owner, TransactionKind.Charge, amount, amount, exchangeRate: null, _timestamp, IdempotencyKey, _notes, _reference);
        }
    }

    /// <summary>One ledger: the positions of its entries in order, and the running signed sum.</summary>
    private sealed class Book(LedgerOwner owner, Currency currency)
    {
        private readonly AppendOnlyList<int> _entries = new();
        private Book[]? _lastChain;

        public LedgerOwner Owner { get; } = owner;

        public Currency Currency { get; } = currency;

        public decimal Funds { get; private set; }

        public int Count => _entries.Count;

        public int this[int index] => _entries[index];

        public void Add(int entry, decimal fundsEffect)
        {
            _entries.Add(entry);
            Funds += fundsEffect;
        }

        /// <summary>The ledger set of a charge on this (first-level) book: the last chain when unchanged, so charges share it.</summary>
        public Book[] ChainOf(ReadOnlySpan<Book> chain)
        {
            if (_lastChain is null || !chain.SequenceEqual(_lastChain))
            {
                _lastChain = chain.ToArray();
            }

            return _lastChain;
        }

        public LedgerHead Head() => new(Owner, Currency, Funds, _entries.Count);
    }
}
