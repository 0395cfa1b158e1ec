using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using NodaTime;

namespace Billing.Core.Tests.ExchangeRates;

public class ExchangeRateTests
{
    private static readonly Instant Jan1 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public void Convert_ResultBeyondMaxAmount_IsRefusedAsTheMoneyRule()
    {
        var rate = new ExchangeRate(Currency.JPY, Currency.GBP, 10m, Jan1);
        var ex = Should.Throw<BillingRuleException>(() => rate.Convert(Money.Of(100_000_000_000_000_000.01m, "JPY")));
        ex.Field.ShouldBe("Money.Amount");
        ex.Rule.ShouldContain("1000000000000000000 (Money.MaxAmount");
    }

    [Fact]
    public void Convert_ProductBeyondDecimal_IsTheSameRuleNotAnOverflow()
    {
        var rate = new ExchangeRate(Currency.JPY, Currency.GBP, 79_000_000_000_000_000_000_000_000_000m, Jan1);
        var ex = Should.Throw<BillingRuleException>(() => rate.Convert(Money.Of(100m, "JPY")));
        ex.Field.ShouldBe("Money.Amount");
        ex.Value.ShouldBe("100 JPY × 79000000000000000000000000000 GBP/JPY");
        Should.Throw<BillingRuleException>(() => ExchangeRateTable.From([rate]).Convert(Money.Of(100m, "JPY"), Currency.GBP, Jan1))
            .Rule.ShouldContain("Money.MaxAmount");
    }

    [Fact]
    public void Convert_JustOverTheBoundBeforeRounding_RoundsOntoIt()
        => new ExchangeRate(Currency.BHD, Currency.GBP, 1m, Jan1).Convert(Money.Of(Money.MaxAmount - 0.001m, "BHD"))
            .ShouldBe(Money.Of(Money.MaxAmount, "GBP"));

    [Fact]
    public void Convert_BadArguments_AreArgumentErrorsNamingThem()
    {
        var rate = new ExchangeRate(Currency.GBP, Currency.EUR, 1.17m, Jan1);
        Should.Throw<ArgumentException>(() => rate.Convert(default)).ParamName.ShouldBe("amount");
        Should.Throw<ArgumentOutOfRangeException>(() => rate.Convert(Money.Of(1m, "GBP"), (MidpointRounding)42)).ParamName.ShouldBe("mode");
        Should.Throw<ArgumentException>(() => ExchangeRateTable.Empty.Convert(Money.Of(1m, "GBP"), default, Jan1)).ParamName.ShouldBe("to");
        Should.Throw<ArgumentException>(() => ExchangeRateTable.Empty.With(default)).ParamName.ShouldBe("rate");
    }

    [Fact]
    public void Constructor_DefaultCurrency_IsAnArgumentErrorNamingIt()
    {
        Should.Throw<ArgumentException>(() => new ExchangeRate(default, Currency.EUR, 1m, Jan1)).ParamName.ShouldBe("from");
        Should.Throw<ArgumentException>(() => new ExchangeRate(Currency.GBP, default, 1m, Jan1)).ParamName.ShouldBe("to");
        default(ExchangeRate).IsDefault.ShouldBeTrue();
        new ExchangeRate(Currency.GBP, Currency.EUR, 1m, Jan1).IsDefault.ShouldBeFalse();
    }
}
