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

        // Equal shares lose equally to rounding, so the leftover units go to the first parts.
        var units = WholeUnits(out var subUnit);
        var (share, leftover) = UInt128.DivRem(units, (UInt128)parts);
        var result = new Money[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = Part(i < (int)leftover ? share + 1 : share, i == 0 ? subUnit : 0m);
        }

        return result;
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
        if (ratios.Length == 0 || ratios.Length > MaxAllocationParts)
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
        // 128-bit integers hold everything for ordinary ratios; ratios of very different scales need arbitrary precision.
        var units = WholeUnits(out var subUnit);
        var scale = 0;
        foreach (var ratio in ratios)
        {
            scale = Math.Max(scale, ratio.Scale);
        }

        var shares = FitsIn128Bits(units, ratios, scale, out var weights, out var total)
            ? Distribute(units, weights, total)
            : DistributeExactly(units, ratios, scale);

        var result = new Money[ratios.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Part(shares[i], i == 0 ? subUnit : 0m);
        }

        return result;
    }

    /// <summary>The whole minor units in the amount's magnitude (at most 10^22, so 74 bits), and the fraction below them.</summary>
    private UInt128 WholeUnits(out decimal subUnit)
    {
        var digits = Currency.MinorUnitDigits;
        var magnitude = Math.Abs(Amount);
        var whole = decimal.Round(magnitude, digits, MidpointRounding.ToZero);
        subUnit = magnitude - whole;
        return Mantissa(whole) * UInt128Pow10(digits - whole.Scale);
    }

    /// <summary>A part of this amount: whole minor units plus, for the first part, the fraction below them; with the amount's sign.</summary>
    private Money Part(UInt128 units, decimal extra)
    {
        var part = Decimal(units, Currency.MinorUnitDigits) + extra;
        return new Money(Currency, IsNegative && part != 0m ? -part : part);
    }

    /// <summary>
    /// Splits <paramref name="units"/> in proportion to <paramref name="weights"/>: each share is the floor of its exact share
    /// <c>units × weight / total</c>, then the units left over (fewer than there are shares) go one each to the largest remainders,
    /// earlier shares first on a tie.
    /// </summary>
    private static T[] Distribute<T>(T units, T[] weights, T total)
        where T : IBinaryInteger<T>
    {
        var shares = new T[weights.Length];
        var order = new Loss<T>[weights.Length];
        var allocated = T.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            (shares[i], var loss) = T.DivRem(units * weights[i], total);
            order[i] = new Loss<T>(loss, i);
            allocated += shares[i];
        }

        var leftover = int.CreateChecked(units - allocated);

        // Never negative; "!= 0" rather than "> 0", whose mutant ">= 0" would only sort when there is nothing to hand out.
        if (leftover != 0)
        {
            Array.Sort(order);
            for (var k = 0; k < leftover; k++)
            {
                shares[order[k].Index]++;
            }
        }

        return shares;
    }

    /// <summary>As <see cref="Distribute{T}"/>, in arbitrary precision: for ratios whose integers over one power of ten outgrow 128 bits
    /// (1e-28 beside 7.9e28). Every share is at most <paramref name="units"/>, so it fits in 128 bits again.</summary>
    private static UInt128[] DistributeExactly(UInt128 units, decimal[] ratios, int scale)
    {
        var weights = new BigInteger[ratios.Length];
        var total = BigInteger.Zero;
        for (var i = 0; i < ratios.Length; i++)
        {
            weights[i] = (BigInteger)Mantissa(ratios[i]) * BigInteger.Pow(10, scale - ratios[i].Scale);
            total += weights[i];
        }

        return Array.ConvertAll(Distribute((BigInteger)units, weights, total), share => (UInt128)share);
    }

    /// <summary>Whether the ratios as integers over 10^<paramref name="scale"/> and their total times <paramref name="units"/> fit in
    /// 128 bits (so every product <see cref="Distribute{T}"/> forms does); if so, the integers and their total. Exactly then:
    /// when this is false, the arbitrary-precision path gives the same shares.</summary>
    internal static bool FitsIn128Bits(UInt128 units, decimal[] ratios, int scale, out UInt128[] weights, out UInt128 total)
    {
        weights = new UInt128[ratios.Length];
        total = UInt128.Zero;
        var limit = units == UInt128.Zero ? UInt128.MaxValue : UInt128.MaxValue / units;
        for (var i = 0; i < ratios.Length; i++)
        {
            var mantissa = Mantissa(ratios[i]);
            var factor = UInt128Pow10(scale - ratios[i].Scale);
            if (mantissa != UInt128.Zero && factor > UInt128.MaxValue / mantissa)
            {
                return false;
            }

            weights[i] = mantissa * factor;
            if (weights[i] > limit - total)
            {
                return false;
            }

            total += weights[i];
        }

        return true;
    }

    /// <summary>The integer a non-negative decimal is when its scale is ignored (at most 96 bits).</summary>
    private static UInt128 Mantissa(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    private static UInt128 UInt128Pow10(int exponent)
    {
        var result = UInt128.One;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    /// <summary>The decimal <paramref name="units"/> × 10^-<paramref name="digits"/>, exactly, with <paramref name="digits"/> decimal
    /// places; <paramref name="units"/> fits in 96 bits.</summary>
    private static decimal Decimal(UInt128 units, int digits)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits((decimal)units, bits);
        return new decimal(bits[0], bits[1], bits[2], isNegative: false, (byte)digits);
    }

    /// <summary>Orders shares by what rounding down lost, most first, then by position.</summary>
    private readonly record struct Loss<T>(T Amount, int Index) : IComparable<Loss<T>>
        where T : IBinaryInteger<T>
    {
        public int CompareTo(Loss<T> other)
        {
            var byAmount = other.Amount.CompareTo(Amount);
            return byAmount != 0 ? byAmount : Index.CompareTo(other.Index);
        }
    }
}
