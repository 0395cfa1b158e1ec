using System.Text.Json.Serialization;
using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Ledgers;

/// <summary>
/// One entry of a ledger: immutable once appended. It keeps the amount in its original currency, the
/// amount in the ledger's currency, and the exchange rate used to get from one to the other.
/// </summary>
/// <remarks>Immutable and thread-safe. Two transactions are equal when every member is equal, so the same entry read twice from a
/// store compares equal even when the store builds a new object for each read.</remarks>
[JsonConverter(typeof(LedgerTransactionJsonConverter))]
public sealed class LedgerTransaction : IEquatable<LedgerTransaction>
{
    /// <summary>
    /// Creates a transaction, for example when storage reads one back. To append a new one, build a
    /// <see cref="TransactionRequest"/> and call <see cref="Ledger.Append"/> (or <see cref="Record"/>), which does the conversion.
    /// </summary>
    /// <param name="id">The transaction's id.</param>
    /// <param name="owner">The ledger it belongs to.</param>
    /// <param name="kind">What it is; it gives the direction.</param>
    /// <param name="amount">The amount in its original currency; greater than zero.</param>
    /// <param name="ledgerAmount">The amount in the ledger's currency; not negative (a tiny amount may round to zero when converted).</param>
    /// <param name="exchangeRate">The rate used, or null when <paramref name="amount"/> is already in the ledger's currency.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="idempotencyKey">The caller's idempotency key.</param>
    /// <param name="notes">Free text; null means none.</param>
    /// <param name="reference">An optional reference (invoice, usage record).</param>
    /// <exception cref="ArgumentException">An id, the owner or a currency is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    /// <exception cref="BillingRuleException">
    /// The amount is not greater than zero, the key or reference is invalid, or the amounts and the rate do not fit together
    /// (no rate but different currencies or amounts; a rate whose currencies are not those of the two amounts; a negative ledger amount).
    /// </exception>
    public LedgerTransaction(
        TransactionId id,
        LedgerOwner owner,
        TransactionKind kind,
        Money amount,
        Money ledgerAmount,
        ExchangeRate? exchangeRate,
        Instant timestamp,
        string idempotencyKey,
        string? notes = null,
        string? reference = null)
    {
        TransactionRequest.Validate(id, kind, amount, idempotencyKey, reference);
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (ledgerAmount.Currency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger amount must have a currency.", nameof(ledgerAmount));
        }

        Guard.Rule(ledgerAmount.Amount >= 0m, "LedgerTransaction.LedgerAmount", ledgerAmount, "the amount in the ledger's currency must not be negative");
        // HasValue, not a pattern variable, so that a mutant of the condition still compiles.
        if (exchangeRate.HasValue)
        {
            var rate = exchangeRate.Value;
            Guard.Rule(
                rate.From == amount.Currency && rate.To == ledgerAmount.Currency,
                "LedgerTransaction.ExchangeRate",
                rate,
                $"the rate used must convert from {amount.Currency.Code} to {ledgerAmount.Currency.Code}");
        }
        else
        {
            Guard.Rule(
                amount == ledgerAmount,
                "LedgerTransaction.LedgerAmount",
                ledgerAmount,
                $"without an exchange rate the ledger amount must equal the amount {amount}");
        }

        Id = id;
        Owner = owner;
        Kind = kind;
        Amount = amount;
        LedgerAmount = ledgerAmount;
        ExchangeRate = exchangeRate;
        Timestamp = timestamp;
        IdempotencyKey = idempotencyKey;
        Notes = notes ?? string.Empty;
        Reference = reference;
    }

    // For requests already validated by TransactionRequest, with the conversion done by Record: nothing left to check.
    private LedgerTransaction(TransactionRequest request, LedgerOwner owner, Money ledgerAmount, ExchangeRate? exchangeRate)
    {
        Id = request.Id;
        Owner = owner;
        Kind = request.Kind;
        Amount = request.Amount;
        LedgerAmount = ledgerAmount;
        ExchangeRate = exchangeRate;
        Timestamp = request.Timestamp;
        IdempotencyKey = request.IdempotencyKey;
        Notes = request.Notes;
        Reference = request.Reference;
    }

    /// <summary>
    /// The transaction a request becomes in one ledger: converted to the ledger's currency with the rate in force at the
    /// request's time when the currencies differ (the rate used is recorded), rounded to the minor unit. This is the one
    /// place appends build transactions — <see cref="Ledger.Append"/> and the stores call it.
    /// </summary>
    /// <param name="request">The validated request.</param>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="ledgerCurrency">The ledger's currency.</param>
    /// <param name="rates">Exchange rates, needed only when the request is in another currency.</param>
    /// <param name="rounding">How a converted amount is rounded to the minor unit.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="owner"/> or <paramref name="ledgerCurrency"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounding"/> is not a defined rounding mode.</exception>
    /// <exception cref="BillingRuleException">No exchange rate is in force for the pair at the request's time, or the converted amount
    /// exceeds <see cref="Money.MaxAmount"/>.</exception>
    public static LedgerTransaction Record(
        TransactionRequest request,
        LedgerOwner owner,
        Currency ledgerCurrency,
        ExchangeRateTable? rates = null,
        MidpointRounding rounding = Money.DefaultRounding)
    {
        ArgumentNullException.ThrowIfNull(request);
        Money.EnsureDefined(rounding, nameof(rounding));
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (ledgerCurrency.Code.Length == 0)
        {
            throw new ArgumentException("The ledger currency must not be default(Currency).", nameof(ledgerCurrency));
        }

        if (request.Amount.Currency == ledgerCurrency)
        {
            return new LedgerTransaction(request, owner, request.Amount, exchangeRate: null);
        }

        var rate = (rates ?? ExchangeRateTable.Empty).GetRate(request.Amount.Currency, ledgerCurrency, request.Timestamp);
        return new LedgerTransaction(request, owner, rate.Convert(request.Amount, rounding), rate);
    }

    /// <summary>The transaction's id.</summary>
    public TransactionId Id { get; }

    /// <summary>The ledger it belongs to.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>What it is; it gives the direction.</summary>
    public TransactionKind Kind { get; }

    /// <summary>The amount in its original currency, greater than zero.</summary>
    public Money Amount { get; }

    /// <summary>The amount in the ledger's currency: <see cref="Amount"/> itself, or converted and rounded to the minor unit.</summary>
    public Money LedgerAmount { get; }

    /// <summary>The exchange rate used, or null when no conversion was needed.</summary>
    public ExchangeRate? ExchangeRate { get; }

    /// <summary>When it happened.</summary>
    public Instant Timestamp { get; }

    /// <summary>The caller's idempotency key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Free text for operators; empty when none.</summary>
    public string Notes { get; }

    /// <summary>An optional reference (invoice, usage record).</summary>
    public string? Reference { get; }

    /// <summary>
    /// The effect on available funds, in the ledger's currency: <see cref="LedgerAmount"/> with the sign of
    /// <see cref="TransactionKindExtensions.FundsSign"/> (positive adds funds). The effect on an amount owed is its negation.
    /// </summary>
    public Money FundsEffect => new(FundsEffectAmount, LedgerAmount.Currency);

    /// <summary>The amount of <see cref="FundsEffect"/>, for the ledger's running sums on the charge path (no <see cref="Money"/> built).</summary>
    internal decimal FundsEffectAmount => Kind.FundsSign() * LedgerAmount.Amount;

    /// <inheritdoc />
    public bool Equals(LedgerTransaction? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (Id == other.Id
                    && Owner == other.Owner
                    && Kind == other.Kind
                    && Amount == other.Amount
                    && LedgerAmount == other.LedgerAmount
                    && Nullable.Equals(ExchangeRate, other.ExchangeRate)
                    && Timestamp == other.Timestamp
                    && string.Equals(IdempotencyKey, other.IdempotencyKey, StringComparison.Ordinal)
                    && string.Equals(Notes, other.Notes, StringComparison.Ordinal)
                    && string.Equals(Reference, other.Reference, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LedgerTransaction);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Owner, Kind, LedgerAmount, Timestamp);

    /// <summary>The kind, amount and key, for diagnostics.</summary>
    public override string ToString() => $"{Kind} {Amount} ({LedgerAmount}) on {Owner}, key '{IdempotencyKey}'";
}
