using System.Numerics;

namespace Billing.Core.Monetary;

// Splitting an amount without losing or inventing a minor unit: the replacement for division. The arithmetic is exact: integers
// of minor units and of ratios brought to one scale, so no amount or ratio, however large or small, rounds or overflows.
public readonly partial struct Money
{
    /// <summary>The most parts <see cref="Allocate(int)"/> and <see cref="Allocate(decimal[])"/> split an amount into.</summary>
    public const int MaxAllocationParts = 1_000_000;

    /// <summary>
    /// Splits the amount into <paramref name="parts"/> amounts that differ by at most one minor
    /// unit and add up exactly to this amount. Earlier parts receive the extra minor units; any
    /// fraction below the minor unit stays with the first part.
    /// </summary>
    /// <param name="parts">How many parts, 1 to <see cref="MaxAllocationParts"/>.</param>
    /// <returns>The parts, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1 or more than <see cref="MaxAllocationParts"/>.</exception>
    public Money[] Allocate(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, MaxAllocationParts);
        var ratios = new decimal[parts];
        Array.Fill(ratios, 1m);
        return Split(ratios);
    }

    /// <summary>
    /// Splits the amount in proportion to <paramref name="ratios"/>, so that the parts add up exactly to this amount. Each part
    /// is first its exact share rounded toward zero to the minor unit; the minor units left over go one at a time to the parts
    /// that lost the most to that rounding (ties: earlier parts first), and any fraction below the minor unit stays with the
    /// first part. So each part is within one minor unit of its exact share (the first part: plus that fraction), and a part
    /// whose ratio is zero gets nothing (the first part apart from the fraction).
    /// </summary>
    /// <param name="ratios">Weights, each zero or positive (a negative ratio is refused), at least one positive; at most
    /// <see cref="MaxAllocationParts"/> of them. Any <see cref="decimal"/> is exact here: <c>1e-28</c> and <c>7.9e28</c> mix freely.</param>
    /// <returns>One part per ratio, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ratios"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no ratios or more than <see cref="MaxAllocationParts"/>, one is negative, or all are zero.</exception>
    /// <example><c>Money.Of(0.05m, "GBP").Allocate(1m, 2m)</c> is <c>[0.02 GBP, 0.03 GBP]</c>: the exact shares are 0.0166… and 0.0333…, so the
    /// first part lost more to rounding down and takes the leftover penny.</example>
    public Money[] Allocate(params decimal[] ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Length is 0 or > MaxAllocationParts)
        {
            throw new ArgumentException($"Between 1 and {MaxAllocationParts} ratios are needed; {ratios.Length} were given.", nameof(ratios));
        }

        var positive = false;
        foreach (var ratio in ratios)
        {
            if (ratio < 0m)
            {
                throw new ArgumentException($"Ratios must not be negative; found {Guard.Format(ratio)}.", nameof(ratios));
            }

            positive |= ratio > 0m;
        }

        if (!positive)
        {
            throw new ArgumentException("At least one ratio must be positive.", nameof(ratios));
        }

        return Split(ratios);
    }

    private Money[] Split(decimal[] ratios)
    {
        var digits = Currency.MinorUnitDigits;
        var negative = Amount < 0m;
        var magnitude = Math.Abs(Amount);
        var whole = decimal.Round(magnitude, digits, MidpointRounding.ToZero);
        var subUnit = magnitude - whole;

        // Whole minor units to share (at most 10^22), and the ratios as integers over one common power of ten.
        var units = Integer(whole, digits);
        var scale = 0;
        foreach (var ratio in ratios)
        {
            scale = Math.Max(scale, ratio.Scale);
        }

        var weights = new BigInteger[ratios.Length];
        var total = BigInteger.Zero;
        for (var i = 0; i < ratios.Length; i++)
        {
            weights[i] = Integer(ratios[i], scale);
            total += weights[i];
        }

        // Exact share i = units × weight_i / total: its floor, and what rounding down lost (as a numerator over total).
        var shares = new BigInteger[ratios.Length];
        var losses = new BigInteger[ratios.Length];
        var allocated = BigInteger.Zero;
        for (var i = 0; i < ratios.Length; i++)
        {
            shares[i] = BigInteger.DivRem(units * weights[i], total, out losses[i]);
            allocated += shares[i];
        }

        // Fewer units are left over than there are parts; they go to the largest losses, earlier parts first on a tie.
        var leftover = (int)(units - allocated);
        if (leftover > 0)
        {
            var order = new int[ratios.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => losses[a] != losses[b] ? losses[b].CompareTo(losses[a]) : a.CompareTo(b));
            for (var k = 0; k < leftover; k++)
            {
                shares[order[k]] += BigInteger.One;
            }
        }

        var result = new Money[ratios.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var part = Decimal(shares[i], digits) + (i == 0 ? subUnit : 0m);
            result[i] = new Money(Currency, negative && part != 0m ? -part : part);
        }

        return result;
    }

    /// <summary>A non-negative decimal times 10^<paramref name="scale"/>, as an integer; the decimal has at most that many fraction digits.</summary>
    private static BigInteger Integer(decimal value, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return mantissa * BigInteger.Pow(10, scale - value.Scale);
    }

    /// <summary>The decimal <paramref name="units"/> × 10^-<paramref name="digits"/>, exactly; <paramref name="units"/> fits in 96 bits.</summary>
    private static decimal Decimal(BigInteger units, int digits)
    {
        var low = (int)(uint)(units & uint.MaxValue);
        var mid = (int)(uint)((units >> 32) & uint.MaxValue);
        var high = (int)(uint)(units >> 64);
        return new decimal(low, mid, high, isNegative: false, (byte)digits);
    }
}
