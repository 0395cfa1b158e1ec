using Billing.Core.Balances;
using Billing.Core.Monetary;

namespace Billing.Core.Ledgers;

/// <summary>
/// The state of a stored ledger at one moment: its currency, the signed sum of its transactions and how many there are.
/// The balance is derived from the sum (SPEC §3.2), never kept apart from the ledger.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct LedgerHead : IEquatable<LedgerHead>
{
    /// <summary>Creates a head.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="funds">The signed sum of every transaction's <see cref="LedgerTransaction.FundsEffect"/>.</param>
    /// <param name="count">How many transactions the ledger holds.</param>
    public LedgerHead(LedgerOwner owner, Currency currency, decimal funds, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Owner = owner;
        Currency = currency;
        Funds = funds;
        Count = count;
    }

    /// <summary>The ledger's owner.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>The ledger's currency.</summary>
    public Currency Currency { get; }

    /// <summary>The signed sum of the transactions: positive means money to spend (prepaid) or credit (postpaid).</summary>
    public decimal Funds { get; }

    /// <summary>How many transactions the ledger holds; it only grows, so it also serves as the ledger's version.</summary>
    public long Count { get; }

    /// <summary>The balance as the given model shows it: available funds for prepaid, amount owed for postpaid.</summary>
    /// <param name="model">The balance model of the ledger's owner.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    public Money BalanceFor(BalanceModel model) => new(model.BalanceOf(Funds), Currency);

    /// <inheritdoc />
    public bool Equals(LedgerHead other) => Owner == other.Owner && Currency == other.Currency && Funds == other.Funds && Count == other.Count;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerHead other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Owner, Currency, Funds, Count);

    /// <summary>A description of the head.</summary>
    /// <returns>Text such as <c>Account ACC-1: funds 12.5 GBP over 3 transactions</c>.</returns>
    public override string ToString() => $"{Owner}: funds {new Money(Funds, Currency)} over {Count} transactions";

    /// <summary>Compares two heads for equality.</summary>
    /// <param name="left">The first head.</param>
    /// <param name="right">The second head.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public static bool operator ==(LedgerHead left, LedgerHead right) => left.Equals(right);

    /// <summary>Compares two heads for inequality.</summary>
    /// <param name="left">The first head.</param>
    /// <param name="right">The second head.</param>
    /// <returns><see langword="true"/> when a member differs.</returns>
    public static bool operator !=(LedgerHead left, LedgerHead right) => !left.Equals(right);
}
