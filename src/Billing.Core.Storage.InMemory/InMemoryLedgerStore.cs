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
/// <remarks>Thread-safe. Never throws <see cref="ConcurrencyConflictException"/>: writers are serialised instead.</remarks>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LedgerOwner, Book> _books = [];
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
            return ValueTask.FromResult(_books.TryGetValue(owner, out var book) && book.TryGet(idempotencyKey, out var found) ? found : null);
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
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var book = BookFor(owner, currency);
            if (book.TryGet(request.IdempotencyKey, out var original))
            {
                return ValueTask.FromResult(new LedgerAppendOutcome(original, isReplay: true));
            }

            // Converting (which may throw for a missing rate) happens before anything is written.
            var transaction = LedgerTransaction.Record(request, owner, book.Currency, rates);
            book.Add(transaction);
            if (book.Count == 1)
            {
                _books[owner] = book;
            }

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
        try
        {
            for (var i = 0; i < count; i++)
            {
                var level = chain[i];
                var book = books[i] = PeekBook(level.Owner, level.Currency);
                if (book.TryGet(charge.IdempotencyKey, out var original))
                {
                    if (i != 0)
                    {
                        throw new BillingRuleException(
                            "TransactionRequest.IdempotencyKey",
                            charge.IdempotencyKey,
                            $"the key is already used by another transaction in the ledger of {level.Owner}, but not in the account's ledger");
                    }

                    return ChargeOutcome.Replayed(original);
                }

                levels[i] = level.WithFunds(book.Funds);
            }

            var decision = Authoriser.Authorise(charge.Amount, levels.AsSpan(0, count));
            if (!decision.IsApproved)
            {
                return ChargeOutcome.Declined(decision);
            }

            // The account's ledger gets the transaction object the caller receives; the other levels keep a reference to the
            // request and build their transaction only when read, so a charge allocates one transaction, not one per level.
            var first = Book.ChargeTransaction(chain[0].Owner, charge);
            books[0].Add(first);
            for (var i = 1; i < count; i++)
            {
                books[i].AddCharge(charge);
            }

            for (var i = 0; i < count; i++)
            {
                if (books[i].Count == 1)
                {
                    _books[chain[i].Owner] = books[i];
                }
            }

            return ChargeOutcome.Appended(first);
        }
        finally
        {
            Array.Clear(books, 0, count);
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

    private Book BookFor(LedgerOwner owner, Currency currency)
    {
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger currency must not be default(Currency).", nameof(currency));
        }

        return PeekBook(owner, currency);
    }

    private static void EnsureOwner(LedgerOwner owner)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }
    }

    /// <summary>
    /// One ledger: its entries in order, an index by idempotency key and the running signed sum. An entry is either a
    /// transaction, or a charge request written to this ledger as a parent level, whose transaction is built when read.
    /// </summary>
    private sealed class Book(LedgerOwner owner, Currency currency)
    {
        private readonly List<(LedgerTransaction? Transaction, TransactionRequest? Charge)> _entries = [];
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

        public Currency Currency { get; } = currency;

        public decimal Funds { get; private set; }

        public int Count => _entries.Count;

        public static LedgerTransaction ChargeTransaction(LedgerOwner owner, TransactionRequest charge)
            => LedgerTransaction.Record(charge, owner, charge.Amount.Currency);

        public void Add(LedgerTransaction transaction)
        {
            _byKey.Add(transaction.IdempotencyKey, _entries.Count);
            _entries.Add((transaction, null));
            Funds += transaction.FundsEffect;
        }

        public void AddCharge(TransactionRequest charge)
        {
            _byKey.Add(charge.IdempotencyKey, _entries.Count);
            _entries.Add((null, charge));
            Funds -= charge.Amount.Amount;
        }

        public bool TryGet(string idempotencyKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LedgerTransaction? transaction)
        {
            if (_byKey.TryGetValue(idempotencyKey, out var index))
            {
                transaction = At(index);
                return true;
            }

            transaction = null;
            return false;
        }

        public LedgerTransaction[] Materialise()
        {
            var result = new LedgerTransaction[_entries.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = At(i);
            }

            return result;
        }

        public LedgerHead Head() => new(owner, Currency, Funds, _entries.Count);

        private LedgerTransaction At(int index)
        {
            var (transaction, charge) = _entries[index];
            return transaction ?? ChargeTransaction(owner, charge!);
        }
    }
}
