using System.Globalization;
using System.Numerics;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Monetary;

/// <summary>
/// The choice between 128-bit and arbitrary-precision arithmetic inside <see cref="Money.Allocate(decimal[])"/>. Both give the same
/// shares, so only a direct test can show that the 128-bit path is taken exactly when its products fit.
/// </summary>
public class AllocationArithmeticTests
{
    private static readonly BigInteger Max128 = (BigInteger)UInt128.MaxValue;

    /// <summary>2^128 − 1 as a ratio of integer part 34028236692093846346337460743 beside one of scale 10 holding the last ten digits.</summary>
    private const decimal High = 34028236692093846346337460743m;

    [Fact]
    public void FitsIn128Bits_TotalExactlyTheLargest128BitInteger_Fits()
    {
        Money.FitsIn128Bits(UInt128.One, [High, 0.1768211455m], 10, out var weights, out var total).ShouldBeTrue();

        total.ShouldBe(UInt128.MaxValue);
        weights.ShouldBe([UInt128.MaxValue - 1768211455, (UInt128)1768211455]);
    }

    [Fact]
    public void FitsIn128Bits_OneMoreThanTheLargest_DoesNotFit()
        => Money.FitsIn128Bits(UInt128.One, [High, 0.1768211456m], 10, out _, out _).ShouldBeFalse();

    [Fact]
    public void FitsIn128Bits_TheLargestTotalTimesTwoUnits_DoesNotFit()
        => Money.FitsIn128Bits(2, [High, 0.1768211455m], 10, out _, out _).ShouldBeFalse();

    [Fact]
    public void FitsIn128Bits_NoUnits_FitsWhateverTheRatios()
    {
        Money.FitsIn128Bits(UInt128.Zero, [decimal.MaxValue, decimal.MaxValue], 0, out _, out var total).ShouldBeTrue();
        total.ShouldBe((UInt128)decimal.MaxValue * 2);
    }

    [Fact]
    public void FitsIn128Bits_ARatioWhoseIntegerOverflows_DoesNotFit()
        => Money.FitsIn128Bits(UInt128.One, [7.9e28m, 0.0000000001m], 10, out _, out _).ShouldBeFalse();

    /// <summary>
    /// For any number of minor units and any ratios: the 128-bit path is taken exactly when the total of the ratios as integers, and
    /// that total times the units, are at most 2^128 − 1, and then its integers are the exact ones.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property FitsIn128Bits_IsTrueExactlyWhenTheProductFits()
        => Prop.ForAll(Units.ToArbitrary(), Ratios.ToArbitrary(), (units, ratios) =>
        {
            var scale = ratios.Max(r => r.Scale);
            var exact = ratios.Select(r => Scaled(r, scale)).ToArray();
            var exactTotal = exact.Aggregate(BigInteger.Zero, (a, b) => a + b);
            var fits = exactTotal <= Max128 && (BigInteger)units * exactTotal <= Max128;

            var result = Money.FitsIn128Bits(units, ratios, scale, out var weights, out var total);

            return (result == fits && (!result || (weights.Select(w => (BigInteger)w).SequenceEqual(exact) && (BigInteger)total == exactTotal)))
                .Label($"{units} units by [{string.Join(", ", ratios)}]: {result}, expected {fits}");
        });

    /// <summary>Minor units of an amount up to the bound in a currency of up to four digits: 0 to 10^22, spread over every magnitude.</summary>
    private static Gen<UInt128> Units =>
        from digits in Gen.Choose(0, 22)
        from mantissa in Gen.Choose(0, int.MaxValue)
        select (UInt128)(ulong)mantissa * UInt128.Parse("1" + new string('0', digits), CultureInfo.InvariantCulture) / 1_000_000_000;

    /// <summary>1 to 8 ratios of every scale and size, zero included, with a positive sum.</summary>
    private static Gen<decimal[]> Ratios =>
        Gen.Frequency(
                (4, from lo in Gen.Choose(0, int.MaxValue)
                    from mid in Gen.Choose(0, int.MaxValue)
                    from hi in Gen.Choose(0, int.MaxValue)
                    from size in Gen.Choose(0, 2)
                    from scale in Gen.Choose(0, 28)
                    select new decimal(lo, size > 0 ? mid : 0, size > 1 ? hi : 0, false, (byte)scale)),
                (1, Gen.Elements(0m, 1m, 1e-28m, 7.9e28m, decimal.MaxValue, High, 0.1768211455m)))
            .ArrayOf()
            .Where(r => r.Length is > 0 and <= 8 && r.Any(x => x > 0m));

    /// <summary>A non-negative decimal times 10^scale, read from its invariant text.</summary>
    private static BigInteger Scaled(decimal value, int scale)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        return BigInteger.Parse((point < 0 ? text : text[..point]) + fraction.PadRight(scale, '0'), CultureInfo.InvariantCulture);
    }
}
