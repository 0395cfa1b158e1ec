using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Billing.Core.Monetary;

/// <summary>
/// An amount of money in one ISO 4217 currency. Amounts keep full <see cref="decimal"/>
/// precision (usage can cost fractions of a penny); <see cref="Round(MidpointRounding)"/> takes
/// them to the currency's minor unit, half away from zero unless told otherwise.
/// Arithmetic between different currencies throws, and no amount's magnitude exceeds <see cref="MaxAmount"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(Money)</c> has no currency and is not valid input (<see cref="IsDefault"/>).</remarks>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>, IFormattable, IDefaultable
{
    /// <summary>
    /// The largest magnitude an amount of money may have: 10^18 in any currency (a quintillion pounds, yen or rials). Every
    /// amount, balance, credit limit and price is within ±<see cref="MaxAmount"/>, so sums and differences of two of them never
    /// overflow <see cref="decimal"/>; an operation whose result would lie outside is refused with a
    /// <see cref="BillingRuleException"/>. See docs/money.md.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000_000m;

    /// <summary>The rule text of every refusal of an amount beyond <see cref="MaxAmount"/>, whatever the field.</summary>
    internal const string BoundRule = "the magnitude of an amount of money must not exceed 1000000000000000000 (Money.MaxAmount, 10^18)";

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount, at any precision, within ±<see cref="MaxAmount"/>.</param>
    /// <param name="currency">The currency.</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The magnitude of <paramref name="amount"/> exceeds <see cref="MaxAmount"/>.</exception>
    public Money(decimal amount, Currency currency)
    {
        if (currency.IsDefault)
        {
            Guard.NotDefault(currency);
        }

        if (!IsWithinBound(amount))
        {
            ThrowBeyondBound("Money.Amount", amount, currency.Code);
        }

        Amount = amount;
        Currency = currency;
    }

    // The currency is known to be valid; only the bound is checked.
    private Money(Currency currency, decimal amount)
    {
        if (!IsWithinBound(amount))
        {
            ThrowBeyondBound("Money.Amount", amount, currency.Code);
        }

        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount, at full precision.</summary>
    public decimal Amount { get; }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>Whether this is <c>default(Money)</c>: no currency, not a valid amount.</summary>
    public bool IsDefault => Currency.IsDefault;

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => Amount < 0m;

    /// <summary>Whether the amount is above zero.</summary>
    public bool IsPositive => Amount > 0m;

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>A zero amount.</returns>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default</c>.</exception>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Creates an amount in the currency with the given ISO 4217 code.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currencyCode">The ISO 4217 code, e.g. <c>GBP</c>.</param>
    /// <returns>The money.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currencyCode"/> is null.</exception>
    /// <exception cref="BillingRuleException">The code is not an ISO 4217 code, or the magnitude of <paramref name="amount"/> exceeds <see cref="MaxAmount"/>.</exception>
    public static Money Of(decimal amount, string currencyCode)
    {
        ArgumentNullException.ThrowIfNull(currencyCode);
        return new(amount, Currency.FromCode(currencyCode));
    }

    /// <summary>Whether this amount is an exact number of the currency's minor units (e.g. no fraction of a penny).</summary>
    public bool IsWholeMinorUnits => decimal.Round(Amount, Currency.MinorUnitDigits) == Amount;

    /// <inheritdoc />
    public bool Equals(Money other) => Amount == other.Amount && Currency == other.Currency;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj switch
    {
        Money other => Equals(other),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Compares amounts of the same currency.</summary>
    /// <param name="other">Another amount in the same currency.</param>
    /// <returns>Less than zero, zero or more than zero as this amount is less than, equal to or more than <paramref name="other"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="other"/> is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        Guard.NotDefault(other);
        EnsureSameCurrency(other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount in invariant culture followed by the currency code, e.g. <c>12.34 GBP</c>.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Formats the amount with a numeric format, followed by the currency code.</summary>
    /// <param name="format">A standard or custom numeric format for the amount, e.g. <c>N2</c>.</param>
    /// <param name="formatProvider">The culture; invariant when null.</param>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => $"{Amount.ToString(format, formatProvider ?? CultureInfo.InvariantCulture)} {Currency.Code}";

    /// <summary>Compares two amounts for equality (same currency and amount).</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Compares two amounts for inequality.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
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

    /// <summary>Checks that <paramref name="amount"/> is within ±<see cref="MaxAmount"/>, naming <paramref name="field"/> when it is not.</summary>
    /// <exception cref="BillingRuleException">The magnitude of <paramref name="amount"/> exceeds <see cref="MaxAmount"/>.</exception>
    internal static decimal EnsureWithinBound(decimal amount, string field)
    {
        if (!IsWithinBound(amount))
        {
            ThrowBeyondBound(field, amount, null);
        }

        return amount;
    }

    /// <summary>Whether the magnitude of <paramref name="amount"/> is at most <see cref="MaxAmount"/>.</summary>
    /// <remarks>A comparison of two decimals first aligns their scales, which costs more than the rest of a money operation; a
    /// <see cref="double"/> settles every amount not within 1 % of the bound, and only those are compared exactly.</remarks>
    internal static bool IsWithinBound(decimal amount)
    {
        // Stryker disable once Equality : the double test only decides early; at 0.99e18 exactly the exact test gives the same answer.
        var clearlyWithin = Math.Abs((double)amount) < 0.99e18;
        return clearlyWithin || (amount <= MaxAmount && amount >= -MaxAmount);
    }

    /// <summary>The refusal of a result too large even for <see cref="decimal"/>, described by the operation that produced it.</summary>
    internal static BillingRuleException BeyondBound(string field, string operation) => new(field, operation, BoundRule);

    [DoesNotReturn]
    private static void ThrowBeyondBound(string field, decimal amount, string? currencyCode)
        => throw new BillingRuleException(field, string.IsNullOrEmpty(currencyCode) ? Guard.Format(amount) : $"{Guard.Format(amount)} {currencyCode}", BoundRule);
}
