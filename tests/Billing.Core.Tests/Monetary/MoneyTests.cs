using System.Globalization;
using System.Numerics;
using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Monetary;

public class MoneyTests
{
    [Theory]
    [InlineData("GBP", "1.005", "1.01")]
    [InlineData("GBP", "1.004999", "1.00")]
    [InlineData("GBP", "-1.005", "-1.01")]
    [InlineData("GBP", "2.675", "2.68")]
    [InlineData("JPY", "100.5", "101")]
    [InlineData("JPY", "-100.5", "-101")]
    [InlineData("JPY", "99.49", "99")]
    [InlineData("BHD", "1.0005", "1.001")]
    [InlineData("BHD", "-0.0005", "-0.001")]
    [InlineData("BHD", "12.34549", "12.345")]
    public void Round_DefaultMode_RoundsHalfAwayFromZeroToTheMinorUnit(string code, string amount, string expected)
        => Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code).Round()
            .ShouldBe(Money.Of(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), code));

    [Theory]
    [InlineData("GBP", "1.005", "1.00")]
    [InlineData("GBP", "1.015", "1.02")]
    [InlineData("JPY", "100.5", "100")]
    [InlineData("BHD", "1.0005", "1.000")]
    public void Round_ToEven_RoundsHalfToTheEvenMinorUnit(string code, string amount, string expected)
        => Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code).Round(MidpointRounding.ToEven)
            .ShouldBe(Money.Of(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), code));

    [Fact]
    public void Arithmetic_KeepsFullPrecision()
    {
        var perSecond = Money.Of(0.0012345m, "GBP");
        (perSecond * 3m).Amount.ShouldBe(0.0037035m);
        (perSecond + perSecond - perSecond).ShouldBe(perSecond);
    }

    [Fact]
    public void Add_DifferentCurrencies_ThrowsNamingBothCurrencies()
    {
        var ex = Should.Throw<BillingRuleException>(() => Money.Of(1m, "GBP") + Money.Of(1m, "EUR"));
        ex.Field.ShouldBe("Money.Currency");
        ex.Message.ShouldContain("GBP");
        ex.Message.ShouldContain("EUR");
    }

    [Fact]
    public void SubtractAndCompare_DifferentCurrencies_Throw()
    {
        Should.Throw<BillingRuleException>(() => Money.Of(1m, "GBP") - Money.Of(1m, "USD"));
        Should.Throw<BillingRuleException>(() => Money.Of(1m, "GBP") < Money.Of(1m, "USD"));
        Should.Throw<BillingRuleException>(() => Money.Of(1m, "GBP").CompareTo(Money.Of(1m, "JPY")));
    }

    [Fact]
    public void Equality_SameAmountDifferentCurrency_IsNotEqual()
    {
        Money.Of(1m, "GBP").ShouldNotBe(Money.Of(1m, "EUR"));
        Money.Of(1.50m, "GBP").ShouldBe(Money.Of(1.5m, "GBP"));
        Money.Of(1.50m, "GBP").GetHashCode().ShouldBe(Money.Of(1.5m, "GBP").GetHashCode());
    }

    [Fact]
    public void Constructor_DefaultCurrency_IsRefusedNamingIt()
        => Should.Throw<ArgumentException>(() => new Money(1m, default)).ParamName.ShouldBe("currency");

    [Fact]
    public void IsDefault_IsTrueOnlyForTheDefaultValue()
    {
        default(Money).IsDefault.ShouldBeTrue();
        default(Currency).IsDefault.ShouldBeTrue();
        Money.Zero(Currency.JPY).IsDefault.ShouldBeFalse();
        Currency.GBP.IsDefault.ShouldBeFalse();
    }

    [Theory]
    [InlineData("1000000000000000000.01")]
    [InlineData("-1000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    public void Constructor_AmountBeyondMaxAmount_IsRefusedNamingTheFieldAndTheBound(string amount)
    {
        var ex = Should.Throw<BillingRuleException>(() => new Money(Dec(amount), Currency.GBP));
        ex.Field.ShouldBe("Money.Amount");
        ex.Value.ShouldBe(amount + " GBP");
        ex.Rule.ShouldContain("1000000000000000000 (Money.MaxAmount");
    }

    [Theory]
    [InlineData("1000000000000000000", true)]
    [InlineData("1000000000000000000.0000000000", true)]
    [InlineData("1000000000000000000.0000000001", false)]
    [InlineData("-1000000000000000000.0000000001", false)]
    [InlineData("999999999999999999.99999999999", true)]
    [InlineData("990000000000000000", true)]
    [InlineData("989999999999999999.9999999999", true)]
    [InlineData("1000000000000000001", false)]
    [InlineData("0.0000000000000000000000000001", true)]
    public void Constructor_AmountsAroundTheBound_AreJudgedExactly(string amount, bool accepted)
    {
        var value = Dec(amount);
        if (accepted)
        {
            new Money(value, Currency.GBP).Amount.ShouldBe(value);
        }
        else
        {
            Should.Throw<BillingRuleException>(() => new Money(value, Currency.GBP)).Field.ShouldBe("Money.Amount");
        }
    }

    [Fact]
    public void Constructor_AmountsAtTheBound_AreAccepted()
    {
        new Money(Money.MaxAmount, Currency.JPY).Amount.ShouldBe(1_000_000_000_000_000_000m);
        new Money(-Money.MaxAmount, Currency.BHD).Amount.ShouldBe(-1_000_000_000_000_000_000m);
    }

    [Fact]
    public void AddAndSubtract_ResultBeyondTheBound_AreRefusedAsTheMoneyRule()
    {
        var max = Money.Of(Money.MaxAmount, "GBP");
        var penny = Money.Of(0.01m, "GBP");
        Should.Throw<BillingRuleException>(() => max + penny).Field.ShouldBe("Money.Amount");
        Should.Throw<BillingRuleException>(() => -max - penny).Field.ShouldBe("Money.Amount");
        Should.Throw<BillingRuleException>(() => max.Add(penny)).Rule.ShouldContain("Money.MaxAmount");
        Should.Throw<BillingRuleException>(() => (-max).Subtract(penny)).Rule.ShouldContain("Money.MaxAmount");
        (max - penny + penny).ShouldBe(max);
    }

    [Theory]
    [InlineData("1000000000000000000", "1.0000000001")]
    [InlineData("1000000000000000000", "79228162514264337593543950335")]
    [InlineData("-0.01", "-79228162514264337593543950335")]
    [InlineData("12.5", "-79228162514264337593543950335")]
    public void Multiply_ResultBeyondTheBoundOrDecimal_IsRefusedAsTheMoneyRuleNeverAsOverflow(string amount, string factor)
    {
        var money = Money.Of(Dec(amount), "GBP");
        foreach (var product in new Func<Money>[] { () => money * Dec(factor), () => Dec(factor) * money, () => money.Multiply(Dec(factor)) })
        {
            var ex = Should.Throw<BillingRuleException>(() => product());
            ex.Field.ShouldBe("Money.Amount");
            ex.Rule.ShouldContain("Money.MaxAmount");
        }
    }

    [Property(MaxTest = 1000)]
    public Property Multiply_AnyAmountByAnyFactor_IsTheProductOrTheBoundRule()
        => Prop.ForAll(
            Bounded.ToArbitrary(),
            Gen.Frequency((3, Generators.Amount), (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 1e-28m, 7.9e28m, 1e10m, -1e10m))).ToArbitrary(),
            (amount, factor) =>
            {
                var money = Money.Of(amount, "EUR");
                decimal? exact;
                try
                {
                    exact = amount * factor;
                }
                catch (OverflowException)
                {
                    exact = null;
                }

                try
                {
                    return (money * factor).Amount == exact;
                }
                catch (BillingRuleException e)
                {
                    return e.Field == "Money.Amount" && (exact is null || Math.Abs(exact.Value) > Money.MaxAmount);
                }
            });

    [Fact]
    public void Operators_DefaultOperand_AreArgumentErrorsNamingIt()
    {
        var gbp = Money.Of(1m, "GBP");
        Should.Throw<ArgumentException>(() => default(Money) + gbp).ParamName.ShouldBe("left");
        Should.Throw<ArgumentException>(() => gbp - default(Money)).ParamName.ShouldBe("right");
        Should.Throw<ArgumentException>(() => default(Money) + default(Money)).ParamName.ShouldBe("left");
        Should.Throw<ArgumentException>(() => -default(Money)).ParamName.ShouldBe("value");
        Should.Throw<ArgumentException>(() => default(Money) * 2m).ParamName.ShouldBe("money");
        Should.Throw<ArgumentException>(() => gbp < default(Money)).ParamName.ShouldBe("right");
        Should.Throw<ArgumentException>(() => gbp.Add(default)).ParamName.ShouldBe("other");
        Should.Throw<ArgumentException>(() => gbp.CompareTo(default)).ParamName.ShouldBe("other");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    public void Round_UndefinedMode_IsRefusedAsDocumented(int mode)
        => Should.Throw<ArgumentOutOfRangeException>(() => Money.Of(1.005m, "GBP").Round((MidpointRounding)mode)).ParamName.ShouldBe("mode");

    [Fact]
    public void Round_NextToTheBound_StaysWithinIt()
    {
        Money.Of(Money.MaxAmount - 0.005m, "GBP").Round().ShouldBe(Money.Of(Money.MaxAmount, "GBP"));
        Money.Of(-Money.MaxAmount + 0.4m, "JPY").Round().ShouldBe(Money.Of(-Money.MaxAmount, "JPY"));
    }

    [Fact]
    public void ToString_ShowsInvariantAmountAndCode()
        => Money.Of(1234.5m, "GBP").ToString().ShouldBe("1234.5 GBP");

    [Fact]
    public void Allocate_TenPoundsThreeWays_GivesTheExtraPennyToTheFirstPart()
        => Money.Of(10m, "GBP").Allocate(3).ShouldBe([Money.Of(3.34m, "GBP"), Money.Of(3.33m, "GBP"), Money.Of(3.33m, "GBP")]);

    [Fact]
    public void Allocate_ByRatios_SplitsProportionally()
        => Money.Of(100m, "GBP").Allocate(1m, 2m, 2m).ShouldBe([Money.Of(20m, "GBP"), Money.Of(40m, "GBP"), Money.Of(40m, "GBP")]);

    [Fact]
    public void Allocate_Negative_MirrorsThePositiveSplit()
        => Money.Of(-0.05m, "GBP").Allocate(2).ShouldBe([Money.Of(-0.03m, "GBP"), Money.Of(-0.02m, "GBP")]);

    [Fact]
    public void Allocate_SubMinorFraction_StaysWithTheFirstPart()
        => Money.Of(1.005m, "GBP").Allocate(2).ShouldBe([Money.Of(0.505m, "GBP"), Money.Of(0.50m, "GBP")]);

    [Fact]
    public void Allocate_Yen_HasNoFractions()
        => Money.Of(100m, "JPY").Allocate(3).ShouldBe([Money.Of(34m, "JPY"), Money.Of(33m, "JPY"), Money.Of(33m, "JPY")]);

    [Fact]
    public void Allocate_BadArguments_Throw()
    {
        var pound = Money.Of(1m, "GBP");
        Should.Throw<ArgumentOutOfRangeException>(() => pound.Allocate(0)).ParamName.ShouldBe("parts");
        Should.Throw<ArgumentOutOfRangeException>(() => pound.Allocate(Money.MaxAllocationParts + 1)).ParamName.ShouldBe("parts");
        Should.Throw<ArgumentOutOfRangeException>(() => pound.Allocate(int.MaxValue));
        Should.Throw<ArgumentNullException>(() => pound.Allocate(null!)).ParamName.ShouldBe("ratios");
        Should.Throw<ArgumentException>(() => pound.Allocate(Array.Empty<decimal>())).ParamName.ShouldBe("ratios");
        Should.Throw<ArgumentException>(() => pound.Allocate(new decimal[Money.MaxAllocationParts + 1])).ParamName.ShouldBe("ratios");
        Should.Throw<ArgumentException>(() => pound.Allocate(0m, 0m)).ParamName.ShouldBe("ratios");
    }

    [Fact]
    public void Allocate_RatioCountOutOfRangeOrNoPositiveRatio_SaysWhich()
    {
        var pound = Money.Of(1m, "GBP");
        Should.Throw<ArgumentException>(() => pound.Allocate(Array.Empty<decimal>())).Message.ShouldContain("0 were given");
        var tooMany = Should.Throw<ArgumentException>(() => pound.Allocate(Enumerable.Repeat(1m, Money.MaxAllocationParts + 1).ToArray()));
        tooMany.ParamName.ShouldBe("ratios");
        tooMany.Message.ShouldContain("Between 1 and 1000000 ratios are needed; 1000001 were given");
        Should.Throw<ArgumentException>(() => pound.Allocate(0m, 0m)).Message.ShouldContain("At least one ratio must be positive");
    }

    [Fact]
    public void Allocate_TheMostRatiosAllowed_AreSplitAmong()
    {
        var parts = Money.Of(0.07m, "GBP").Allocate(Enumerable.Repeat(2.5m, Money.MaxAllocationParts).ToArray());
        parts.Length.ShouldBe(Money.MaxAllocationParts);
        parts.Take(7).ShouldAllBe(p => p == Money.Of(0.01m, "GBP"));
        parts.Skip(7).ShouldAllBe(p => p.IsZero);
    }

    [Fact]
    public void Allocate_Parts_HaveTheCurrencysMinorUnitDigits()
    {
        Money.Of(10m, "GBP").Allocate(1m, 2m).Select(p => p.ToString()).ShouldBe(["3.33 GBP", "6.67 GBP"]);
        Money.Of(1m, "BHD").Allocate(3).Select(p => p.ToString()).ShouldBe(["0.334 BHD", "0.333 BHD", "0.333 BHD"]);
        Money.Of(-0m, "GBP").Allocate(1m, 1m).ShouldAllBe(p => p.IsZero && !p.IsNegative);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("-79228162514264337593543950335")]
    public void Allocate_NegativeRatio_IsRefusedEvenBesidePositiveOnes(string negative)
    {
        var ex = Should.Throw<ArgumentException>(() => Money.Of(10m, "GBP").Allocate(3m, Dec(negative), 1m));
        ex.ParamName.ShouldBe("ratios");
        ex.Message.ShouldContain("must not be negative");
    }

    [Theory]
    [InlineData("1", "2", "0.02", "0.03")]
    [InlineData("2", "1", "0.03", "0.02")]
    [InlineData("0.0000000000000000000000000002", "0.0000000000000000000000000001", "0.03", "0.02")]
    public void Allocate_FivePenceOneToTwo_GivesTheLeftoverPennyToTheLargerLoss(string first, string second, string expectedFirst, string expectedSecond)
        => Money.Of(0.05m, "GBP").Allocate(Dec(first), Dec(second)).ShouldBe([Money.Of(Dec(expectedFirst), "GBP"), Money.Of(Dec(expectedSecond), "GBP")]);

    [Fact]
    public void Allocate_TwoTinyEqualRatios_SplitsExactlyWithoutInventingAPenny()
        => Money.Of(999_999_999.99m, "GBP").Allocate(1e-28m, 1e-28m)
            .ShouldBe([Money.Of(500_000_000.00m, "GBP"), Money.Of(499_999_999.99m, "GBP")]);

    [Fact]
    public void Allocate_RatiosWhoseSumOverflowsDecimal_SplitsExactly()
        => Money.Of(1m, "GBP").Allocate(decimal.MaxValue, decimal.MaxValue).ShouldBe([Money.Of(0.50m, "GBP"), Money.Of(0.50m, "GBP")]);

    [Fact]
    public void Allocate_HugeBesideTinyRatio_GivesTheTinyOneNothing()
        => Money.Of(100m, "GBP").Allocate(7.9e28m, 1e-28m).ShouldBe([Money.Of(100m, "GBP"), Money.Of(0m, "GBP")]);

    [Fact]
    public void Allocate_MaxAmountThreeWays_SumsToIt()
    {
        var parts = Money.Of(-Money.MaxAmount, "BHD").Allocate(3);
        parts.ShouldBe([Money.Of(-333_333_333_333_333_333.334m, "BHD"), Money.Of(-333_333_333_333_333_333.333m, "BHD"), Money.Of(-333_333_333_333_333_333.333m, "BHD")]);
        parts.Aggregate((a, b) => a + b).ShouldBe(Money.Of(-Money.MaxAmount, "BHD"));
    }

    [Fact]
    public void Allocate_AFewPenceManyWays_GivesThePenniesToTheFirstParts()
    {
        var parts = Money.Of(0.07m, "GBP").Allocate(Money.MaxAllocationParts);
        parts.Length.ShouldBe(Money.MaxAllocationParts);
        parts.Take(7).ShouldAllBe(p => p == Money.Of(0.01m, "GBP"));
        parts.Skip(7).ShouldAllBe(p => p.IsZero);
    }

    /// <summary>
    /// The three facts of an exact allocation, for amounts up to the bound and ratios of any scale: the parts sum to the amount; each
    /// part (the first without the fraction below the minor unit) is within one minor unit of its exact share
    /// <c>whole × ratio / Σ ratios</c>; and a part rounded up never lost less to rounding than a part rounded down (ties: the earlier).
    /// The shares are checked as exact fractions of integers.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Allocate_AnyAmountAndRatios_IsExactAndFair()
        => Prop.ForAll(Bounded.ToArbitrary(), Generators.Currency.ToArbitrary(), Ratios.ToArbitrary(), (amount, currency, ratios) =>
        {
            var money = new Money(amount, currency);
            var parts = money.Allocate(ratios);
            var sum = parts.Aggregate(Money.Zero(currency), (a, b) => a + b);

            // Everything in integers: minor units of the whole amount, ratios over one power of ten.
            var unit = currency.MinorUnitDigits;
            var whole = decimal.Round(Math.Abs(amount), unit, MidpointRounding.ToZero);
            var first = parts[0].Amount - Math.Sign(amount) * (Math.Abs(amount) - whole);
            var units = Scaled(whole, unit);
            var scale = ratios.Max(r => r.Scale);
            var weights = ratios.Select(r => Scaled(r, scale)).ToArray();
            var total = weights.Aggregate(BigInteger.Zero, (a, b) => a + b);
            var wholeUnits = parts.Skip(1).All(p => p.IsWholeMinorUnits) && new Money(first, currency).IsWholeMinorUnits;
            if (!wholeUnits)
            {
                return false.Label($"{money} by [{string.Join(", ", ratios)}] gave parts that are not whole minor units: [{string.Join(", ", parts)}]");
            }

            var given = parts.Select((p, i) => Scaled(Math.Abs(i == 0 ? first : p.Amount), unit)).ToArray();

            var withinOneUnit = Enumerable.Range(0, parts.Length).All(i => BigInteger.Abs(given[i] * total - units * weights[i]) < total);
            var fair = true;
            for (var i = 0; i < parts.Length; i++)
            {
                for (var j = 0; j < parts.Length; j++)
                {
                    var up = given[i] * total > units * weights[i];
                    var down = given[j] * total < units * weights[j];
                    if (up && down)
                    {
                        var lossI = units * weights[i] % total;
                        var lossJ = units * weights[j] % total;
                        fair &= lossI > lossJ || (lossI == lossJ && i < j);
                    }
                }
            }

            return (sum == money && withinOneUnit && fair && parts.All(p => p.Currency == currency))
                .Label($"{money} by [{string.Join(", ", ratios)}] gave [{string.Join(", ", parts)}]");
        });

    /// <summary>Amounts within ±MaxAmount: ordinary ones, ones at the bound, and ones with many digits on both sides of the point.</summary>
    private static Gen<decimal> Bounded =>
        Gen.Frequency(
            (4, Generators.Amount),
            (1, Gen.Elements(Money.MaxAmount, -Money.MaxAmount, 999_999_999.99m, 1e-28m, -0.0049m, Money.MaxAmount - 0.0001m)),
            (2, from high in Gen.Choose(0, 999_999_999)
                from low in Gen.Choose(0, 999_999_999)
                from fraction in Gen.Choose(0, 9_999)
                from negative in Gen.Elements(true, false)
                select (negative ? -1m : 1m) * ((high * 1_000_000_000m) + low + (fraction / 10_000m))));

    /// <summary>1 to 20 ratios of any scale, zero included, with a positive sum: from 1e-28 to 7.9e28.</summary>
    private static Gen<decimal[]> Ratios =>
        Gen.Frequency(
                (4, from mantissa in Gen.Choose(0, int.MaxValue) from scale in Gen.Choose(0, 28) select new decimal(mantissa, 0, 0, false, (byte)scale)),
                (2, from a in Gen.Choose(0, 1000) select (decimal)a),
                (1, Gen.Elements(0m, 1e-28m, 7.9e28m, decimal.MaxValue, 1m)))
            .ArrayOf()
            .Where(r => r.Length is > 0 and <= 20 && r.Any(x => x > 0m));

    /// <summary>A non-negative decimal with at most <paramref name="scale"/> fraction digits, times 10^scale, read from its invariant text.</summary>
    private static BigInteger Scaled(decimal value, int scale)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? string.Empty : text[(point + 1)..].TrimEnd('0');
        fraction.Length.ShouldBeLessThanOrEqualTo(scale, $"{value} has more than {scale} fraction digits");
        return BigInteger.Parse((point < 0 ? text : text[..point]) + fraction.PadRight(scale, '0'), CultureInfo.InvariantCulture);
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Property(MaxTest = 1000)]
    public Property Allocate_EqualParts_AlwaysSumExactlyAndDifferByAtMostOneMinorUnit()
        => Prop.ForAll(Bounded.ToArbitrary(), Generators.Currency.ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (amount, currency, parts) =>
        {
            var money = new Money(amount, currency);
            var shares = money.Allocate(parts);
            var unit = money.Currency.MinorUnit;
            return shares.Length == parts
                && shares.Aggregate(Money.Zero(money.Currency), (a, b) => a + b) == money
                && shares.All(s => s.Currency == money.Currency)
                && shares.Skip(1).All(s => s.IsWholeMinorUnits)
                && (parts < 2 || shares.Skip(1).Max(s => Math.Abs(s.Amount)) - shares.Skip(1).Min(s => Math.Abs(s.Amount)) <= unit)
                && shares.All(s => s.Amount == 0m || Math.Sign(s.Amount) == Math.Sign(money.Amount));
        });

    [Property(MaxTest = 300)]
    public Property Allocate_EqualParts_IsAllocationByEqualRatios()
        => Prop.ForAll(Bounded.ToArbitrary(), Gen.Choose(1, 200).ToArbitrary(), Gen.Elements(1m, 0.5m, 1e-28m, 7.9e28m).ToArbitrary(), (amount, parts, ratio) =>
        {
            var money = Money.Of(amount, "BHD");
            return money.Allocate(parts).SequenceEqual(money.Allocate(Enumerable.Repeat(ratio, parts).ToArray()));
        });

    [Property(MaxTest = 1000)]
    public Property Allocate_ByRatios_AlwaysSumExactly()
        => Prop.ForAll(
            Generators.Money,
            Gen.Choose(0, 1000).Select(i => (decimal)i / 10m).NonEmptyListOf().Where(l => l.Sum() > 0m).Select(l => l.ToArray()).ToArbitrary(),
            (money, ratios) =>
            {
                var shares = money.Allocate(ratios);
                return shares.Length == ratios.Length
                    && shares.Aggregate(Money.Zero(money.Currency), (a, b) => a + b) == money
                    && shares.Skip(1).All(s => s.IsWholeMinorUnits)
                    && shares.Select((s, i) => ratios[i] == 0m ? s.Amount == 0m || i == 0 : true).All(ok => ok);
            });
}
