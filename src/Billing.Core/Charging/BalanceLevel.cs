using System.Globalization;
using Billing.Core.Balances;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// One level of an authorisation chain (SPEC §3.3): the account, its customer, or an ancestor customer below the
/// root, with what the authoriser needs to know about it now.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(BalanceLevel)</c> is not valid input.</remarks>
public readonly struct BalanceLevel
{
    private readonly decimal _amount;
    private readonly decimal _creditLimit;
    private readonly bool _hasCreditLimit;

    /// <summary>Creates a level.</summary>
    /// <param name="owner">The account or customer.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="balance">Available funds (prepaid) or amount owed (postpaid), in the level's currency, as <see cref="Ledger.Balance"/> gives it.</param>
    /// <param name="creditLimit">Postpaid only: the credit limit in the same currency, at least zero; null means no limit.</param>
    /// <param name="status">Active, suspended or closed.</param>
    /// <exception cref="ArgumentException">The owner or the balance's currency is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">A credit limit is given for a prepaid level, or is negative.</exception>
    public BalanceLevel(LedgerOwner owner, BalanceModel model, Money balance, decimal? creditLimit, BillingStatus status)
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

        if (balance.Currency.Code.Length == 0)
        {
            throw new ArgumentException("The balance must have a currency; default(Money) is not a balance.", nameof(balance));
        }

        if (creditLimit is { } limit)
        {
            Guard.Rule(model == BalanceModel.Postpaid, "CreditLimit", limit, $"a credit limit applies only to postpaid balances; {owner} is prepaid");
            Guard.Rule(limit >= 0m, "CreditLimit", limit, $"a credit limit must be zero or more; {owner} has a negative one");
        }

        Owner = owner;
        Model = model;
        Currency = balance.Currency;
        Status = status;
        _amount = balance.Amount;
        _creditLimit = creditLimit.GetValueOrDefault();
        _hasCreditLimit = creditLimit.HasValue;
    }

    // For levels whose parts were checked when they were first built (ChargeLevel): the hot path does not check them again.
    private BalanceLevel(LedgerOwner owner, BalanceModel model, Currency currency, decimal amount, decimal? creditLimit, BillingStatus status)
    {
        Owner = owner;
        Model = model;
        Currency = currency;
        Status = status;
        _amount = amount;
        _creditLimit = creditLimit.GetValueOrDefault();
        _hasCreditLimit = creditLimit.HasValue;
    }

    /// <summary>The account or customer.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>Prepaid or postpaid.</summary>
    public BalanceModel Model { get; }

    /// <summary>The currency of the balance and of the credit limit.</summary>
    public Currency Currency { get; }

    /// <summary>Active, suspended or closed.</summary>
    public BillingStatus Status { get; }

    /// <summary>Available funds (prepaid) or amount owed (postpaid).</summary>
    public Money Balance => new(_amount, Currency);

    /// <summary>The credit limit of a postpaid level, or null when there is none (always null for prepaid).</summary>
    public decimal? CreditLimit => _hasCreditLimit ? _creditLimit : null;

    internal decimal Amount => _amount;

    internal bool HasCreditLimit => _hasCreditLimit;

    internal decimal CreditLimitValue => _creditLimit;

    /// <summary>A level built from parts already checked by a <see cref="Charging.ChargeLevel"/>.</summary>
    internal static BalanceLevel Trusted(LedgerOwner owner, BalanceModel model, Currency currency, decimal amount, decimal? creditLimit, BillingStatus status)
        => new(owner, model, currency, amount, creditLimit, status);

    /// <summary>A level from a ledger's current balance.</summary>
    /// <param name="ledger">The ledger of the account or customer.</param>
    /// <param name="status">The entity's status.</param>
    /// <param name="creditLimit">Postpaid only: its credit limit, or null for none.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> is null.</exception>
    /// <exception cref="BillingRuleException">A credit limit is given for a prepaid ledger, or is negative.</exception>
    public static BalanceLevel FromLedger(Ledger ledger, BillingStatus status, decimal? creditLimit = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new BalanceLevel(ledger.Owner, ledger.Model, ledger.Balance, creditLimit, status);
    }

    /// <summary>The owner, model, balance and limit, for diagnostics.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"{Owner} {Model} {Status}: {Balance}" + (_hasCreditLimit ? $", limit {_creditLimit.ToString(CultureInfo.InvariantCulture)}" : string.Empty);
}
