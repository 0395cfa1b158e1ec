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
    private readonly IdempotencyKeyIndex _keys;

    // Scratch space for one decision at a time (used under the lock).
    private ChargeLevel[] _chain = new ChargeLevel[8];
    private LedgerRead[] _reads = new LedgerRead[8];
    private ChargeEntry[] _entries = new ChargeEntry[8];
    private Book?[] _chainBooks = new Book?[8];

    // The stored books of the last charge written, by level: consecutive charges on one account find their books without hashing.
    private Book?[] _recentBooks = new Book?[8];

    /// <summary>Creates an empty store.</summary>
    public InMemoryLedgerStore()
        : this(maxKeySlots: 1 << 30)
    {
    }

    /// <summary>Creates an empty store whose key index stops growing at <paramref name="maxKeySlots"/> slots (tests use a small one).</summary>
    internal InMemoryLedgerStore(int maxKeySlots) => _keys = new IdempotencyKeyIndex(maxKeySlots);

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
            var found = _books.TryGetValue(owner, out var book) && FindKey(idempotencyKey, IdempotencyKeyIndex.Hash(idempotencyKey), book, out var entry)
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
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Read the head and the key's transaction, let the core decide, write what it decided.
            _books.TryGetValue(owner, out var book);
            var hash = IdempotencyKeyIndex.Hash(request.IdempotencyKey);
            var existing = book is not null && FindKey(request.IdempotencyKey, hash, book, out var original) ? Read(book, original) : null;
            var decision = PostingDecision.Decide(request, owner, currency, book?.Head(), existing, rates);
            switch (decision.Kind)
            {
                case PostingDecisionKind.Replay:
                    return ValueTask.FromResult(new LedgerAppendOutcome(decision.Transaction!, isReplay: true));
                case PostingDecisionKind.Append:
                    var transaction = decision.Transaction!;
                    _keys.EnsureRoomForOne();
                    book ??= new Book(owner, currency);
                    var entry = ~_postings.Count;
                    _postings.Add(new Posting(transaction, book));
                    _keys.Add(hash, entry);
                    book.Add(entry, decision.NewHead);
                    Store(book);
                    return ValueTask.FromResult(new LedgerAppendOutcome(transaction, isReplay: false));
                default:
                    throw decision.Refusal!;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<ChargeOutcome> AuthoriseAndAppendAsync(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        ArgumentNullException.ThrowIfNull(chain);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(AuthoriseAndAppendLocked(charge, chain));
        }
    }

    private ChargeOutcome AuthoriseAndAppendLocked(TransactionRequest charge, IReadOnlyList<ChargeLevel> chain)
    {
        var count = chain.Count;
        if (_chain.Length < count)
        {
            _chain = new ChargeLevel[count * 2];
            _reads = new LedgerRead[count * 2];
            _entries = new ChargeEntry[count * 2];
            _chainBooks = new Book?[count * 2];
            _recentBooks = new Book?[count * 2];
        }

        var books = _chainBooks;
        var key = charge.IdempotencyKey;
        var hash = IdempotencyKeyIndex.Hash(key);
        var keyKnown = KeyInUse(key, hash);
        try
        {
            // Read every level's head, and whether its ledger holds the key.
            for (var i = 0; i < count; i++)
            {
                var level = _chain[i] = chain[i];
                var recent = _recentBooks[i];
                var book = books[i] = recent is not null && recent.Owner == level.Owner
                    ? recent
                    : _books.GetValueOrDefault(level.Owner);
                _reads[i] = book is null
                    ? default
                    : new LedgerRead(book.Head(), keyKnown && FindKey(key, hash, book, out _));
            }

            // The core decides; the store writes exactly what it decided.
            var decision = ChargeDecision.Decide(charge, _chain.AsSpan(0, count), _reads.AsSpan(0, count), _entries);
            switch (decision.Kind)
            {
                case ChargeDecisionKind.Replay:
                    FindKey(key, hash, books[0]!, out var original);
                    return ChargeOutcome.Replayed(Read(books[0]!, original));
                case ChargeDecisionKind.Decline:
                    return ChargeOutcome.Declined(decision.Authorisation);
                case ChargeDecisionKind.Refuse:
                    throw decision.Refusal!;
            }

            _keys.EnsureRoomForOne();
            for (var i = 0; i < count; i++)
            {
                books[i] ??= new Book(_chain[i].Owner, _chain[i].Currency);
            }

            var entry = _charges.Count + 1;
            _charges.Add(new ChargeRecord(charge, books[0]!.ChainOf(books.AsSpan(0, count)!)));
            _keys.Add(hash, entry);
            for (var i = 0; i < count; i++)
            {
                var book = books[i]!;
                book.Add(entry, _entries[i].NewHead);
                Store(book);
                _recentBooks[i] = book;
            }

            return ChargeOutcome.Appended(charge, chain[0].Owner);
        }
        finally
        {
            Array.Clear(books, 0, count);
            Array.Clear(_chain, 0, count);
            Array.Clear(_reads, 0, count);
            Array.Clear(_entries, 0, count);
        }
    }

    /// <summary>Whether any ledger holds the key.</summary>
    private bool KeyInUse(string key, int hash)
    {
        foreach (var entry in _keys.Find(hash))
        {
            if (string.Equals(KeyOf(entry), key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the entry with the key that the book holds.</summary>
    private bool FindKey(string key, int hash, Book book, out int found)
    {
        foreach (var entry in _keys.Find(hash))
        {
            if (Holds(entry, book) && string.Equals(KeyOf(entry), key, StringComparison.Ordinal))
            {
                found = entry;
                return true;
            }
        }

        found = 0;
        return false;
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

    private void Store(Book book)
    {
        if (book.Count == 1)
        {
            _books[book.Owner] = book;
        }
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

    /// <summary>One ledger: the positions of its entries in order, and its funds as the last decision left them.</summary>
    private sealed class Book(LedgerOwner owner, Currency currency)
    {
        private readonly AppendOnlyList<int> _entries = new();
        private Book[]? _lastChain;

        public LedgerOwner Owner { get; } = owner;

        public Currency Currency { get; } = currency;

        public decimal Funds { get; private set; }

        public int Count => _entries.Count;

        public int this[int index] => _entries[index];

        /// <summary>Writes an entry and the head the decision computed for it.</summary>
        public void Add(int entry, LedgerHead head)
        {
            _entries.Add(entry);
            Funds = head.Funds.Amount;
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

        public LedgerHead Head() => new(Owner, new Money(Funds, Currency), _entries.Count);
    }
}
