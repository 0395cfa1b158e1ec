using System.Globalization;
using System.Text.Json.Serialization;

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
    private BalanceThreshold(BalanceThresholdKind kind, decimal value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>What the threshold measures.</summary>
    public BalanceThresholdKind Kind { get; }

    /// <summary>The percentage (for <see cref="BalanceThresholdKind.PercentOfCreditLimit"/>) or the amount (for <see cref="BalanceThresholdKind.FundsBelow"/>).</summary>
    public decimal Value { get; }

    /// <summary>A threshold at a percentage of a postpaid credit limit.</summary>
    /// <param name="percent">Greater than zero; 100 means the limit itself; more than 100 is allowed for limits already exceeded.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="BillingRuleException"><paramref name="percent"/> is not greater than zero.</exception>
    public static BalanceThreshold PercentOfCreditLimit(decimal percent)
    {
        Guard.Rule(percent > 0m, "BalanceThreshold.Percent", percent, "a percentage of the credit limit must be greater than zero");
        return new BalanceThreshold(BalanceThresholdKind.PercentOfCreditLimit, percent);
    }

    /// <summary>A threshold on prepaid funds falling below an amount (in the balance's currency).</summary>
    /// <param name="amount">The amount; any value, zero meaning "funds went negative".</param>
    /// <returns>The threshold.</returns>
    public static BalanceThreshold FundsBelow(decimal amount) => new(BalanceThresholdKind.FundsBelow, amount);

    /// <summary>Whether a balance is beyond this threshold.</summary>
    /// <param name="model">The balance's model.</param>
    /// <param name="balance">Available funds (prepaid) or amount owed (postpaid).</param>
    /// <param name="creditLimit">The postpaid credit limit, or null.</param>
    /// <returns><see langword="true"/> when beyond; always <see langword="false"/> when the threshold does not apply.</returns>
    public bool IsBeyond(BalanceModel model, decimal balance, decimal? creditLimit) => Kind switch
    {
        BalanceThresholdKind.PercentOfCreditLimit => model == BalanceModel.Postpaid
                                                     && creditLimit is { } limit
                                                     && balance > 0m
                                                     && Reaches(balance, limit, Value),
        BalanceThresholdKind.FundsBelow => model == BalanceModel.Prepaid && balance < Value,
        _ => false,
    };

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
    public bool Equals(BalanceThreshold other) => Kind == other.Kind && Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BalanceThreshold other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <summary>e.g. <c>80% of credit limit</c> or <c>funds below 5.00</c>.</summary>
    public override string ToString() => Kind == BalanceThresholdKind.PercentOfCreditLimit
        ? Value.ToString(CultureInfo.InvariantCulture) + "% of credit limit"
        : "funds below " + Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two thresholds for equality.</summary>
    /// <param name="left">The first threshold.</param>
    /// <param name="right">The second threshold.</param>
    /// <returns><see langword="true"/> when kind and value are the same.</returns>
    public static bool operator ==(BalanceThreshold left, BalanceThreshold right) => left.Equals(right);

    /// <summary>Compares two thresholds for inequality.</summary>
    /// <param name="left">The first threshold.</param>
    /// <param name="right">The second threshold.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BalanceThreshold left, BalanceThreshold right) => !left.Equals(right);
}
