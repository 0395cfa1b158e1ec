using System.Diagnostics;
using System.Globalization;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// One level of the chain a charge must pass (SPEC §3.3): the account, its customer, or an ancestor customer below the root —
/// what the level's aggregate says about spending (balance model, currency, credit limit, status). The balance itself comes
/// from the level's ledger, read by the store inside its atomic step.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct ChargeLevel : IEquatable<ChargeLevel>
{
    /// <summary>Creates a level.</summary>
    /// <param name="owner">The ledger of the level.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="creditLimit">Postpaid only: the most that may be owed; null for no limit.</param>
    /// <param name="status">The status of the account or customer.</param>
    /// <exception cref="ArgumentException"><paramref name="owner"/> or <paramref name="currency"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">A credit limit on a prepaid level, or a negative one.</exception>
    public ChargeLevel(LedgerOwner owner, BalanceModel model, Currency currency, decimal? creditLimit, BillingStatus status)
    {
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must not be default(Currency).", nameof(currency));
        }

        // BalanceLevel holds the same rules (owner, model, status, limit); building one checks them in one place.
        _ = new BalanceLevel(owner, model, Money.Zero(currency), creditLimit, status);
        Owner = owner;
        Model = model;
        Currency = currency;
        CreditLimit = creditLimit;
        Status = status;
    }

    // For levels read from stored aggregates, which enforce every rule the public constructor checks.
    private ChargeLevel(LedgerOwner owner, BalanceModel model, Currency currency, decimal? creditLimit, BillingStatus status, bool trusted)
    {
        Debug.Assert(trusted, "Only for levels built from valid aggregates.");
        Owner = owner;
        Model = model;
        Currency = currency;
        CreditLimit = creditLimit;
        Status = status;
    }

    /// <summary>The ledger of the level.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>Prepaid or postpaid.</summary>
    public BalanceModel Model { get; }

    /// <summary>The ledger's currency.</summary>
    public Currency Currency { get; }

    /// <summary>The most a postpaid level may owe; null for no limit (and always null for prepaid).</summary>
    public decimal? CreditLimit { get; }

    /// <summary>Whether the account or customer is active, suspended or closed.</summary>
    public BillingStatus Status { get; }

    /// <summary>The level of an account.</summary>
    /// <param name="account">The account, which already holds to every rule of a level.</param>
    /// <returns>The level.</returns>
    internal static ChargeLevel Of(Account account)
        => new(LedgerOwner.ForAccount(account.Id), account.BalanceModel, account.Currency, account.CreditLimit?.Amount, account.Status, trusted: true);

    /// <summary>The level of a customer.</summary>
    /// <param name="customer">The customer, which already holds to every rule of a level.</param>
    /// <returns>The level.</returns>
    internal static ChargeLevel Of(Customer customer)
        => new(LedgerOwner.ForCustomer(customer.Id), customer.BalanceModel, customer.Currency, customer.CreditLimit?.Amount, customer.Status, trusted: true);

    /// <summary>The level with its current balance, ready for <see cref="Authoriser"/>.</summary>
    /// <param name="funds">The signed sum of the ledger's transactions (positive adds funds / reduces what is owed).</param>
    /// <returns>The balance level.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(ChargeLevel)</c>, which names no ledger.</exception>
    public BalanceLevel WithFunds(decimal funds)
        => Owner.IsDefault
            ? throw new InvalidOperationException("default(ChargeLevel) names no ledger; build levels with the constructor.")
            : BalanceLevel.Trusted(Owner, Model, Currency, Model.BalanceOf(funds), CreditLimit, Status);

    /// <inheritdoc />
    public bool Equals(ChargeLevel other)
        => Owner == other.Owner && Model == other.Model && Currency == other.Currency && CreditLimit == other.CreditLimit && Status == other.Status;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChargeLevel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Owner, Model, Currency, CreditLimit, Status);

    /// <summary>A description of the level.</summary>
    /// <returns>Text such as <c>Customer ACME-001 Postpaid Active GBP, limit 500</c>.</returns>
    public override string ToString()
        => $"{Owner} {Model} {Status} {Currency}" + (CreditLimit is { } limit ? $", limit {limit.ToString(CultureInfo.InvariantCulture)}" : string.Empty);

    /// <summary>Compares two levels for equality.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public static bool operator ==(ChargeLevel left, ChargeLevel right) => left.Equals(right);

    /// <summary>Compares two levels for inequality.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when a member differs.</returns>
    public static bool operator !=(ChargeLevel left, ChargeLevel right) => !left.Equals(right);
}
