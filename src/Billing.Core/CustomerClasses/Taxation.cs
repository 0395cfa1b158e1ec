using System.Text.Json.Serialization;
using Billing.Core.Customers;
using Billing.Core.Monetary;

namespace Billing.Core.CustomerClasses;

/// <summary>The taxation of a customer class (see docs/domain-model.md): none, or a flat percentage (0..100) added to net charges.</summary>
/// <remarks>Immutable and thread-safe. <c>default(Taxation)</c> is <see cref="None"/>.</remarks>
[JsonConverter(typeof(TaxationJsonConverter))]
public readonly struct Taxation : IEquatable<Taxation>
{
    private Taxation(TaxationKind kind, decimal percentage)
    {
        Kind = kind;
        Percentage = percentage;
    }

    /// <summary>No tax.</summary>
    public static Taxation None => default;

    /// <summary>The kind of taxation.</summary>
    public TaxationKind Kind { get; }

    /// <summary>The percentage added to net charges (0 when <see cref="Kind"/> is <see cref="TaxationKind.None"/>).</summary>
    public decimal Percentage { get; }

    /// <summary>A flat percentage added to net charges, e.g. 20 for UK VAT.</summary>
    /// <param name="percentage">From 0 to 100, at most 4 decimal places.</param>
    /// <returns>The taxation.</returns>
    /// <exception cref="BillingRuleException">The percentage is outside 0..100 or has more than 4 decimal places.</exception>
    public static Taxation FlatPercentage(decimal percentage)
    {
        Guard.Rule(percentage is >= 0m and <= 100m, "CustomerClass.Taxation", percentage, "a flat tax percentage is between 0 and 100");
        Guard.Rule(decimal.Round(percentage, 4) == percentage, "CustomerClass.Taxation", percentage, "a flat tax percentage has at most 4 decimal places");
        return new Taxation(TaxationKind.FlatPercentage, percentage);
    }

    /// <summary>The tax on a net amount, unrounded (the charges engine rounds once, at the total).</summary>
    /// <param name="net">The net amount.</param>
    /// <returns>The tax, in the net amount's currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="net"/> is <c>default</c>.</exception>
    public Money TaxOn(Money net) => Guard.NotDefault(net) * (Percentage / 100m);

    /// <inheritdoc />
    public bool Equals(Taxation other) => Kind == other.Kind && Percentage == other.Percentage;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Taxation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Percentage);

    /// <summary><c>None</c> or e.g. <c>20%</c>.</summary>
    public override string ToString() => Kind == TaxationKind.None ? "None" : Guard.Format(Percentage) + "%";

    /// <summary>Compares two taxations for equality.</summary>
    /// <param name="left">The first taxation.</param>
    /// <param name="right">The second taxation.</param>
    public static bool operator ==(Taxation left, Taxation right) => left.Equals(right);

    /// <summary>Compares two taxations for inequality.</summary>
    /// <param name="left">The first taxation.</param>
    /// <param name="right">The second taxation.</param>
    public static bool operator !=(Taxation left, Taxation right) => !left.Equals(right);
}
