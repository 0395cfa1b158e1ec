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
/// <para>Built for the charge hot path: a charge is kept once, as its request, however many levels it is written to; every
/// ledger holds a reference to it and keeps its running sum, and one store-wide index finds a key's entry. The transaction a
/// level reads back is built from the request when read, so each read returns an equal but new
/// <see cref="LedgerTransaction"/>.</para>
/// </remarks>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LedgerOwner, Book> _books = [];

    // Every idempotency key of every ledger, with the entry and the ledgers that hold it. A key is usually in one entry; when
    // disjoint ledgers use the same key, the value's entry is a SharedKey listing every use.
    private readonly Dictionary<string, KeyUse> _keys = new(StringComparer.Ordinal);
    private BalanceLevel[] _levels = new BalanceLevel[8];
    private Book[] _chainBooks = new Book[8];

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
            IReadOnlyList<LedgerTransaction> copy = _books.TryGetValue(owner, out var book) ? book.Materialise() : [];
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
                && TryFind(use, book, out var entry)
                ? book.Transaction(entry)
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
            if (keyKnown && TryFind(use, book, out var original))
            {
                return ValueTask.FromResult(new LedgerAppendOutcome(book.Transaction(original), isReplay: true));
            }

            LedgerTransaction transaction;
            try
            {
                // Converting (which may throw for a missing rate) happens before anything is written.
                transaction = LedgerTransaction.Record(request, owner, book.Currency, rates);
            }
            catch
            {
                if (!keyKnown)
                {
                    _keys.Remove(request.IdempotencyKey);
                }

                throw;
            }

            AddUse(ref use, keyKnown, new KeyUse(transaction, book.Alone));
            book.Add(transaction, transaction.FundsEffect);
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
                var book = books[i] = PeekBook(level.Owner, level.Currency);
                if (keyKnown && TryFind(use, book, out var original))
                {
                    if (i != 0)
                    {
                        throw new BillingRuleException(
                            "TransactionRequest.IdempotencyKey",
                            charge.IdempotencyKey,
                            $"the key is already used by another transaction in the ledger of {level.Owner}, but not in the account's ledger");
                    }

                    return ChargeOutcome.Replayed(book.Transaction(original));
                }

                levels[i] = level.WithFunds(book.Funds);
            }

            var decision = Authoriser.Authorise(charge.Amount, levels.AsSpan(0, count));
            if (!decision.IsApproved)
            {
                return ChargeOutcome.Declined(decision);
            }

            // Charges are in the levels' currency (the decision checked it), so every level records the request's amount as it is.
            AddUse(ref use, keyKnown, new KeyUse(charge, books[0].ChainOf(books.AsSpan(0, count))));
            written = true;
            var amount = charge.Amount.Amount;
            for (var i = 0; i < count; i++)
            {
                books[i].Add(charge, -amount);
                Store(books[i]);
            }

            return ChargeOutcome.Appended(books[0].Transaction(charge));
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
    private static bool TryFind(KeyUse use, Book book, out object entry)
    {
        if (use.Entry is SharedKey shared)
        {
            foreach (var each in shared.Uses)
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

        entry = null!;
        return false;
    }

    /// <summary>Records a new use of a key: the first one in place, a further one (in other ledgers) in a shared list.</summary>
    private static void AddUse(ref KeyUse slot, bool keyKnown, KeyUse added)
    {
        if (!keyKnown)
        {
            slot = added;
        }
        else if (slot.Entry is SharedKey shared)
        {
            shared.Uses.Add(added);
        }
        else
        {
            slot = new KeyUse(new SharedKey([slot, added]), []);
        }
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

    /// <summary>One use of an idempotency key: the entry (a charge request or a transaction) and the ledgers that hold it.</summary>
    private readonly struct KeyUse(object entry, Book[] ledgers)
    {
        public object Entry { get; } = entry;

        public Book[] Ledgers { get; } = ledgers;

        public bool Holds(Book book) => Array.IndexOf(Ledgers, book) >= 0;
    }

    /// <summary>A key used in more than one set of disjoint ledgers.</summary>
    private sealed class SharedKey(List<KeyUse> uses)
    {
        public List<KeyUse> Uses { get; } = uses;
    }

    /// <summary>
    /// One ledger: its entries in order and the running signed sum. An entry is either a transaction, or a charge request (in the
    /// ledger's currency) whose transaction is built for this ledger's owner when read.
    /// </summary>
    private sealed class Book(LedgerOwner owner, Currency currency)
    {
        private readonly AppendOnlyList<object> _entries = new();
        private Book[]? _alone;
        private Book[]? _lastChain;

        public LedgerOwner Owner { get; } = owner;

        public Currency Currency { get; } = currency;

        public decimal Funds { get; private set; }

        public int Count => _entries.Count;

        /// <summary>This book alone, as the ledger set of a transaction appended to it.</summary>
        public Book[] Alone => _alone ??= [this];

        public void Add(object entry, decimal fundsEffect)
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

        public LedgerTransaction Transaction(object entry)
            => entry as LedgerTransaction ?? LedgerTransaction.Record((TransactionRequest)entry, Owner, Currency);

        public LedgerTransaction[] Materialise()
        {
            var result = new LedgerTransaction[_entries.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = Transaction(_entries[i]);
            }

            return result;
        }

        public LedgerHead Head() => new(Owner, Currency, Funds, _entries.Count);
    }
}
