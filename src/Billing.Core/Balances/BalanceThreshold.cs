using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;

namespace Billing.Core.Balances;

/// <summary>
/// An alert threshold configured by the host (see docs/balances.md), for example 80 % and 100 % of the credit limit, or funds
/// below 5.00. A balance is either beyond the threshold or not; <see cref="ThresholdMonitor"/> reports the
/// transactions that move it from one side to the other.
/// </summary>
/// <remarks>
/// Beyond means: for <see cref="BalanceThresholdKind.PercentOfCreditLimit"/>, a postpaid amount owed that is above
/// zero and at least <c>limit × percent / 100</c> (reaching 100 % counts, even before the limit is exceeded); for
/// <see cref="BalanceThresholdKind.FundsBelow"/>, prepaid available funds strictly below the amount. A threshold of
/// one model never applies to a balance of the other, nor a percentage to a postpaid balance without a limit.
/// Immutable and thread-safe.
/// </remarks>
[JsonConverter(typeof(Serialization.NotSerializedJsonConverter<BalanceThreshold>))]
public readonly struct BalanceThreshold : IEquatable<BalanceThreshold>
{
    private readonly decimal _percent;
    private readonly Money _amount;

    private BalanceThreshold(BalanceThresholdKind kind, decimal percent, Money amount)
    {
        Kind = kind;
        _percent = percent;
        _amount = amount;
    }

    /// <summary>What the threshold measures.</summary>
    public BalanceThresholdKind Kind { get; }

    /// <summary>The percentage of the credit limit, for <see cref="BalanceThresholdKind.PercentOfCreditLimit"/>; otherwise null.</summary>
    public decimal? Percent => Kind == BalanceThresholdKind.PercentOfCreditLimit ? _percent : null;

    /// <summary>The amount funds must stay at or above, for <see cref="BalanceThresholdKind.FundsBelow"/>; otherwise null.</summary>
    public Money? Amount => Kind == BalanceThresholdKind.FundsBelow ? _amount : null;

    /// <summary>A threshold at a percentage of a postpaid credit limit.</summary>
    /// <param name="percent">Greater than zero; 100 means the limit itself; more than 100 is allowed for limits already exceeded.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="BillingRuleException"><paramref name="percent"/> is not greater than zero.</exception>
    public static BalanceThreshold PercentOfCreditLimit(decimal percent)
    {
        Guard.Rule(percent > 0m, "BalanceThreshold.Percent", percent, "a percentage of the credit limit must be greater than zero");
        return new BalanceThreshold(BalanceThresholdKind.PercentOfCreditLimit, percent, default);
    }

    /// <summary>A threshold on prepaid funds falling below an amount, in the currency of the balances it watches.</summary>
    /// <param name="amount">The amount; any value, zero meaning "funds went negative".</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default(Money)</c>.</exception>
    public static BalanceThreshold FundsBelow(Money amount) => new(BalanceThresholdKind.FundsBelow, 0m, Guard.NotDefault(amount));

    /// <summary>Whether a balance is beyond this threshold.</summary>
    /// <param name="model">The balance's model.</param>
    /// <param name="balance">Available funds (prepaid) or amount owed (postpaid).</param>
    /// <param name="creditLimit">The postpaid credit limit, or null; in the balance's currency.</param>
    /// <returns><see langword="true"/> when beyond; always <see langword="false"/> when the threshold does not apply.</returns>
    /// <exception cref="ArgumentException"><paramref name="balance"/> or <paramref name="creditLimit"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="BillingRuleException">
    /// The credit limit, or a <see cref="BalanceThresholdKind.FundsBelow"/> threshold's amount, is in another currency than the balance.
    /// </exception>
    public bool IsBeyond(BalanceModel model, Money balance, Money? creditLimit)
    {
        Guard.NotDefault(balance);
        if (creditLimit is { } limit)
        {
            Guard.Rule(Guard.NotDefault(limit, nameof(creditLimit)).Currency == balance.Currency, "BalanceThreshold.CreditLimit", limit, $"the credit limit must be in the balance's currency ({balance.Currency})");
        }

        switch (Kind)
        {
            case BalanceThresholdKind.PercentOfCreditLimit:
                return model == BalanceModel.Postpaid && creditLimit is { } l && balance.Amount > 0m && Reaches(balance.Amount, l.Amount, _percent);
            case BalanceThresholdKind.FundsBelow:
                Guard.Rule(_amount.Currency == balance.Currency, "BalanceThreshold.Amount", _amount, $"a funds threshold must be in the balance's currency ({balance.Currency})");
                return model == BalanceModel.Prepaid && balance.Amount < _amount.Amount;
            default:
                return false;
        }
    }

    // The percentage is positive, so limit × percent has the limit's sign. A product beyond decimal's range is beyond every balance:
    // no positive balance reaches a positive one, and every positive balance passes a negative one.
    private static bool Reaches(decimal balance, decimal limit, decimal percent)
    {
        try
        {
            return balance >= limit * percent / 100m;
        }
        catch (OverflowException)
        {
            return limit < 0m;
        }
    }

    /// <inheritdoc />
    public bool Equals(BalanceThreshold other) => Kind == other.Kind && _percent == other._percent && _amount == other._amount;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BalanceThreshold other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _percent, _amount);

    /// <summary>e.g. <c>80% of credit limit</c> or <c>funds below 5 GBP</c>.</summary>
    public override string ToString() => Kind == BalanceThresholdKind.PercentOfCreditLimit
        ? _percent.ToString(CultureInfo.InvariantCulture) + "% of credit limit"
        : "funds below " + _amount;

    /// <summary>Compares two thresholds for equality.</summary>
    /// <param name="left">The first threshold.</param>
    /// <param name="right">The second threshold.</param>
    /// <returns><see langword="true"/> when kind, percentage and amount are the same.</returns>
    public static bool operator ==(BalanceThreshold left, BalanceThreshold right) => left.Equals(right);

    /// <summary>Compares two thresholds for inequality.</summary>
    /// <param name="left">The first threshold.</param>
    /// <param name="right">The second threshold.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BalanceThreshold left, BalanceThreshold right) => !left.Equals(right);
}
