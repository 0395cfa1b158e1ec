using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.ExchangeRates;

/// <summary>
/// One exchange rate: one unit of <see cref="From"/> is worth <see cref="Rate"/> units of <see cref="To"/>
/// from <see cref="EffectiveFrom"/> until a later rate for the same pair takes effect (see docs/balances.md).
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(ExchangeRate)</c> is not a valid rate (<see cref="IsDefault"/>).</remarks>
[JsonConverter(typeof(ExchangeRateJsonConverter))]
public readonly struct ExchangeRate : IEquatable<ExchangeRate>, IDefaultable
{
    /// <summary>Creates a rate.</summary>
    /// <param name="from">The currency converted from.</param>
    /// <param name="to">The currency converted to; different from <paramref name="from"/>.</param>
    /// <param name="rate">Units of <paramref name="to"/> per unit of <paramref name="from"/>; greater than zero.</param>
    /// <param name="effectiveFrom">The instant from which the rate applies (inclusive).</param>
    /// <exception cref="ArgumentException">A currency is <c>default</c>.</exception>
    /// <exception cref="BillingRuleException">The currencies are the same, or the rate is not greater than zero.</exception>
    public ExchangeRate(Currency from, Currency to, decimal rate, Instant effectiveFrom)
    {
        Guard.NotDefault(from);
        Guard.NotDefault(to);
        Guard.Rule(from != to, "ExchangeRate.To", to.Code, $"an exchange rate converts between two different currencies; both are {from.Code}");
        Guard.Rule(rate > 0m, "ExchangeRate.Rate", rate, $"an exchange rate from {from.Code} to {to.Code} must be greater than zero");
        From = from;
        To = to;
        Rate = rate;
        EffectiveFrom = effectiveFrom;
    }

    /// <summary>The currency converted from.</summary>
    public Currency From { get; }

    /// <summary>The currency converted to.</summary>
    public Currency To { get; }

    /// <summary>Units of <see cref="To"/> per unit of <see cref="From"/>, at full precision.</summary>
    public decimal Rate { get; }

    /// <summary>The instant from which this rate applies (inclusive).</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>Whether this is <c>default(ExchangeRate)</c>, which converts nothing.</summary>
    public bool IsDefault => From.IsDefault;

    /// <summary>
    /// Converts an amount in <see cref="From"/> to <see cref="To"/>, rounded to the minor unit of <see cref="To"/>
    /// (see docs/money.md).
    /// </summary>
    /// <param name="amount">An amount in <see cref="From"/>.</param>
    /// <param name="mode">How to round a value exactly half-way; half away from zero by default.</param>
    /// <returns>The converted, rounded amount.</returns>
    /// <exception cref="ArgumentException"><paramref name="amount"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    /// <exception cref="BillingRuleException"><paramref name="amount"/> is not in <see cref="From"/>, or the magnitude of the converted
    /// amount exceeds <see cref="Money.MaxAmount"/>.</exception>
    public Money Convert(Money amount, MidpointRounding mode = Money.DefaultRounding)
    {
        Guard.NotDefault(amount);
        Money.EnsureDefined(mode);
        if (amount.Currency != From)
        {
            throw new BillingRuleException("Money.Currency", amount.Currency.Code, $"this exchange rate converts from {From.Code} to {To.Code}");
        }

        decimal converted;
        try
        {
            converted = amount.Amount * Rate;
        }
        catch (OverflowException)
        {
            throw Money.BeyondBound("Money.Amount", $"{amount} × {Guard.Format(Rate)} {To.Code}/{From.Code}");
        }

        // Rounded before the bound is checked: an amount a fraction above the bound that rounds onto it is within it.
        return new Money(decimal.Round(converted, To.MinorUnitDigits, mode), To);
    }

    /// <inheritdoc />
    public bool Equals(ExchangeRate other)
        => From == other.From && To == other.To && Rate == other.Rate && EffectiveFrom == other.EffectiveFrom;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExchangeRate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To, Rate, EffectiveFrom);

    /// <summary>The rate as text, e.g. <c>1 GBP = 1.17 EUR from 2026-01-01T00:00:00Z</c>.</summary>
    public override string ToString()
        => $"1 {From.Code} = {Guard.Format(Rate)} {To.Code} from {Guard.Format(EffectiveFrom)}";

    /// <summary>Compares two rates for equality.</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns><see langword="true"/> when pair, rate and effective instant are the same.</returns>
    public static bool operator ==(ExchangeRate left, ExchangeRate right) => left.Equals(right);

    /// <summary>Compares two rates for inequality.</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ExchangeRate left, ExchangeRate right) => !left.Equals(right);
}
