using System.Text.Json.Serialization;
using Billing.Core.Accounts;
using Billing.Core.Balances;
using Billing.Core.Customers;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// One level of the chain a charge must pass (docs/balances.md): the account, its customer, or an ancestor customer below the
/// root — what the level's aggregate says about spending (balance model, currency, credit limit, status). The balance itself
/// comes from the level's ledger, read by the store inside its atomic step.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<ChargeLevel>))]
public readonly struct ChargeLevel : IEquatable<ChargeLevel>
{
    private readonly decimal _creditLimit;
    private readonly bool _hasCreditLimit;

    /// <summary>Creates a level.</summary>
    /// <param name="owner">The ledger of the level.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="currency">The ledger's currency.</param>
    /// <param name="creditLimit">Postpaid only: the most that may be owed, in <paramref name="currency"/>; null for no limit.</param>
    /// <param name="status">The status of the account or customer.</param>
    /// <exception cref="ArgumentException"><paramref name="owner"/> or <paramref name="currency"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">A credit limit on a prepaid level, in another currency, negative, or above <see cref="Money.MaxAmount"/>.</exception>
    public ChargeLevel(LedgerOwner owner, BalanceModel model, Currency currency, Money? creditLimit, BillingStatus status)
    {
        if (owner.IsDefault)
        {
            throw new ArgumentException("The owner must not be default(LedgerOwner).", nameof(owner));
        }

        if (model is not (BalanceModel.Prepaid or BalanceModel.Postpaid))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Not a defined balance model.");
        }

        if (status is not (BillingStatus.Active or BillingStatus.Suspended or BillingStatus.Closed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined status.");
        }

        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must not be default(Currency).", nameof(currency));
        }

        CreditLimitRules.Check(creditLimit, model, currency, "ChargeLevel.CreditLimit", "level", owner.ToString());
        if (creditLimit is { } limit)
        {
            CheckAmount(limit.Amount, "ChargeLevel.CreditLimit", owner);
        }

        this = new ChargeLevel(owner, model, currency, creditLimit.GetValueOrDefault().Amount, creditLimit.HasValue, status);
    }

    // For levels read from stored aggregates, which hold to every rule the public constructor checks.
    private ChargeLevel(LedgerOwner owner, BalanceModel model, Currency currency, decimal creditLimit, bool hasCreditLimit, BillingStatus status)
    {
        Owner = owner;
        Model = model;
        Currency = currency;
        Status = status;
        _creditLimit = creditLimit;
        _hasCreditLimit = hasCreditLimit;
    }

    /// <summary>The ledger of the level.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>Prepaid or postpaid.</summary>
    public BalanceModel Model { get; }

    /// <summary>The ledger's currency.</summary>
    public Currency Currency { get; }

    /// <summary>The most a postpaid level may owe; null for no limit (and always null for prepaid).</summary>
    public Money? CreditLimit => _hasCreditLimit ? new Money(_creditLimit, Currency) : null;

    /// <summary>Whether the account or customer is active, suspended or closed.</summary>
    public BillingStatus Status { get; }

    internal bool HasCreditLimit => _hasCreditLimit;

    internal decimal CreditLimitValue => _creditLimit;

    /// <summary>The level with its current balance, ready for <see cref="Authoriser"/>.</summary>
    /// <param name="funds">The ledger's funds: the signed sum of its transactions (positive adds funds / reduces what is owed),
    /// as <see cref="LedgerHead.Funds"/> gives it; in the level's currency.</param>
    /// <returns>The balance level.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(ChargeLevel)</c>, which names no ledger.</exception>
    /// <exception cref="BillingRuleException">The funds are in another currency than the level, or beyond ±<see cref="Money.MaxAmount"/>.</exception>
    public BalanceLevel WithFunds(Money funds)
    {
        if (Owner.IsDefault)
        {
            throw new InvalidOperationException("default(ChargeLevel) names no ledger; build levels with the constructor.");
        }

        Guard.Rule(funds.Currency == Currency, "LedgerHead.Funds", funds, $"the ledger of {Owner} is kept in {Currency}");
        CheckAmount(funds.Amount, "LedgerHead.Funds", Owner);
        return new BalanceLevel(this, Model.BalanceOf(funds.Amount));
    }

    /// <summary>The level of an account.</summary>
    /// <param name="account">The account, which already holds to every rule of a level.</param>
    /// <returns>The level.</returns>
    internal static ChargeLevel Of(Account account)
        => new(LedgerOwner.ForAccount(account.Id), account.BalanceModel, account.Currency, account.CreditLimit?.Amount ?? 0m, account.CreditLimit.HasValue, account.Status);

    /// <summary>The level of a customer.</summary>
    /// <param name="customer">The customer, which already holds to every rule of a level.</param>
    /// <returns>The level.</returns>
    internal static ChargeLevel Of(Customer customer)
        => new(LedgerOwner.ForCustomer(customer.Id), customer.BalanceModel, customer.Currency, customer.CreditLimit?.Amount ?? 0m, customer.CreditLimit.HasValue, customer.Status);

    /// <summary>Refuses an amount of a level (a balance, funds, a limit) beyond ±<see cref="Money.MaxAmount"/>.</summary>
    internal static void CheckAmount(decimal amount, string field, LedgerOwner owner)
        => Guard.Rule(
            amount is >= -Money.MaxAmount and <= Money.MaxAmount,
            field,
            amount,
            $"the amounts of {owner} must lie within ±{Money.MaxAmount} (Money.MaxAmount)");

    /// <inheritdoc />
    public bool Equals(ChargeLevel other)
        => Owner == other.Owner && Model == other.Model && Currency == other.Currency && _hasCreditLimit == other._hasCreditLimit
            && _creditLimit == other._creditLimit && Status == other.Status;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChargeLevel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Owner, Model, Currency, CreditLimit, Status);

    /// <summary>A description of the level.</summary>
    /// <returns>Text such as <c>Customer ACME-001 Postpaid Active GBP, limit 500 GBP</c>.</returns>
    public override string ToString()
        => $"{Owner} {Model} {Status} {Currency}" + (CreditLimit is { } limit ? $", limit {limit}" : string.Empty);

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
