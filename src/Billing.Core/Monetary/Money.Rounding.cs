namespace Billing.Core.Monetary;

// Rounding to the currency's minor unit: done once, where the specification says
// (invoice lines, conversions, totals); ledger amounts keep full precision.
public readonly partial struct Money
{
    /// <summary>The rounding used when none is given: half away from zero.</summary>
    public const MidpointRounding DefaultRounding = MidpointRounding.AwayFromZero;

    /// <summary>Rounds the amount to the currency's minor unit (GBP 0.01, JPY 1, BHD 0.001).</summary>
    /// <param name="mode">How to round a value exactly half-way; half away from zero by default.</param>
    /// <returns>The rounded amount. It stays within ±<see cref="MaxAmount"/>, a whole number of minor units.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined <see cref="MidpointRounding"/>.</exception>
    public Money Round(MidpointRounding mode = DefaultRounding)
        => new(Currency, decimal.Round(Amount, Currency.MinorUnitDigits, EnsureDefined(mode)));

    /// <summary>Refuses an undefined rounding mode the way this library documents it (<see cref="decimal.Round(decimal, int, MidpointRounding)"/>
    /// would throw a plain <see cref="ArgumentException"/>).</summary>
    internal static MidpointRounding EnsureDefined(MidpointRounding mode, string paramName = "mode")
        => (uint)mode <= (uint)MidpointRounding.ToPositiveInfinity
            ? mode
            : throw new ArgumentOutOfRangeException(paramName, mode, $"Rounding mode {(int)mode} is not a defined MidpointRounding.");
}
