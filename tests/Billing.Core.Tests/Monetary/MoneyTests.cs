using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Billing.Core.Tests.Monetary;

public class MoneyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(1000);

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
    public void Constructor_DefaultCurrency_IsRefused()
        => Should.Throw<ArgumentException>(() => new Money(1m, default));

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
        Should.Throw<ArgumentOutOfRangeException>(() => Money.Of(1m, "GBP").Allocate(0));
        Should.Throw<ArgumentException>(() => Money.Of(1m, "GBP").Allocate(Array.Empty<decimal>()));
        Should.Throw<ArgumentException>(() => Money.Of(1m, "GBP").Allocate(1m, -1m));
        Should.Throw<ArgumentException>(() => Money.Of(1m, "GBP").Allocate(0m, 0m));
    }

    [Fact]
    public void Allocate_EqualParts_AlwaysSumExactlyAndDifferByAtMostOneMinorUnit()
        => Prop.ForAll(Generators.Money, Gen.Choose(1, 50).ToArbitrary(), (money, parts) =>
        {
            var shares = money.Allocate(parts);
            var unit = money.Currency.MinorUnit;
            return shares.Length == parts
                && shares.Aggregate(Money.Zero(money.Currency), (a, b) => a + b) == money
                && shares.All(s => s.Currency == money.Currency)
                && shares.Skip(1).All(s => s.IsWholeMinorUnits)
                && (parts < 2 || shares.Skip(1).Max(s => Math.Abs(s.Amount)) - shares.Skip(1).Min(s => Math.Abs(s.Amount)) <= unit)
                && shares.All(s => s.Amount == 0m || Math.Sign(s.Amount) == Math.Sign(money.Amount));
        }).Check(Quick);

    [Fact]
    public void Allocate_ByRatios_AlwaysSumExactly()
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
            }).Check(Quick);
}
