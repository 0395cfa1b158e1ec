using System.Globalization;
using Billing.Core.Monetary;
using Billing.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Monetary;

/// <summary>The comparison, sign and product operators of <see cref="Money"/> and the argument names their refusals carry.</summary>
public class MoneyOperatorsTests
{
    private static Money Gbp(decimal amount) => Money.Of(amount, "GBP");

    [Theory]
    [InlineData("1.00", "2", true, false, true, false)]
    [InlineData("2", "1.99", false, true, false, true)]
    [InlineData("1.50", "1.5", false, false, true, true)]
    [InlineData("-3", "-2", true, false, true, false)]
    [InlineData("-0.01", "0", true, false, true, false)]
    public void Comparisons_OrderAmountsOfOneCurrencyByValue(string left, string right, bool less, bool greater, bool lessOrEqual, bool greaterOrEqual)
    {
        var (a, b) = (Gbp(Dec(left)), Gbp(Dec(right)));

        (a < b).ShouldBe(less);
        (a > b).ShouldBe(greater);
        (a <= b).ShouldBe(lessOrEqual);
        (a >= b).ShouldBe(greaterOrEqual);
    }

    [Property(MaxTest = 300)]
    public Property Comparisons_AgreeWithTheAmountsAndWithCompareTo()
        => Prop.ForAll(Generators.Amount.ToArbitrary(), Generators.Amount.ToArbitrary(), Generators.Currency.ToArbitrary(), (x, y, currency) =>
        {
            var (a, b) = (new Money(x, currency), new Money(y, currency));
            return (a < b) == (x < y) && (a > b) == (x > y) && (a <= b) == (x <= y) && (a >= b) == (x >= y)
                && Math.Sign(a.CompareTo(b)) == Math.Sign(x.CompareTo(y));
        });

    [Fact]
    public void Comparisons_DefaultOrOtherCurrency_AreRefused()
    {
        var pound = Gbp(1m);
        Should.Throw<ArgumentException>(() => default(Money) > pound).ParamName.ShouldBe("left");
        Should.Throw<ArgumentException>(() => pound <= default(Money)).ParamName.ShouldBe("right");
        Should.Throw<ArgumentException>(() => pound >= default(Money)).ParamName.ShouldBe("right");
        Should.Throw<BillingRuleException>(() => pound > Money.Of(1m, "EUR")).Field.ShouldBe("Money.Currency");
        Should.Throw<BillingRuleException>(() => pound <= Money.Of(1m, "EUR")).Value.ShouldBe("EUR");
        Should.Throw<BillingRuleException>(() => pound >= Money.Of(1m, "EUR")).Rule.ShouldContain("GBP");
    }

    [Fact]
    public void EqualsObject_IsTrueOnlyForEqualMoney()
    {
        Gbp(1.50m).Equals((object)Gbp(1.5m)).ShouldBeTrue();
        Gbp(1m).Equals((object)Money.Of(1m, "EUR")).ShouldBeFalse();
        Gbp(1m).Equals((object)1m).ShouldBeFalse();
        Gbp(1m).Equals(null).ShouldBeFalse();
    }

    [Fact]
    public void Inequality_IsTheOppositeOfEquality()
    {
        (Gbp(1m) != Money.Of(1m, "EUR")).ShouldBeTrue();
        (Gbp(1m) != Gbp(1.01m)).ShouldBeTrue();
        (Gbp(1.50m) != Gbp(1.5m)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("-0.01", true, false, false)]
    [InlineData("0", false, true, false)]
    [InlineData("0.0001", false, false, true)]
    public void SignProperties_TellNegativeZeroAndPositiveApart(string amount, bool negative, bool zero, bool positive)
    {
        var money = Gbp(Dec(amount));

        money.IsNegative.ShouldBe(negative);
        money.IsZero.ShouldBe(zero);
        money.IsPositive.ShouldBe(positive);
    }

    [Fact]
    public void UnaryMinusAndNegate_ReverseTheSign()
    {
        (-Gbp(1.25m)).ShouldBe(Gbp(-1.25m));
        Gbp(1.25m).Negate().ShouldBe(Gbp(-1.25m));
        Gbp(-Money.MaxAmount).Negate().ShouldBe(Gbp(Money.MaxAmount));
        Gbp(-0.5m).Abs().ShouldBe(Gbp(0.5m));
    }

    [Property(MaxTest = 300)]
    public Property UnaryMinus_AddedToTheAmount_GivesZeroAndTwiceGivesItBack()
        => Prop.ForAll(Generators.Money, money =>
            (money + -money).IsZero && -(-money) == money && money.Negate() == -money && (-money).Currency == money.Currency);

    [Fact]
    public void DecimalTimesMoney_IsMoneyTimesDecimal()
    {
        (3m * Gbp(0.0012345m)).ShouldBe(Gbp(0.0037035m));
        (-2m * Gbp(1.5m)).ShouldBe(Gbp(1.5m) * -2m);
        Should.Throw<ArgumentException>(() => 2m * default(Money)).ParamName.ShouldBe("money");
    }

    [Fact]
    public void Methods_OnDefault_NameTheInstanceAsThis()
    {
        Should.Throw<ArgumentException>(() => default(Money).Add(Gbp(1m))).ParamName.ShouldBe("this");
        Should.Throw<ArgumentException>(() => default(Money).Subtract(Gbp(1m))).ParamName.ShouldBe("this");
        Should.Throw<ArgumentException>(() => default(Money).Multiply(2m)).ParamName.ShouldBe("this");
        Should.Throw<ArgumentException>(() => Gbp(1m).Subtract(default)).ParamName.ShouldBe("other");
    }

    [Fact]
    public void Multiply_BeyondDecimal_NamesTheOperationAsTheValue()
    {
        var error = Should.Throw<BillingRuleException>(() => Gbp(Money.MaxAmount).Multiply(decimal.MaxValue));

        error.Field.ShouldBe("Money.Amount");
        error.Value.ShouldBe("1000000000000000000 GBP × 79228162514264337593543950335");
        error.Rule.ShouldBe(Money.BoundRule);
    }

    [Fact]
    public void Of_NullCode_IsAnArgumentErrorNamingIt()
        => Should.Throw<ArgumentNullException>(() => Money.Of(1m, null!)).ParamName.ShouldBe("currencyCode");

    [Fact]
    public void ToString_UsesTheGivenFormatProviderOrInvariant()
    {
        var commaDecimal = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

        Gbp(1234.5m).ToString("N2", commaDecimal).ShouldBe("1.234,50 GBP");
        Gbp(1234.5m).ToString("N2", null).ShouldBe("1,234.50 GBP");
    }

    [Fact]
    public void Round_EveryDefinedMode_IsAcceptedAndTheMessageNamesAnUndefinedOne()
    {
        Gbp(1.001m).Round(MidpointRounding.ToPositiveInfinity).ShouldBe(Gbp(1.01m));
        Gbp(-1.009m).Round(MidpointRounding.ToZero).ShouldBe(Gbp(-1.00m));
        Should.Throw<ArgumentOutOfRangeException>(() => Gbp(1m).Round((MidpointRounding)5)).Message.ShouldContain("Rounding mode 5");
    }

    [Fact]
    public void EnsureWithinBound_NamesTheCallersFieldAndTheBareAmount()
    {
        Money.EnsureWithinBound(-Money.MaxAmount, "Customer.CreditLimit").ShouldBe(-Money.MaxAmount);
        var error = Should.Throw<BillingRuleException>(() => Money.EnsureWithinBound(Money.MaxAmount + 1m, "Customer.CreditLimit"));

        error.Field.ShouldBe("Customer.CreditLimit");
        error.Value.ShouldBe("1000000000000000001");
        error.Rule.ShouldBe(Money.BoundRule);
    }

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
