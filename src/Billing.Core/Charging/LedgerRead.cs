using System.Text.Json.Serialization;
using Billing.Core.Ledgers;

namespace Billing.Core.Charging;

/// <summary>
/// What a store read of one level's ledger before deciding a charge: the stored head (none when nothing was ever written to
/// that ledger) and whether the ledger already holds the charge's idempotency key. Input of <see cref="ChargeDecision.Decide"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<LedgerRead>))]
public readonly struct LedgerRead
{
    /// <summary>Creates what a store read.</summary>
    /// <param name="head">The stored head, or null when the ledger holds nothing yet.</param>
    /// <param name="holdsKey">Whether the ledger holds a transaction under the charge's idempotency key.</param>
    /// <exception cref="ArgumentException"><paramref name="holdsKey"/> is true for a ledger that holds nothing.</exception>
    public LedgerRead(LedgerHead? head, bool holdsKey)
    {
        if (holdsKey && head is not { Count: > 0 })
        {
            throw new ArgumentException("A ledger that holds nothing cannot hold the key.", nameof(holdsKey));
        }

        Head = head;
        HoldsKey = holdsKey;
    }

    /// <summary>The stored head, or null when the ledger holds nothing yet.</summary>
    public LedgerHead? Head { get; }

    /// <summary>Whether the ledger holds a transaction under the charge's idempotency key.</summary>
    public bool HoldsKey { get; }
}
