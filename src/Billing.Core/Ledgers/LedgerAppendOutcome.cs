using System.Text.Json.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>
/// What an append did — the result of <c>ILedgerStore.AppendAsync</c> (<c>Billing.Core.Charging</c>) and the outcome half of
/// <see cref="Ledger.Append"/>: the transaction the ledger holds under the key, and whether it was already there.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<LedgerAppendOutcome>))]
public readonly struct LedgerAppendOutcome
{
    /// <summary>Creates an outcome.</summary>
    /// <param name="transaction">The transaction the ledger holds under the request's key.</param>
    /// <param name="isReplay">Whether the key was already in the ledger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    public LedgerAppendOutcome(LedgerTransaction transaction, bool isReplay)
    {
        Transaction = Guard.NotNull(transaction);
        IsReplay = isReplay;
    }

    /// <summary>The transaction the ledger holds under the request's key: the new one, or the original on a replay.</summary>
    public LedgerTransaction Transaction { get; }

    /// <summary>Whether the key was already in the ledger, so nothing changed.</summary>
    public bool IsReplay { get; }
}
