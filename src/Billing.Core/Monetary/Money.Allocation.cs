namespace Billing.Core.Monetary;

// Splitting an amount without losing or inventing a minor unit: the replacement for division.
public readonly partial struct Money
{
    /// <summary>
    /// Splits the amount into <paramref name="parts"/> amounts that differ by at most one minor
    /// unit and add up exactly to this amount. Earlier parts receive the extra minor units; any
    /// fraction below the minor unit stays with the first part.
    /// </summary>
    /// <param name="parts">How many parts, at least 1.</param>
    /// <returns>The parts, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1.</exception>
    public Money[] Allocate(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var ratios = new decimal[parts];
        Array.Fill(ratios, 1m);
        return Allocate(ratios);
    }

    /// <summary>
    /// Splits the amount in proportion to <paramref name="ratios"/>, so that the parts add up
    /// exactly to this amount. Each part is first rounded toward zero to the minor unit; the minor
    /// units left over go one at a time to the parts that lost the most to that rounding (ties:
    /// earlier parts first), and any fraction below the minor unit stays with the first part.
    /// </summary>
    /// <param name="ratios">Non-negative weights, at least one of them positive.</param>
    /// <returns>One part per ratio, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratios"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no ratios, one is negative, or all are zero.</exception>
    public Money[] Allocate(params decimal[] ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Length == 0)
        {
            throw new ArgumentException("At least one ratio is needed.", nameof(ratios));
        }

        var total = 0m;
        foreach (var ratio in ratios)
        {
            if (ratio < 0m)
            {
                throw new ArgumentException($"Ratios must not be negative; found {ratio}.", nameof(ratios));
            }

            total += ratio;
        }

        if (total == 0m)
        {
            throw new ArgumentException("At least one ratio must be positive.", nameof(ratios));
        }

        var digits = Currency.MinorUnitDigits;
        var unit = Currency.MinorUnit;
        var sign = Amount < 0m ? -1m : 1m;
        var magnitude = Math.Abs(Amount);
        var whole = decimal.Round(magnitude, digits, MidpointRounding.ToZero);
        var subUnit = magnitude - whole;

        var shares = new decimal[ratios.Length];
        var losses = new decimal[ratios.Length];
        var allocated = 0m;
        for (var i = 0; i < ratios.Length; i++)
        {
            var exact = whole * ratios[i] / total;
            shares[i] = decimal.Round(exact, digits, MidpointRounding.ToZero);
            losses[i] = exact - shares[i];
            allocated += shares[i];
        }

        var remainingUnits = (int)decimal.Round((whole - allocated) / unit, 0, MidpointRounding.AwayFromZero);
        if (remainingUnits > 0)
        {
            var order = Enumerable.Range(0, ratios.Length)
                .OrderByDescending(i => losses[i])
                .ThenBy(i => i)
                .ToArray();
            for (var k = 0; k < remainingUnits; k++)
            {
                shares[order[k % order.Length]] += unit;
            }
        }

        shares[0] += subUnit;
        var result = new Money[ratios.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            result[i] = new Money(sign * shares[i], Currency);
        }

        return result;
    }
}
