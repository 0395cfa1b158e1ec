namespace Billing.Core.Monetary;

// Rounding to the currency's minor unit: done once, where the specification says
// (invoice lines, conversions, totals); ledger amounts keep full precision.
public readonly partial struct Money
{
    /// <summary>The rounding used when none is given: half away from zero.</summary>
    public const MidpointRounding DefaultRounding = MidpointRounding.AwayFromZero;

    /// <summary>Rounds the amount to the currency's minor unit (GBP 0.01, JPY 1, BHD 0.001).</summary>
    /// <param name="mode">How to round a value exactly half-way; half away from zero by default.</param>
    /// <returns>The rounded amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    public Money Round(MidpointRounding mode = DefaultRounding)
        => new(decimal.Round(Amount, Currency.MinorUnitDigits, mode), Currency);
}
