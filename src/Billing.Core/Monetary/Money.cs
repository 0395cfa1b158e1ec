using System.Globalization;
using System.Text.Json.Serialization;

namespace Billing.Core.Monetary;

/// <summary>
/// An amount of money in one ISO 4217 currency. Amounts keep full <see cref="decimal"/>
/// precision (usage can cost fractions of a penny); <see cref="Round(MidpointRounding)"/> takes
/// them to the currency's minor unit, half away from zero unless told otherwise.
/// Arithmetic between different currencies throws.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(Money)</c> has no currency and is not valid input.</remarks>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>, IFormattable
{
    /// <summary>
    /// The largest magnitude an amount of money may have: 10^18 in any currency (a quintillion pounds, yen or rials). Every
    /// amount, balance, credit limit and price is within ±<see cref="MaxAmount"/>, so sums and differences of two of them never
    /// overflow <see cref="decimal"/>; an operation whose result would lie outside is refused with a
    /// <see cref="BillingRuleException"/>. See docs/money.md.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000_000m;

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount, at any precision.</param>
    /// <param name="currency">The currency.</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default</c>.</exception>
    public Money(decimal amount, Currency currency)
    {
        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency must be an ISO 4217 currency, not default(Currency).", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount, at full precision.</summary>
    public decimal Amount { get; }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => Amount < 0m;

    /// <summary>Whether the amount is above zero.</summary>
    public bool IsPositive => Amount > 0m;

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>A zero amount.</returns>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Creates an amount in the currency with the given ISO 4217 code.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currencyCode">The ISO 4217 code, e.g. <c>GBP</c>.</param>
    /// <returns>The money.</returns>
    /// <exception cref="BillingRuleException">The code is not an ISO 4217 code.</exception>
    public static Money Of(decimal amount, string currencyCode) => new(amount, Currency.FromCode(currencyCode));

    /// <summary>Whether this amount is an exact number of the currency's minor units (e.g. no fraction of a penny).</summary>
    public bool IsWholeMinorUnits => decimal.Round(Amount, Currency.MinorUnitDigits) == Amount;

    /// <inheritdoc />
    public bool Equals(Money other) => Amount == other.Amount && Currency == other.Currency;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Compares amounts of the same currency.</summary>
    /// <param name="other">Another amount in the same currency.</param>
    /// <returns>Less than zero, zero or more than zero as this amount is less than, equal to or more than <paramref name="other"/>.</returns>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        EnsureSameCurrency(other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount in invariant culture followed by the currency code, e.g. <c>12.34 GBP</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Formats the amount with a numeric format, followed by the currency code.</summary>
    /// <param name="format">A standard or custom numeric format for the amount, e.g. <c>N2</c>.</param>
    /// <param name="formatProvider">The culture; invariant when null.</param>
    /// <returns>The text.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => Amount.ToString(format, formatProvider ?? CultureInfo.InvariantCulture) + " " + Currency.Code;

    /// <summary>Compares two amounts for equality (same currency and amount).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Compares two amounts for inequality.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    internal void EnsureSameCurrency(Money other)
    {
        if (Currency != other.Currency)
        {
            throw new BillingRuleException(
                "Money.Currency",
                other.Currency.Code,
                $"arithmetic and comparison need one currency; the other amount is in {Currency.Code}");
        }
    }
}
