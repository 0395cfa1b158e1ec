using System.Text.Json.Serialization;

namespace Billing.Core.Ledgers;

/// <summary>What <see cref="Ledger.Append"/> did: the ledger after the call, and the transaction the key stands for.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<LedgerAppendResult>))]
public readonly struct LedgerAppendResult
{
    internal LedgerAppendResult(Ledger ledger, LedgerTransaction transaction, bool isReplay)
    {
        Ledger = ledger;
        Transaction = transaction;
        IsReplay = isReplay;
    }

    /// <summary>The ledger after the call: a new ledger when a transaction was appended, the same instance on a replay.</summary>
    public Ledger Ledger { get; }

    /// <summary>The appended transaction, or on a replay the original transaction that holds the key.</summary>
    public LedgerTransaction Transaction { get; }

    /// <summary>Whether the key was already in the ledger, so nothing was appended.</summary>
    public bool IsReplay { get; }
}
