using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Ledgers;

/// <summary>
/// A transaction a caller asks a <see cref="Ledger"/> to append: validated on construction, converted to the
/// ledger's currency by <see cref="Ledger.Append"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(TransactionRequestJsonConverter))]
public sealed class TransactionRequest
{
    /// <summary>The longest idempotency key accepted, in UTF-16 code units.</summary>
    public const int MaxIdempotencyKeyLength = 256;

    /// <summary>Creates a request.</summary>
    /// <param name="id">The id the transaction will have.</param>
    /// <param name="kind">What the transaction is; it gives the direction.</param>
    /// <param name="amount">The amount in its original currency; greater than zero.</param>
    /// <param name="timestamp">When the transaction happened; its exchange rate is the one in force at this instant.</param>
    /// <param name="idempotencyKey">
    /// The caller's key for this transaction: appending a key already in the ledger returns the original transaction
    /// and changes nothing. Compared ordinally; 1..<see cref="MaxIdempotencyKeyLength"/> characters, not all white space.
    /// </param>
    /// <param name="notes">Free text shown to operators; null means none.</param>
    /// <param name="reference">An optional reference (invoice number, usage record id).</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> or the currency of <paramref name="amount"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    /// <exception cref="BillingRuleException">The amount is not greater than zero, or the key or reference is empty or too long.</exception>
    public TransactionRequest(
        TransactionId id,
        TransactionKind kind,
        Money amount,
        Instant timestamp,
        string idempotencyKey,
        string? notes = null,
        string? reference = null)
    {
        Validate(id, kind, amount, idempotencyKey, reference);
        Id = id;
        Kind = kind;
        Amount = amount;
        Timestamp = timestamp;
        IdempotencyKey = idempotencyKey;
        Notes = notes ?? string.Empty;
        Reference = reference;
    }

    /// <summary>The id the transaction will have.</summary>
    public TransactionId Id { get; }

    /// <summary>What the transaction is; it gives the direction.</summary>
    public TransactionKind Kind { get; }

    /// <summary>The amount in its original currency, greater than zero.</summary>
    public Money Amount { get; }

    /// <summary>When the transaction happened.</summary>
    public Instant Timestamp { get; }

    /// <summary>The caller's idempotency key.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Free text for operators; empty when none.</summary>
    public string Notes { get; }

    /// <summary>An optional reference (invoice, usage record).</summary>
    public string? Reference { get; }

    internal static void Validate(TransactionId id, TransactionKind kind, Money amount, string idempotencyKey, string? reference)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("The transaction id must not be default(TransactionId).", nameof(id));
        }

        _ = kind.FundsSign();
        if (amount.Currency.Code.Length == 0)
        {
            throw new ArgumentException("The amount must have a currency; default(Money) is not an amount.", nameof(amount));
        }

        ArgumentNullException.ThrowIfNull(idempotencyKey);
        Guard.Rule(
            amount.Amount > 0m,
            "LedgerTransaction.Amount",
            amount,
            "a transaction amount must be greater than zero; its kind gives the direction");
        Guard.Rule(
            !string.IsNullOrWhiteSpace(idempotencyKey) && idempotencyKey.Length <= MaxIdempotencyKeyLength,
            "LedgerTransaction.IdempotencyKey",
            idempotencyKey,
            $"an idempotency key has 1 to {MaxIdempotencyKeyLength} characters and is not all white space");
        Guard.Rule(
            reference is null || !string.IsNullOrWhiteSpace(reference),
            "LedgerTransaction.Reference",
            reference,
            "a reference is either absent (null) or not empty");
    }
}
