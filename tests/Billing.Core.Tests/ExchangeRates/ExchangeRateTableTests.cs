using Billing.Core.ExchangeRates;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Billing.Core.Tests.ExchangeRates;

public class ExchangeRateTableTests
{
    private static readonly Instant Jan1 = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Feb1 = Instant.FromUtc(2026, 2, 1, 0, 0);

    private static readonly ExchangeRateTable Table = ExchangeRateTable.From(
    [
        new ExchangeRate(Currency.GBP, Currency.EUR, 1.20m, Feb1),
        new ExchangeRate(Currency.GBP, Currency.EUR, 1.15m, Jan1),
        new ExchangeRate(Currency.GBP, Currency.JPY, 190.123m, Jan1),
        new ExchangeRate(Currency.GBP, Currency.BHD, 0.47654m, Jan1),
    ]);

    [Fact]
    public void GetRate_UsesTheLatestRateEffectiveAtOrBeforeTheInstant()
    {
        Table.GetRate(Currency.GBP, Currency.EUR, Jan1).Rate.ShouldBe(1.15m);
        Table.GetRate(Currency.GBP, Currency.EUR, Feb1 - Duration.Epsilon).Rate.ShouldBe(1.15m);
        Table.GetRate(Currency.GBP, Currency.EUR, Feb1).Rate.ShouldBe(1.20m);
        Table.GetRate(Currency.GBP, Currency.EUR, Feb1 + Duration.FromDays(400)).Rate.ShouldBe(1.20m);
    }

    [Fact]
    public void GetRate_BeforeTheFirstRate_ThrowsNamingPairAndInstant()
    {
        var ex = Should.Throw<BillingRuleException>(() => Table.GetRate(Currency.GBP, Currency.EUR, Jan1 - Duration.FromSeconds(1)));
        ex.Message.ShouldContain("GBP→EUR");
        ex.Message.ShouldContain("2025-12-31T23:59:59Z");
        Table.TryGetRate(Currency.GBP, Currency.EUR, Jan1 - Duration.FromSeconds(1), out _).ShouldBeFalse();
    }

    [Fact]
    public void GetRate_InversePair_IsNeverDerived()
        => Should.Throw<BillingRuleException>(() => Table.GetRate(Currency.EUR, Currency.GBP, Feb1)).Message.ShouldContain("EUR→GBP");

    [Theory]
    [InlineData("GBP", "EUR", "10.01", "11.51")]   // 11.5115 → 11.51
    [InlineData("GBP", "EUR", "0.03", "0.03")]     // 0.0345 → 0.03
    [InlineData("GBP", "JPY", "1.00", "190")]      // 190.123 → 190 (no minor unit)
    [InlineData("GBP", "JPY", "0.5", "95")]        // 95.0615 → 95
    [InlineData("GBP", "BHD", "1.00", "0.477")]    // 0.47654 → 0.477 (three digits)
    public void Convert_RoundsToTheTargetsMinorUnit(string from, string to, string amount, string expected)
        => Table.Convert(Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), from), Currency.FromCode(to), Jan1)
            .ShouldBe(Money.Of(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), to));

    [Fact]
    public void Convert_ExactlyHalfway_RoundsAwayFromZeroUnlessToldOtherwise()
    {
        var table = ExchangeRateTable.From([new ExchangeRate(Currency.EUR, Currency.GBP, 0.5m, Jan1)]);

        table.Convert(Money.Of(0.05m, "EUR"), Currency.GBP, Jan1).ShouldBe(Money.Of(0.03m, "GBP"));
        table.Convert(Money.Of(0.05m, "EUR"), Currency.GBP, Jan1, MidpointRounding.ToEven).ShouldBe(Money.Of(0.02m, "GBP"));
        table.Convert(Money.Of(0.07m, "EUR"), Currency.GBP, Jan1, MidpointRounding.ToZero).ShouldBe(Money.Of(0.03m, "GBP"));
    }

    [Fact]
    public void Convert_SameCurrency_ReturnsTheAmountUnroundedWithoutARate()
        => ExchangeRateTable.Empty.Convert(Money.Of(1.23456m, "GBP"), Currency.GBP, Jan1).ShouldBe(Money.Of(1.23456m, "GBP"));

    [Fact]
    public void ExchangeRate_InvalidValues_AreRefused()
    {
        Should.Throw<BillingRuleException>(() => new ExchangeRate(Currency.GBP, Currency.GBP, 1m, Jan1)).Field.ShouldBe("ExchangeRate.To");
        Should.Throw<BillingRuleException>(() => new ExchangeRate(Currency.GBP, Currency.EUR, 0m, Jan1)).Field.ShouldBe("ExchangeRate.Rate");
        Should.Throw<BillingRuleException>(() => new ExchangeRate(Currency.GBP, Currency.EUR, -1m, Jan1));
        Should.Throw<ArgumentException>(() => new ExchangeRate(default, Currency.EUR, 1m, Jan1));
        Should.Throw<BillingRuleException>(() => new ExchangeRate(Currency.GBP, Currency.EUR, 1m, Jan1).Convert(Money.Of(1m, "USD")));
    }

    [Fact]
    public void From_TwoRatesForOnePairAtOneInstant_IsRefused()
    {
        Should.Throw<BillingRuleException>(() => ExchangeRateTable.From(
            [new ExchangeRate(Currency.GBP, Currency.EUR, 1.1m, Jan1), new ExchangeRate(Currency.GBP, Currency.EUR, 1.2m, Jan1)]));
        Should.Throw<BillingRuleException>(() => Table.With(new ExchangeRate(Currency.GBP, Currency.EUR, 1.3m, Feb1)));
        Should.Throw<ArgumentException>(() => ExchangeRateTable.From([default]));
    }

    [Fact]
    public void With_AddsARateAndLeavesTheOriginalUnchanged()
    {
        var march = Instant.FromUtc(2026, 3, 1, 0, 0);
        var newer = Table.With(new ExchangeRate(Currency.GBP, Currency.EUR, 1.30m, march));

        newer.GetRate(Currency.GBP, Currency.EUR, march).Rate.ShouldBe(1.30m);
        Table.GetRate(Currency.GBP, Currency.EUR, march).Rate.ShouldBe(1.20m);
        newer.Rates.Length.ShouldBe(Table.Rates.Length + 1);
    }

    [Property(MaxTest = 1000)]
    public Property GetRate_AnyScheduleAndInstant_IsTheLatestEffectiveRateAtOrBefore()
    {
        // Rates on distinct hours 0..200 of one pair, queried at any hour -10..210: compared with a linear scan.
        var schedule = Gen.Choose(0, 200).ArrayOf().Select(hours => hours.Distinct().ToArray());
        var arb = Arb.From(
            from hours in schedule
            from at in Gen.Choose(-10, 210)
            select (hours, at),
            x => x.hours.Length == 0
                ? []
                : Enumerable.Range(0, x.hours.Length).Select(i => (x.hours.Where((_, j) => j != i).ToArray(), x.at)));

        return Prop.ForAll(arb, x =>
        {
            var rates = x.hours.Select(h => new ExchangeRate(Currency.GBP, Currency.EUR, 1m + h / 1000m, Jan1 + Duration.FromHours(h))).ToArray();
            var table = ExchangeRateTable.From(rates);
            var at = Jan1 + Duration.FromHours(x.at);
            var expected = rates.Where(r => r.EffectiveFrom <= at).OrderBy(r => r.EffectiveFrom).LastOrDefault();
            var found = table.TryGetRate(Currency.GBP, Currency.EUR, at, out var rate);
            return found == (expected != default) && (!found || rate == expected);
        });
    }
}
