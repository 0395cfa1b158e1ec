using System.Text.Json.Serialization;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// What an approved charge writes to one level's ledger, as <see cref="ChargeDecision.Decide"/> computed it: the amount in the
/// ledger's currency and the ledger's head once the entry is written.
/// </summary>
/// <remarks>Immutable and thread-safe. Every level records the same transaction id, key, time, notes and reference as the
/// charge.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ChargeEntry>))]
public readonly struct ChargeEntry
{
    internal ChargeEntry(TransactionRequest charge, LedgerOwner owner, Money ledgerAmount, LedgerHead newHead)
    {
        Charge = charge;
        Owner = owner;
        LedgerAmount = ledgerAmount;
        NewHead = newHead;
    }

    /// <summary>The charge the entry records.</summary>
    public TransactionRequest Charge { get; }

    /// <summary>The ledger the entry is written to.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>The amount the entry takes from the ledger's funds (adds to what is owed), in the ledger's currency.</summary>
    public Money LedgerAmount { get; }

    /// <summary>The ledger's head once the entry is written: the store keeps it with the entry, in the same atomic step.</summary>
    public LedgerHead NewHead { get; }

    /// <summary>The entry as the ledger's transaction, for a store that keeps transactions as they are read back.</summary>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(ChargeEntry)</c>, which no decision returns.</exception>
    public LedgerTransaction ToTransaction()
        => Charge is null
            ? throw new InvalidOperationException("default(ChargeEntry) records no charge.")
            : LedgerTransaction.Record(Charge, Owner, LedgerAmount.Currency);
}
