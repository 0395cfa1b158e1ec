using System.Text.Json.Serialization;
using Billing.Core.Balances;
using Billing.Core.Ledgers;
using Billing.Core.Monetary;

namespace Billing.Core.Charging;

/// <summary>
/// One level of an authorisation chain (docs/balances.md): the account, its customer, or an ancestor customer below the
/// root, with what <see cref="Authoriser"/> needs to know about it now — its balance and credit limit.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(BalanceLevel)</c> is not valid input.</remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<BalanceLevel>))]
public readonly struct BalanceLevel
{
    private readonly decimal _amount;
    private readonly decimal _creditLimit;
    private readonly bool _hasCreditLimit;

    /// <summary>Creates a level.</summary>
    /// <param name="owner">The account or customer.</param>
    /// <param name="model">Prepaid or postpaid.</param>
    /// <param name="balance">Available funds (prepaid) or amount owed (postpaid): the amount of <see cref="Ledger.Balance"/>.</param>
    /// <param name="creditLimit">Postpaid only: the credit limit in the balance's currency, at least zero; null means no limit.</param>
    /// <param name="status">Active, suspended or closed.</param>
    /// <exception cref="ArgumentException">The owner or the balance is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> or <paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">The credit limit is given for a prepaid level, is in another currency, or is negative.</exception>
    public BalanceLevel(LedgerOwner owner, BalanceModel model, Money balance, Money? creditLimit, BillingStatus status)
    {
        Guard.NotDefault(balance);
        var level = new ChargeLevel(owner, model, balance.Currency, creditLimit, status);
        this = new BalanceLevel(level, balance.Amount);
    }

    /// <summary>Creates a level from a balance, whose model it takes.</summary>
    /// <param name="owner">The account or customer.</param>
    /// <param name="balance">The balance, as <see cref="Ledger.Balance"/> or <see cref="LedgerHead.BalanceFor"/> gives it.</param>
    /// <param name="creditLimit">Postpaid only: the credit limit in the balance's currency, at least zero; null means no limit.</param>
    /// <param name="status">Active, suspended or closed.</param>
    /// <exception cref="ArgumentException">The owner or the balance is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">The credit limit is given for a prepaid level, is in another currency, or is negative.</exception>
    public BalanceLevel(LedgerOwner owner, Balance balance, Money? creditLimit, BillingStatus status)
        : this(owner, Guard.NotDefault(balance).Model, balance.Amount, creditLimit, status)
    {
    }

    // For a level whose parts a ChargeLevel already checked: the charge path does not check them again.
    internal BalanceLevel(in ChargeLevel level, decimal balance)
    {
        Owner = level.Owner;
        Model = level.Model;
        Currency = level.Currency;
        Status = level.Status;
        _amount = balance;
        _creditLimit = level.CreditLimitValue;
        _hasCreditLimit = level.HasCreditLimit;
    }

    /// <summary>The account or customer.</summary>
    public LedgerOwner Owner { get; }

    /// <summary>Prepaid or postpaid.</summary>
    public BalanceModel Model { get; }

    /// <summary>The currency of the balance and of the credit limit.</summary>
    public Currency Currency { get; }

    /// <summary>Active, suspended or closed.</summary>
    public BillingStatus Status { get; }

    /// <summary>Available funds (prepaid) or amount owed (postpaid), saying which.</summary>
    public Balance Balance => new(Model, new Money(_amount, Currency));

    /// <summary>The credit limit of a postpaid level, or null when there is none (always null for prepaid).</summary>
    public Money? CreditLimit => _hasCreditLimit ? new Money(_creditLimit, Currency) : null;

    internal decimal Amount => _amount;

    internal bool HasCreditLimit => _hasCreditLimit;

    internal decimal CreditLimitValue => _creditLimit;

    /// <summary>A level from a ledger's current balance.</summary>
    /// <param name="ledger">The ledger of the account or customer.</param>
    /// <param name="status">The entity's status.</param>
    /// <param name="creditLimit">Postpaid only: its credit limit, or null for none.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not defined.</exception>
    /// <exception cref="BillingRuleException">The credit limit is given for a prepaid ledger, is in another currency, is negative or too large.</exception>
    public static BalanceLevel FromLedger(Ledger ledger, BillingStatus status, Money? creditLimit = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new BalanceLevel(ledger.Owner, ledger.Balance, creditLimit, status);
    }

    /// <summary>The owner, model, balance and limit, for diagnostics.</summary>
    public override string ToString()
        => $"{Owner} {Model} {Status}: {Balance}" + (_hasCreditLimit ? $", limit {CreditLimit}" : string.Empty);
}
