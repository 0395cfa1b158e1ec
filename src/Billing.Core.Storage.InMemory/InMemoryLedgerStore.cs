using System.Runtime.InteropServices;
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
/// it is written to; each ledger keeps the positions of its entries and its running sum, and one store-wide index finds a key's
/// entry. A charge's transaction is built from its record for the ledger read, so each read returns an equal but new
/// <see cref="LedgerTransaction"/>; other transactions are kept as appended. Holds up to <see cref="int.MaxValue"/> charges
/// and as many other transactions; past that, appends throw <see cref="InvalidOperationException"/> and write nothing.</para>
/// </remarks>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LedgerOwner, Book> _books = [];

    // Every charge once, and every other transaction (each in one ledger). A ledger's entries point into these: an entry e >= 0
    // is _charges[e], an entry e < 0 is _postings[~e].
    private readonly AppendOnlyList<ChargeRecord> _charges = new();
    private readonly AppendOnlyList<LedgerTransaction> _postings = new();

    // Every idempotency key of every ledger, with its entry and the ledgers that hold it. When ledgers that share nothing use the
    // same key, the key's value here has no ledgers and its uses are listed in _sharedKeys.
    private readonly Dictionary<string, KeyUse> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyUse>> _sharedKeys = new(StringComparer.Ordinal);
    private BalanceLevel[] _levels = new BalanceLevel[8];
    private Book[] _chainBooks = new Book[8];

    // The stored books of the last charge written, by level: consecutive charges on one account find their books without hashing.
    private Book?[] _recentBooks = new Book?[8];

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
            var found = _books.TryGetValue(owner, out var book)
                && _keys.TryGetValue(idempotencyKey, out var use)
                && TryFind(idempotencyKey, use, book, out var entry)
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
            ref var use = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, request.IdempotencyKey, out var keyKnown);
            var written = false;
            try
            {
                if (keyKnown && TryFind(request.IdempotencyKey, use, book, out var original))
                {
                    return ValueTask.FromResult(new LedgerAppendOutcome(Read(book, original), isReplay: true));
                }

                // Converting (which may throw for a missing rate) happens before anything is written.
                var transaction = LedgerTransaction.Record(request, owner, book.Currency, rates);
                var entry = ~_postings.Count;
                _postings.Add(transaction);
                AddUse(ref use, keyKnown, request.IdempotencyKey, new KeyUse(entry, book.Alone));
                written = true;
                book.Add(entry, transaction.FundsEffect);
                Store(book);
                return ValueTask.FromResult(new LedgerAppendOutcome(transaction, isReplay: false));
            }
            finally
            {
                // A key added for this append but not used (a replay elsewhere, a missing rate, a full store) is taken out again.
                if (!written && !keyKnown)
                {
                    _keys.Remove(request.IdempotencyKey);
                }
            }
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
        var written = false;
        ref var use = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, charge.IdempotencyKey, out var keyKnown);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var level = chain[i];
                var recent = _recentBooks[i];
                var book = books[i] = recent is not null && recent.Owner == level.Owner && recent.Currency == level.Currency
                    ? recent
                    : PeekBook(level.Owner, level.Currency);
                if (keyKnown && TryFind(charge.IdempotencyKey, use, book, out var original))
                {
                    if (i != 0)
                    {
                        throw new BillingRuleException(
                            "TransactionRequest.IdempotencyKey",
                            charge.IdempotencyKey,
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
            var entry = _charges.Count;
            _charges.Add(new ChargeRecord(charge));
            AddUse(ref use, keyKnown, charge.IdempotencyKey, new KeyUse(entry, books[0].ChainOf(books.AsSpan(0, count))));
            written = true;
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
            if (!written && !keyKnown)
            {
                _keys.Remove(charge.IdempotencyKey);
            }

            Array.Clear(books, 0, count);
        }
    }

    /// <summary>Finds, among a key's uses, the entry the given ledger holds.</summary>
    private bool TryFind(string key, KeyUse use, Book book, out int entry)
    {
        if (use.Ledgers is null)
        {
            foreach (var each in _sharedKeys[key])
            {
                if (each.Holds(book))
                {
                    entry = each.Entry;
                    return true;
                }
            }
        }
        else if (use.Holds(book))
        {
            entry = use.Entry;
            return true;
        }

        entry = 0;
        return false;
    }

    /// <summary>Records a new use of a key: the first one in place, further ones (in other ledgers) in the shared list.</summary>
    private void AddUse(ref KeyUse slot, bool keyKnown, string key, KeyUse added)
    {
        if (!keyKnown)
        {
            slot = added;
        }
        else if (slot.Ledgers is null)
        {
            _sharedKeys[key].Add(added);
        }
        else
        {
            _sharedKeys[key] = [slot, added];
            slot = new KeyUse(0, null);
        }
    }

    /// <summary>The transaction an entry of the book is: a stored one, or a charge built for the book's owner.</summary>
    private LedgerTransaction Read(Book book, int entry)
        => entry < 0 ? _postings[~entry] : _charges[entry].ToTransaction(book);

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

    /// <summary>One use of an idempotency key: the entry and the ledgers that hold it (null: the key is shared, see _sharedKeys).</summary>
    private readonly struct KeyUse(int entry, Book[]? ledgers)
    {
        public int Entry { get; } = entry;

        public Book[]? Ledgers { get; } = ledgers;

        public bool Holds(Book book) => Array.IndexOf(Ledgers!, book) >= 0;
    }

    /// <summary>
    /// A charge as stored, once for all its levels: what its request said. Its currency is not kept: a charge is written only to
    /// levels in its own currency, so it is the currency of any ledger that holds it.
    /// </summary>
    private readonly struct ChargeRecord(TransactionRequest charge)
    {
        private readonly TransactionId _id = charge.Id;
        private readonly decimal _amount = charge.Amount.Amount;
        private readonly NodaTime.Instant _timestamp = charge.Timestamp;
        private readonly string _idempotencyKey = charge.IdempotencyKey;
        private readonly string _notes = charge.Notes;
        private readonly string? _reference = charge.Reference;

        public LedgerTransaction ToTransaction(Book book)
        {
            var amount = new Money(_amount, book.Currency);
            return new(_id, book.Owner, TransactionKind.Charge, amount, amount, exchangeRate: null, _timestamp, _idempotencyKey, _notes, _reference);
        }
    }

    /// <summary>One ledger: the positions of its entries in order, and the running signed sum.</summary>
    private sealed class Book(LedgerOwner owner, Currency currency)
    {
        private readonly AppendOnlyList<int> _entries = new();
        private Book[]? _alone;
        private Book[]? _lastChain;

        public LedgerOwner Owner { get; } = owner;

        public Currency Currency { get; } = currency;

        public decimal Funds { get; private set; }

        public int Count => _entries.Count;

        /// <summary>This book alone, as the ledger set of a transaction appended to it.</summary>
        public Book[] Alone => _alone ??= [this];

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
