using Billing.Core.Balances;
using Billing.Core.Monetary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Core.Tests.Balances;

public class ThresholdMonitorTests
{
    private static readonly BalanceThreshold Eighty = BalanceThreshold.PercentOfCreditLimit(80m);
    private static readonly BalanceThreshold Hundred = BalanceThreshold.PercentOfCreditLimit(100m);
    private static readonly BalanceThreshold BelowFive = BalanceThreshold.FundsBelow(G(5m));

    private static Money G(decimal amount) => new(amount, Currency.GBP);

    private static ThresholdCrossing[] Postpaid(decimal before, decimal after)
        => [.. ThresholdMonitor.Crossings([Eighty, Hundred], BalanceModel.Postpaid, G(100m), G(before), G(after))];

    [Fact]
    public void Crossings_PostpaidWalk_ReportsEachCrossingOnceAndAgainAfterComingBack()
    {
        Postpaid(0m, 50m).ShouldBeEmpty();
        Postpaid(50m, 85m).ShouldBe([new ThresholdCrossing(Eighty, ThresholdDirection.Reached)]);
        Postpaid(85m, 90m).ShouldBeEmpty();                       // staying beyond reports nothing new
        Postpaid(90m, 100m).ShouldBe([new ThresholdCrossing(Hundred, ThresholdDirection.Reached)]); // reaching the limit counts
        Postpaid(100m, 70m).ShouldBe(
        [
            new ThresholdCrossing(Eighty, ThresholdDirection.Cleared),
            new ThresholdCrossing(Hundred, ThresholdDirection.Cleared),
        ]);
        Postpaid(70m, 81m).ShouldBe([new ThresholdCrossing(Eighty, ThresholdDirection.Reached)]); // crossing again reports again
    }

    [Fact]
    public void Crossings_OneTransactionOverSeveralThresholds_ReportsAllOfThem()
        => Postpaid(10m, 150m).ShouldBe(
        [
            new ThresholdCrossing(Eighty, ThresholdDirection.Reached),
            new ThresholdCrossing(Hundred, ThresholdDirection.Reached),
        ]);

    [Fact]
    public void Crossings_PrepaidFundsBelow_ReportsOnceAndAgainAfterATopUp()
    {
        ThresholdCrossing[] Walk(decimal before, decimal after)
            => [.. ThresholdMonitor.Crossings([BelowFive], BalanceModel.Prepaid, null, G(before), G(after))];

        Walk(10m, 5m).ShouldBeEmpty();                            // exactly 5 is not below 5
        Walk(5m, 4.99m).ShouldBe([new ThresholdCrossing(BelowFive, ThresholdDirection.Reached)]);
        Walk(4.99m, 0m).ShouldBeEmpty();
        Walk(0m, 20m).ShouldBe([new ThresholdCrossing(BelowFive, ThresholdDirection.Cleared)]);
        Walk(20m, 1m).ShouldBe([new ThresholdCrossing(BelowFive, ThresholdDirection.Reached)]);
    }

    [Fact]
    public void Crossings_ThresholdOfTheOtherModelOrWithoutLimit_NeverApplies()
    {
        ThresholdMonitor.Crossings([BelowFive], BalanceModel.Postpaid, G(100m), G(-10m), G(50m)).ShouldBeEmpty();
        ThresholdMonitor.Crossings([Eighty], BalanceModel.Prepaid, null, G(100m), G(0m)).ShouldBeEmpty();
        ThresholdMonitor.Crossings([Eighty], BalanceModel.Postpaid, null, G(0m), G(1_000_000m)).ShouldBeEmpty();
    }

    [Fact]
    public void Crossings_ZeroLimitNothingOwed_IsNotBeyond()
    {
        Hundred.IsBeyond(BalanceModel.Postpaid, G(0m), G(0m)).ShouldBeFalse();
        Hundred.IsBeyond(BalanceModel.Postpaid, G(0.01m), G(0m)).ShouldBeTrue();
    }

    [Fact]
    public void PercentOfCreditLimit_NotPositive_IsRefused()
    {
        Should.Throw<BillingRuleException>(() => BalanceThreshold.PercentOfCreditLimit(0m));
        Should.Throw<BillingRuleException>(() => BalanceThreshold.PercentOfCreditLimit(-5m));
        Eighty.ToString().ShouldBe("80% of credit limit");
        BelowFive.ToString().ShouldBe("funds below 5 GBP");
    }

    [Property(MaxTest = 1000)]
    public Property Crossings_AnyWalk_AlternateReachedAndClearedAndEndOnTheSideTheBalanceIsOn()
    {
        var walk = Arb.From(
            from start in Gen.Choose(0, 200)
            from steps in Gen.Choose(-60, 60).ArrayOf()
            select (start, steps),
            x => x.steps.Length == 0 ? [] : new[] { (x.start, x.steps[..^1]), (x.start, x.steps[1..]) });

        return Prop.ForAll(walk, x =>
        {
            BalanceThreshold[] thresholds = [Eighty, Hundred];
            var beyond = thresholds.Select(t => x.start > 0 && x.start >= t.Percent!.Value).ToArray(); // limit 100: percent = amount
            var balance = (decimal)x.start;
            foreach (var step in x.steps)
            {
                var next = balance + step;
                var crossings = ThresholdMonitor.Crossings(thresholds, BalanceModel.Postpaid, G(100m), G(balance), G(next));
                foreach (var crossing in crossings)
                {
                    var i = Array.IndexOf(thresholds, crossing.Threshold);

                    // A Reached report only from the near side, a Cleared report only from beyond: each crossing once.
                    if (beyond[i] != (crossing.Direction == ThresholdDirection.Cleared))
                    {
                        return false;
                    }

                    beyond[i] = !beyond[i];
                }

                balance = next;
            }

            // Tracking only the reports, we end on the side the final balance is really on.
            return beyond[0] == (balance > 0m && balance >= 80m) && beyond[1] == (balance > 0m && balance >= 100m);
        });
    }

    [Theory]
    [InlineData("1000000000000000000", "79228162514264337593543950335", false)]
    [InlineData("-1000000000000000000", "79228162514264337593543950335", true)]
    public void IsBeyond_LimitTimesPercentBeyondDecimal_AnswersWithoutOverflow(string limit, string percent, bool beyond)
    {
        var threshold = BalanceThreshold.PercentOfCreditLimit(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture));
        var creditLimit = G(decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture));
        threshold.IsBeyond(BalanceModel.Postpaid, G(1m), creditLimit).ShouldBe(beyond);
        threshold.IsBeyond(BalanceModel.Postpaid, G(Money.MaxAmount), creditLimit).ShouldBe(beyond);
    }

    [Fact]
    public void FundsBelow_KeepsItsAmountAndSaysIt()
    {
        BelowFive.Amount.ShouldBe(G(5m));
        BelowFive.Percent.ShouldBeNull();
        Eighty.Percent.ShouldBe(80m);
        Eighty.Amount.ShouldBeNull();
        BelowFive.ToString().ShouldBe("funds below " + G(5m));
        BelowFive.ShouldNotBe(BalanceThreshold.FundsBelow(new Money(5m, Currency.EUR)));
    }

    [Fact]
    public void IsBeyond_AmountsInAnotherCurrency_IsARuleErrorNamingTheField()
    {
        var eur = new Money(1m, Currency.EUR);
        Should.Throw<BillingRuleException>(() => BelowFive.IsBeyond(BalanceModel.Prepaid, eur, null)).Field.ShouldBe("BalanceThreshold.Amount");
        Should.Throw<BillingRuleException>(() => Eighty.IsBeyond(BalanceModel.Postpaid, G(1m), eur)).Field.ShouldBe("BalanceThreshold.CreditLimit");
        Should.Throw<BillingRuleException>(() => ThresholdMonitor.Crossings([Eighty], BalanceModel.Postpaid, null, G(1m), eur)).Field.ShouldBe("ThresholdMonitor.BalanceAfter");
    }

    [Fact]
    public void IsBeyond_DefaultMoney_IsAnArgumentError()
    {
        Should.Throw<ArgumentException>(() => BelowFive.IsBeyond(BalanceModel.Prepaid, default, null)).ParamName.ShouldBe("balance");
        Should.Throw<ArgumentException>(() => Eighty.IsBeyond(BalanceModel.Postpaid, G(1m), default(Money))).ParamName.ShouldBe("creditLimit");
        Should.Throw<ArgumentException>(() => BalanceThreshold.FundsBelow(default)).ParamName.ShouldBe("amount");
    }
}
