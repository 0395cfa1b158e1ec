using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Billing.Core.Balances;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;

namespace Billing.Core.Ledgers;

/// <summary>
/// The append-only ledger of one account or customer (docs/balances.md). The balance is derived from the transactions and
/// kept as a running total, so reading it is O(1): <see cref="Balance"/> is the available funds of a prepaid ledger
/// (positive means money to spend) or the amount owed on a postpaid ledger (positive means the customer owes).
/// Appends are idempotent by key. The ledger records facts: it never refuses a transaction because of the balance;
/// deciding whether a charge may go through is the job of <c>Billing.Core.Charging.Authoriser</c>.
/// </summary>
/// <remarks>Immutable and thread-safe: <see cref="Append"/> returns a new ledger and leaves this one unchanged.</remarks>
public sealed class Ledger
{
    private readonly ImmutableList<LedgerTransaction> _transactions;
    private readonly ImmutableDictionary<string, LedgerTransaction> _byKey;

    // Available funds: the sum of every transaction's FundsEffect, whatever the model.
    private readonly decimal _funds;

    private Ledger(
        LedgerOwner owner,
        BalanceModel model,
        Currency currency,
        ImmutableList<LedgerTransaction> transactions,
        ImmutableDictionary<string, LedgerTransaction> byKey,
        decimal funds)
    {
        Owner = owner;
        Model = model;
        Currency = currency;
        _transactions = transactions;
        _byKey = byKey;
        _funds = funds;
    }

    /// <summary>The account or customer the ledger belongs to.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>Whether <see cref="Balance"/> shows available funds (prepaid) or the amount owed (postpaid).</summary>
    public BalanceModel Model { get; }

    /// <summary>The ledger's currency; every transaction is converted to it.</summary>
    public Currency Currency { get; }

    /// <summary>The transactions in the order they were appended.</summary>
    public IReadOnlyList<LedgerTransaction> Transactions => _transactions;

    /// <summary>How many transactions the ledger holds.</summary>
    public int Count => _transactions.Count;

    /// <summary>The ledger's head: its funds (the signed sum of its transactions) and how many it holds.</summary>
    public LedgerHead Head => new(Owner, new Money(_funds, Currency), Count);

    /// <summary>
    /// The balance at full precision in <see cref="Currency"/>, saying which kind it is: available funds for a prepaid ledger
    /// (the signed sum of <see cref="LedgerTransaction.FundsEffect"/>), the amount owed for a postpaid one (its negation).
    /// </summary>
    public Balance Balance => new(Model, new Money(Model.BalanceOf(_funds), Currency));

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="owner">The account or customer it belongs to.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <returns>The ledger.</returns>
    /// <exception cref="ArgumentException">The owner or currency is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    public static Ledger Create(LedgerOwner owner, BalanceModel model, Currency currency)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (model is not (BalanceModel.Prepaid or BalanceModel.Postpaid))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Not a defined balance model.");
        }

        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must not be default(Currency).", nameof(currency));
        }

        return new Ledger(owner, model, currency, [], ImmutableDictionary.Create<string, LedgerTransaction>(StringComparer.Ordinal), 0m);
    }

    /// <summary>Rebuilds a ledger from transactions read back from storage, in their append order.</summary>
    /// <param name="owner">The account or customer it belongs to.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="transactions">The transactions, oldest first.</param>
    /// <returns>The ledger.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">The owner or currency is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    /// <exception cref="BillingRuleException">A transaction belongs to another owner or currency, two share an idempotency key, or the
    /// funds leave ±<see cref="Money.MaxAmount"/>.</exception>
    public static Ledger Restore(LedgerOwner owner, BalanceModel model, Currency currency, IEnumerable<LedgerTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var ledger = Create(owner, model, currency);
        var list = ImmutableList.CreateBuilder<LedgerTransaction>();
        var byKey = ledger._byKey.ToBuilder();
        var funds = 0m;
        foreach (var transaction in transactions)
        {
            ArgumentNullException.ThrowIfNull(transaction, nameof(transactions));
            ledger.EnsureBelongs(transaction);
            Guard.Rule(
                byKey.TryAdd(transaction.IdempotencyKey, transaction),
                "LedgerTransaction.IdempotencyKey",
                transaction.IdempotencyKey,
                $"a key appears once in a ledger; {owner} holds it twice");
            list.Add(transaction);

            // The funds so far and every effect (an amount of money) lie within ±MaxAmount, so the sum cannot overflow.
            funds += transaction.FundsEffectAmount;
            Guard.Rule(
                Money.IsWithinBound(funds),
                "Ledger.Funds",
                funds,
                $"the funds of {owner} must lie within ±{Money.MaxAmount} (Money.MaxAmount) after every transaction");
        }

        return new Ledger(owner, model, currency, list.ToImmutable(), byKey.ToImmutable(), funds);
    }

    /// <summary>
    /// Appends a transaction, converting its amount to the ledger's currency with the rate in force at its timestamp.
    /// If the ledger already holds the request's idempotency key, nothing changes and the original transaction is
    /// returned, whatever the rest of the request says.
    /// </summary>
    /// <param name="request">The transaction to append.</param>
    /// <param name="rates">The exchange rates; needed only when the request's currency differs from the ledger's.</param>
    /// <param name="rounding">How a converted amount is rounded to the minor unit when exactly half-way; half away from zero by default.</param>
    /// <returns>
    /// The ledger after the call (a new ledger when the transaction was appended, this instance on a replay) and the outcome —
    /// the same <see cref="LedgerAppendOutcome"/> a ledger store returns: the transaction the key stands for, and whether it
    /// was a replay. Chain appends through <c>.Ledger</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined rounding mode.</exception>
    /// <exception cref="BillingRuleException">
    /// A conversion is needed and no rate for the pair is in force at the request's timestamp, or the new funds would lie beyond
    /// ±<see cref="Money.MaxAmount"/>. Nothing changes.
    /// </exception>
    public (Ledger Ledger, LedgerAppendOutcome Outcome) Append(TransactionRequest request, ExchangeRateTable? rates = null, MidpointRounding rounding = Money.DefaultRounding)
    {
        ArgumentNullException.ThrowIfNull(request);
        _byKey.TryGetValue(request.IdempotencyKey, out var existing);   // PostingDecision.Decide checks the rounding mode first
        var decision = PostingDecision.Decide(request, Owner, Currency, Head, existing, rates, rounding);
        return decision.Kind switch
        {
            PostingDecisionKind.Replay => (this, new LedgerAppendOutcome(decision.Transaction!, isReplay: true)),
            PostingDecisionKind.Append => (With(decision.Transaction!, decision.NewHead), new LedgerAppendOutcome(decision.Transaction!, isReplay: false)),
            _ => throw decision.Refusal!,
        };
    }

    /// <summary>Finds the transaction that holds an idempotency key.</summary>
    /// <param name="idempotencyKey">The key, compared ordinally.</param>
    /// <param name="transaction">The transaction, when found.</param>
    /// <returns><see langword="true"/> when the ledger holds the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idempotencyKey"/> is null.</exception>
    public bool TryGetByIdempotencyKey(string idempotencyKey, [NotNullWhen(true)] out LedgerTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return _byKey.TryGetValue(idempotencyKey, out transaction);
    }

    /// <summary>The same transactions seen under another model, for a customer or account that changes model.</summary>
    /// <param name="model">The new model.</param>
    /// <returns>A ledger whose <see cref="Balance"/> follows <paramref name="model"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    public Ledger WithModel(BalanceModel model)
    {
        if (model is not (BalanceModel.Prepaid or BalanceModel.Postpaid))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Not a defined balance model.");
        }

        return model == Model ? this : new Ledger(Owner, model, Currency, _transactions, _byKey, _funds);
    }

    /// <summary>The owner, model and balance, for diagnostics.</summary>
    public override string ToString() => $"{Owner} {Model} ledger: {Balance} over {Count} transactions";

    private Ledger With(LedgerTransaction transaction, LedgerHead head)
        => new(Owner, Model, Currency, _transactions.Add(transaction), _byKey.Add(transaction.IdempotencyKey, transaction), head.Funds.Amount);

    private void EnsureBelongs(LedgerTransaction transaction)
    {
        Guard.Rule(transaction.Owner == Owner, "LedgerTransaction.Owner", transaction.Owner, $"the transaction belongs to another ledger than {Owner}'s");
        Guard.Rule(
            transaction.LedgerAmount.Currency == Currency,
            "LedgerTransaction.LedgerAmount",
            transaction.LedgerAmount.ToString(),
            $"the ledger of {Owner} is kept in {Currency.Code}");
    }
}
