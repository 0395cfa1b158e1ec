using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.Monetary;

namespace Billing.Core.Ledgers;

/// <summary>
/// The state of a stored ledger at one moment: the signed sum of its transactions (its funds, in the ledger's currency) and how
/// many there are. The balance is derived from the funds (docs/balances.md), never kept apart from the ledger.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(LedgerHeadJsonConverter))]
public readonly struct LedgerHead : IEquatable<LedgerHead>
{
    /// <summary>Creates a head, for example from what a store read back.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="funds">The signed sum of every transaction's <see cref="LedgerTransaction.FundsEffect"/>, in the ledger's currency.</param>
    /// <param name="count">How many transactions the ledger holds.</param>
    /// <exception cref="ArgumentException"><paramref name="owner"/> or <paramref name="funds"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public LedgerHead(LedgerOwner owner, Money funds, long count)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (funds.Currency.Code.Length == 0)
        {
            throw new ArgumentException("The funds must have a currency; default(Money) is not an amount.", nameof(funds));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Owner = owner;
        Funds = funds;
        Count = count;
    }

    /// <summary>The ledger's owner.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>The ledger's currency.</summary>
    public Currency Currency => Funds.Currency;

    /// <summary>The signed sum of the transactions: positive means money to spend (prepaid) or credit (postpaid).</summary>
    public Money Funds { get; }

    /// <summary>How many transactions the ledger holds; it only grows, so it also serves as the ledger's version.</summary>
    public long Count { get; }

    /// <summary>The head of a ledger that holds nothing yet.</summary>
    /// <param name="owner">The ledger's owner.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <returns>A head with zero funds and no transactions.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> or <paramref name="currency"/> is <c>default</c>.</exception>
    public static LedgerHead Empty(LedgerOwner owner, Currency currency)
    {
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must not be default(Currency).", nameof(currency));
        }

        return new LedgerHead(owner, Money.Zero(currency), 0);
    }

    /// <summary>The balance as the given model shows it: available funds for prepaid, amount owed for postpaid.</summary>
    /// <param name="model">The balance model of the ledger's owner.</param>
    /// <returns>The balance, saying which kind it is.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined model.</exception>
    public Balance BalanceFor(BalanceModel model) => new(model, new Money(model.BalanceOf(Funds.Amount), Funds.Currency));

    /// <inheritdoc />
    public bool Equals(LedgerHead other) => Owner == other.Owner && Funds == other.Funds && Count == other.Count;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerHead other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Owner, Funds, Count);

    /// <summary>A description of the head.</summary>
    /// <returns>Text such as <c>Account ACC-1: funds 12.5 GBP over 3 transactions</c>.</returns>
    public override string ToString() => $"{Owner}: funds {Funds} over {Count} transactions";

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
